// Error codes the server puts in every tRPC error (`error.data.appCode`). The client turns a code
// into a sentence in the reader's language; the server's own message is English and for logs.
export const APP_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_CREDENTIALS',
  'EMAIL_NOT_VERIFIED',
  'WEAK_PASSWORD',
  'INVALID_TOKEN',
  'ORGANISATION_EXISTS',
  'ALREADY_MEMBER',
  'LAST_OWNER',
  'NOT_A_VERIFIED_BUYER',
  'DEADLINE_PASSED',
  /** A deadline (questions, tenders) was set to a moment that has passed. */
  'DEADLINE_IN_PAST',
  /** The dialogue is archived: no new questions, no edits until its buyers bring it back. */
  'DIALOGUE_ARCHIVED',
  /** The question waits in the buyers' inbox: publish it with its answer, or answer it privately. */
  'QUESTION_PENDING',
  /** The question was already published or answered privately. */
  'QUESTION_NOT_PENDING',
  /** Only a question asked in confidence may be answered privately. */
  'NOT_CONFIDENTIAL',
  'THREAD_LOCKED',
  /** Registration closed at its deadline, or the session was cancelled or has started. */
  'REGISTRATION_CLOSED',
  /** The session has ended or was cancelled: it no longer changes. */
  'SESSION_CLOSED',
  /** The library item was withdrawn: it changes no more. */
  'ITEM_WITHDRAWN',
  /** The relay handover was withdrawn: it changes no more and takes no baton-taking. */
  'HANDOVER_WITHDRAWN',
  /** A relay handover is published once per project; later stages are new versions of it. */
  'HANDOVER_EXISTS',
  /** The opportunity was withdrawn: it changes no more and takes no new interest or consortium. */
  'OPPORTUNITY_WITHDRAWN',
  /** The lead organisation of a consortium neither leaves it nor is removed from it. */
  'CONSORTIUM_LEAD',
  /** The session is not live: it has not been started, or it has ended (its live room takes nothing). */
  'SESSION_NOT_LIVE',
  /** The slot was booked by someone else first, or has started. */
  'SLOT_TAKEN',
  /** The organisation already has a meeting in this round: one each, for equal treatment. */
  'ALREADY_BOOKED',
  /** The round is closed: its minutes are published and it no longer changes. */
  'ROUND_CLOSED',
  /** A round closes only when every meeting held has its minutes. */
  'MINUTES_MISSING',
  /** The poll was closed by the host: it takes no more answers. */
  'POLL_CLOSED',
  /** An outcome is recorded when the procurement has ended: in contract & follow-up, or archived. */
  'PROCUREMENT_NOT_ENDED',
  'PAYLOAD_TOO_LARGE',
  /** An attachment over the size limit (ATTACHMENT_MAX_BYTES). */
  'FILE_TOO_LARGE',
  /** An attachment whose content is not PDF or an office document we accept. */
  'FILE_TYPE_NOT_ALLOWED',
  /** A dialogue or an answer already has as many attachments as it may. */
  'TOO_MANY_ATTACHMENTS',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'BATCH_TOO_LARGE',
  /** The search engine does not answer right now; everything else works. */
  'SEARCH_UNAVAILABLE',
  /** The person keeps as many saved searches as one may (SAVED_SEARCH_MAX). */
  'TOO_MANY_SAVED_SEARCHES',
  'INTERNAL',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** One field's problem, in a form the client can translate: zod's issue code and its limits. */
export type FieldIssue = {
  path: string;
  code: string;
  minimum?: number;
  maximum?: number;
  format?: string;
};

export type AppErrorData = {
  appCode: AppErrorCode;
  fieldIssues: FieldIssue[];
  /** With RATE_LIMITED: when to try again. */
  retryAfterSeconds?: number;
};
