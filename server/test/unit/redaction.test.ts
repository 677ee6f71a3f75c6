// What may leave for a log line or a dead letter: error text with addresses, URL passwords and
// tokens masked, cut to one short line.
import { describe, expect, it } from 'vitest';
import { errorSummary, redactText } from '../../src/platform/logging/redaction.ts';

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

describe('redactText', () => {
  it('masks e-mail addresses, URL credentials, bearer tokens and long tokens', () => {
    expect(redactText('550 5.1.1 <åsa.lind+forum@kommun.example.se>: mailbox unavailable')).toBe('550 5.1.1 <[e-mail]>: mailbox unavailable');
    expect(redactText('connect ECONNREFUSED smtps://forum:hemligt@smtp.example.se:465')).toBe('connect ECONNREFUSED smtps://[credentials]@smtp.example.se:465');
    expect(redactText('mongodb://admin:pa55@db:27017/?replicaSet=rs0 failed')).toBe('mongodb://[credentials]@db:27017/?replicaSet=rs0 failed');
    expect(redactText('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [redacted]');
    expect(redactText(`/verify-email?token=${TOKEN}`)).toBe('/verify-email?token=[redacted]');
  });

  it('masks a token or an address in a plain path too, which short paths skip the patterns for', () => {
    expect(redactText(`/reset-password/${TOKEN}`)).toBe('/reset-password/[redacted]');
    expect(redactText(`/${TOKEN.slice(0, 41)}`)).toBe('/[redacted]');
    expect(redactText('/u/a@b.se')).toBe('/u/[e-mail]');
    expect(redactText('/trpc/threads.list,arenas.list')).toBe('/trpc/threads.list,arenas.list');
  });

  it('keeps what is needed to understand the failure: ids, codes, hosts', () => {
    const text = 'event 42 for mail 5f1e2d3c4b5a69788796a5b4 failed: getaddrinfo ENOTFOUND smtp.example.se';
    expect(redactText(text)).toBe(text);
    const stack = '    at SMTPConnection._formatError (/app/node_modules/.pnpm/nodemailer@7.0.6/node_modules/nodemailer/lib/smtp-connection/index.js:809:19)';
    expect(redactText(stack)).toBe(stack);
  });
});

describe('errorSummary', () => {
  it('is the code and the first line of the message, masked, never the stack', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <x@y.se>: no\nsecond line"), { code: 'EENVELOPE' });
    expect(errorSummary(error)).toBe("EENVELOPE: Can't send mail - all recipients were rejected: 550 <[e-mail]>: no");
  });

  it('cuts a long message to 300 characters', () => {
    const summary = errorSummary(new Error('word '.repeat(200)));
    expect(summary).toHaveLength(300);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('describes what is thrown that is no Error', () => {
    expect(errorSummary('plain text to anna@example.se')).toBe('plain text to [e-mail]');
    expect(errorSummary(new Error(''))).toBe('Unknown error');
  });
});
