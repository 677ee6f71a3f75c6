// The public service an agency runs Dialogforum as: who operates it (from configuration), its
// editable pages (terms of use, about the service) and feedback on accessibility that reaches the
// operators (DOS-lagen asks for a way to report a barrier and to ask for content in another form).
import { z } from 'zod';
import { emailSchema, languageSchema, lineOfText, longText } from './inputs.ts';

/** The operating agency as the web app, mail and exports show it. Unset settings are null. */
export type OperatorView = {
  name: string;
  /** Formatted NNNNNN-NNNN. */
  organisationNumber: string | null;
  email: string | null;
  postalAddress: string | null;
  phone: string | null;
  website: string | null;
  /** The data protection officer's address (GDPR art. 13.1 b). */
  dpoEmail: string | null;
  /** Where the browser fetches the logo: `/operator/logo` (a file in DATA_DIR) or the configured URL. */
  logoUrl: string | null;
  /** How long a login lasts (SESSION_IDLE_MINUTES, SESSION_TTL_HOURS): the privacy notice states it. */
  sessionRules: { idleMinutes: number; ttlHours: number };
};

export const SERVICE_PAGES = ['terms', 'about'] as const;
export type ServicePageName = (typeof SERVICE_PAGES)[number];
export const servicePageInput = z.strictObject({ name: z.enum(SERVICE_PAGES), language: languageSchema });
export type ServicePageInput = z.infer<typeof servicePageInput>;
export type ServicePageView = { name: ServicePageName; language: 'sv' | 'en'; markdown: string };

/** What the feedback is about: a barrier met, a wish for content in an accessible form, or else. */
export const FEEDBACK_KINDS = ['barrier', 'accessible-format', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_MESSAGE_MAX = 4000;

/** A page of this service the feedback is about: a path such as /dialogues/abc, nothing else. */
const pagePath = z
  .string()
  .trim()
  .max(300)
  .regex(/^(\/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?$/, { error: 'page_path' });

/** Optional words: empty means not given (and a wrong value is refused with the schema's own issue). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const feedbackInput = z.strictObject({
  kind: z.enum(FEEDBACK_KINDS),
  message: longText(10, FEEDBACK_MESSAGE_MAX),
  page: optional(pagePath),
  name: optional(lineOfText(1, 120)),
  /** Where the receipt (and any answer) goes; without it the operators cannot answer. */
  email: optional(emailSchema),
  language: languageSchema,
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

/** Receipt of a feedback: its reference, as the receipt mail and the page say it. */
export type FeedbackReceipt = { reference: string; receiptMailed: boolean };

export const feedbackListInput = z.strictObject({ limit: z.number().int().min(1).max(200).default(100) });

export type FeedbackView = {
  id: string;
  reference: string;
  kind: FeedbackKind;
  message: string;
  page: string | null;
  name: string | null;
  email: string | null;
  language: 'sv' | 'en';
  receivedAt: string;
  /** Whether it came from a signed-in person (who is not named here: the message may say who). */
  signedIn: boolean;
};
