// Reads the mail the product sent, as the person would: the .eml files the embedded mail engine
// writes under DATA_DIR/mail, parsed by an independent MIME parser.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime, { type Email } from 'postal-mime';

export async function mailTo(dataDir: string, address: string, subject: RegExp, timeoutMs = 5000): Promise<Email[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found: Email[] = [];
    const dir = path.join(dataDir, 'mail');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).sort();
    for (const file of files) {
      // An erasure deletes mail to the erased address while this reads (issue 7 §4).
      const content = await readFile(path.join(dir, file)).catch(() => null);
      if (content === null) continue;
      const email = await PostalMime.parse(content);
      if (email.to?.some((to) => to.address === address) && subject.test(email.subject ?? '')) found.push(email);
    }
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The token of the newest link of that kind (`verify-email`, `reset-password`) mailed to `address`. */
export async function mailedToken(dataDir: string, address: string, link: 'verify-email' | 'reset-password'): Promise<string> {
  const subject = link === 'verify-email' ? /e-post|e-mail/i : /lösenord|password/i;
  const mails = await mailTo(dataDir, address, subject);
  const tokens = mails.flatMap((mail) => [...(mail.text ?? '').matchAll(new RegExp(`/${link}\\?token=([A-Za-z0-9_-]{43})`, 'g'))].map((m) => m[1]));
  const token = tokens.at(-1);
  if (!token) throw new Error(`no ${link} link mailed to ${address}`);
  return token;
}
