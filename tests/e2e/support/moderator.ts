// The platform's moderator: an admin by ADMIN_EMAILS, who signs up and confirms the address through
// the mailed link like anyone. Tests about something else verify a buyer's organisation (which the
// server requires before a buyer publishes) through the API with the moderator's own cookie, as a
// browser would; tests of moderation itself log in with these credentials and use /moderation.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../../../server/src/app-router.ts';
import { mailedLink } from './mailbox.ts';

export const MODERATOR_EMAIL = 'moderator@dialogforum.example';
export const MODERATOR_PASSWORD = 'moderatorns långa lösenord';

export type Moderator = { verifyOrganisation(name: string): Promise<void> };

export async function signUpModerator(app: { url: string; dataDir: string }): Promise<Moderator> {
  let cookie = '';
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      cookie = /max-age=0|expires=Thu, 01 Jan 1970/i.test(line) ? '' : pair;
    }
    return response;
  };
  const api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${app.url}/trpc`, fetch: jarFetch })] });
  const credentials = { email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD };
  await api.accounts.register.mutate({ ...credentials, name: 'Mona Moderator', representation: 'supplier', language: 'sv' });
  const link = new URL(await mailedLink(app.dataDir, MODERATOR_EMAIL, 'verify-email'), app.url);
  await api.accounts.verifyEmail.mutate({ token: link.searchParams.get('token') ?? '' });
  // The admin role is granted at the first sign-in after the address is confirmed.
  await api.accounts.login.mutate(credentials);
  return {
    async verifyOrganisation(name) {
      const waiting = await api.organisations.verificationQueue.query();
      const organisation = waiting.find((candidate) => candidate.name === name);
      if (!organisation) throw new Error(`${name} is not waiting for verification`);
      await api.organisations.verify.mutate({ organisationId: organisation.id });
    },
  };
}
