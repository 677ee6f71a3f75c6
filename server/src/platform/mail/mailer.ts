// The mail port (DESIGN.md §4). The notifier sends e-mail through it; SMTP carries it in
// production (SMTP_URL), and without SMTP each message becomes an .eml file under DATA_DIR/mail
// that a developer can open in any mail client. The contract suite in server/test/mail proves both.

export type MailMessage = {
  /** One address, e.g. 'anna@example.se' or 'Anna Svensson <anna@example.se>'. */
  to: string;
  subject: string;
  text: string;
  /** When given, the message is multipart/alternative with `text` as the plain part. */
  html?: string;
  /**
   * An https (or http) address that turns this kind of mail off: sent as `List-Unsubscribe`, with
   * `List-Unsubscribe-Post` for one-click unsubscribing (RFC 8058).
   */
  unsubscribeUrl?: string;
};

export interface Mailer {
  readonly engine: 'files' | 'smtp';
  /** Resolves once the message is handed over: accepted by the SMTP server, or its file written. */
  send(message: MailMessage): Promise<void>;
  /**
   * Deletes what this engine itself keeps of mail to `address` written before `before`, for an
   * erasure: the files engine's .eml files that mention it. The address may belong to someone new
   * by now, whose mail stays. SMTP keeps nothing (sent mail is the recipient's). Resolves with the
   * number of messages deleted.
   */
  forgetRecipient(address: string, before: Date): Promise<number>;
  close(): Promise<void>;
}
