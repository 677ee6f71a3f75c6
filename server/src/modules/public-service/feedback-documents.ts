import type { FeedbackKind, Language } from '@dialogforum/contracts';

/** Feedback on the service's accessibility (or anything else), as the operators receive it. */
export type FeedbackDocument = {
  _id: string;
  /** F-<year>-<number>: what the sender and the operators quote. */
  reference: string;
  kind: FeedbackKind;
  message: string;
  page: string | null;
  name: string | null;
  email: string | null;
  language: Language;
  receivedAt: string;
  /** Sent while signed in; who is not kept (the sender chooses what to tell in the form). */
  signedIn: boolean;
};

export const FEEDBACK = 'feedback';

/** Feedback is kept two years, then deleted with the hourly pruning (the privacy notice says so). */
export const FEEDBACK_KEPT_DAYS = 730;
