// Reads the mail the app sent, as the person would: the .eml files the embedded mail engine writes
// under DATA_DIR/mail, parsed by an independent MIME parser (postal-mime). postal-mime is a dev
// dependency of the server package, not of the root, so it is resolved from there.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The parts of postal-mime's result these tests read. */
type ParsedMail = { to?: { address?: string }[]; subject?: string; text?: string; html?: string; headers?: { key: string; value: string }[] };
type MailParser = { parse(message: Uint8Array): Promise<ParsedMail> };

const root = path.resolve(import.meta.dirname, '../../..');
const PostalMime = createRequire(path.join(root, 'server/package.json'))('postal-mime') as MailParser;

export type MailedLinkKind = 'verify-email' | 'reset-password' | 'invitations/accept';

/**
 * The link of that kind in the newest mail to `address`, as a path on the app
 * (`/verify-email?token=…`); waits for the mail, which is sent after the request commits. The link
 * in the mail starts with PUBLIC_URL; only its path and query are kept, so the caller opens it on
 * the app it started.
 */
export async function mailedLink(dataDir: string, address: string, kind: MailedLinkKind, timeoutMs = 8000): Promise<string> {
  const directory = path.join(dataDir, 'mail');
  const pattern = new RegExp(`https?://[^\\s/]+/${kind}\\?token=[A-Za-z0-9_-]{43}`, 'g');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // File names start with the time they were written, so the newest sorts last.
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).sort().reverse();
    for (const file of files) {
      const mail = await PostalMime.parse(await readFile(path.join(directory, file)));
      if (!mail.to?.some((to) => to.address?.toLowerCase() === address.toLowerCase())) continue;
      const link = (mail.text ?? '').match(pattern)?.at(-1);
      if (link) {
        const url = new URL(link);
        return url.pathname + url.search;
      }
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} link mailed to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text of the newest mail to `address` whose subject matches; waits for it like `mailedLink`. */
export async function mailText(dataDir: string, address: string, subject: RegExp, timeoutMs = 8000): Promise<string> {
  const directory = path.join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).sort().reverse();
    for (const file of files) {
      const mail = await PostalMime.parse(await readFile(path.join(directory, file)));
      if (mail.to?.some((to) => to.address?.toLowerCase() === address.toLowerCase()) && subject.test(mail.subject ?? '')) return mail.text ?? '';
    }
    if (Date.now() > deadline) throw new Error(`no mail matching ${subject} to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every mail to `address` whose subject matches, oldest first; waits until there is one. */
export async function mailsTo(dataDir: string, address: string, subject: RegExp, timeoutMs = 8000): Promise<ParsedMail[]> {
  const directory = path.join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).sort();
    const found: ParsedMail[] = [];
    for (const file of files) {
      const mail = await PostalMime.parse(await readFile(path.join(directory, file)));
      if (mail.to?.some((to) => to.address?.toLowerCase() === address.toLowerCase()) && subject.test(mail.subject ?? '')) found.push(mail);
    }
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
