import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.ts';

const defaults = { clientDist: '/tmp/client-dist' };

describe('configuration', () => {
  it('has working embedded defaults', () => {
    const config = readConfig({}, defaults);
    expect(config).toMatchObject({ port: 3000, mongodbUrl: undefined, meilisearchUrl: undefined, smtpUrl: undefined, trustProxy: false });
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT .*\(got "abc"\)$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT must be at most 65535/],
    [{ MONGODB_URL: 'http://db' }, /^Invalid configuration: MONGODB_URL must be a URL starting with mongodb:/],
    [{ MEILISEARCH_URL: 'not a url' }, /^Invalid configuration: MEILISEARCH_URL must be a URL/],
    [{ NODE_ENV: 'staging' }, /^Invalid configuration: NODE_ENV must be one of development, production, test/],
    [{ TRUST_PROXY: 'yes' }, /^Invalid configuration: TRUST_PROXY must be one of/],
    [{ LOG_LEVEL: 'verbose' }, /^Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ EVENT_MAX_ATTEMPTS: '0' }, /^Invalid configuration: EVENT_MAX_ATTEMPTS must be at least 1/],
    [{ ALLOWED_ORIGINS: 'https://forum.example/sv' }, /^Invalid configuration: ALLOWED_ORIGINS must be a comma-separated list of origins such as https:\/\/dialogforum\.example \(scheme, host and port only\)/],
    [{ ALLOWED_ORIGINS: 'https://forum.example, ftp://files.example' }, /^Invalid configuration: ALLOWED_ORIGINS must be a comma-separated list of origins/],
    [{ ALLOWED_ORIGINS: 'forum.example' }, /^Invalid configuration: ALLOWED_ORIGINS must be a comma-separated list of origins/],
    // A secret that is refused is not repeated; nor is a URL's password.
    [{ OPERATOR_TOKEN: 'kort-hemligt' }, /^Invalid configuration: OPERATOR_TOKEN must be 32 to 512 printable characters without spaces \(e\.g\. `openssl rand -hex 32`\)$/],
    [{ SMTP_URL: 'http://forum:hemligt@smtp.example' }, /^Invalid configuration: SMTP_URL must be a URL starting with smtp:\/\/ or smtps:\/\/ \(got "http:\/\/\[credentials\]@smtp\.example"\)$/],
  ])('names the variable and the problem for %o', (env, message) => {
    expect(() => readConfig(env, defaults)).toThrow(ConfigError);
    expect(() => readConfig(env, defaults)).toThrow(message);
  });

  it('reads ALLOWED_ORIGINS as origins, written as browsers send them', () => {
    expect(readConfig({ ALLOWED_ORIGINS: ' https://Forum.Example/, http://intranet.example:8080 ' }, defaults).allowedOrigins).toEqual([
      'https://forum.example',
      'http://intranet.example:8080',
    ]);
    expect(readConfig({}, defaults).allowedOrigins).toEqual([]);
  });

  it('stops the real start with one line on stderr and exit code 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../src/main.ts')], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must be a number (got "eighty")']);
  });
});
