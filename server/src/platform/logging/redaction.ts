// Text that leaves the product's data for a log line or a dead letter (error messages from SMTP
// servers, drivers, our own code) may quote an e-mail address, a URL with its password or a
// single-use token. Those are masked here, the one place that decides what such text may hold.

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
/** No slash on either side: `nodemailer@7.0.6/lib/x.js` in a stack trace is a path, not an address. */
const EMAIL_ADDRESS = /[^\s@<>"'()[\],;:/]+@[^\s@<>"'()[\],;:/]+\.[a-z]{2,}/gi;
const BEARER = /\b(bearer\s+)\S+/gi;
/** Session tokens and mailed link tokens are 43 base64url characters; ids are at most 40 hex. */
const TOKEN_LIKE = /[A-Za-z0-9_-]{41,}/g;

/**
 * Text none of the patterns can match: no ':', '@' or whitespace, and too short for a token (most
 * request paths). Answered as it is, since four global replaces cost more than the rest of a
 * request line.
 */
const NOTHING_TO_MASK = /^[\w.,/-]{0,40}$/;

export function redactText(text: string): string {
  if (NOTHING_TO_MASK.test(text)) return text;
  return text
    .replace(URL_CREDENTIALS, '$1[credentials]@')
    .replace(EMAIL_ADDRESS, '[e-mail]')
    .replace(BEARER, '$1[redacted]')
    .replace(TOKEN_LIKE, '[redacted]');
}

const SUMMARY_LIMIT = 300;

/**
 * One line about what went wrong, safe to keep and show to an admin: the error's code and the first
 * line of its message, masked and cut short. Never the stack, never the objects it carries.
 */
export function errorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
  const firstLine = message.split(/\r?\n/, 1)[0]?.trim() || 'Unknown error';
  const line = redactText(code && !firstLine.includes(code) ? `${code}: ${firstLine}` : firstLine);
  return line.length > SUMMARY_LIMIT ? `${line.slice(0, SUMMARY_LIMIT - 1)}…` : line;
}
