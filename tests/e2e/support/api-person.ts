// Someone who talks to the built app through its API as their browser would: a cookie jar, tRPC over
// HTTP. Used to set up what a test is not about (accounts, organisations, dialogues) quickly; the
// cookie can be handed to a Chromium context to browse as that person.
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../../server/src/app-router.ts';
import { mailedLink } from './mailbox.ts';

export type ApiPerson = { api: TRPCClient<AppRouter>; cookie(): string };

export function apiPerson(url: string): ApiPerson {
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
  return { api: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, fetch: jarFetch })] }), cookie: () => cookie };
}

/** Registers, confirms the address through the mailed link and signs in with the password. */
export async function signedUpPerson(
  app: { url: string; dataDir: string },
  who: { name: string; email: string; password: string; representation: 'buyer' | 'supplier' },
): Promise<ApiPerson> {
  const person = apiPerson(app.url);
  await person.api.accounts.register.mutate({ ...who, language: 'sv' });
  const link = new URL(await mailedLink(app.dataDir, who.email, 'verify-email'), app.url);
  await person.api.accounts.verifyEmail.mutate({ token: link.searchParams.get('token') ?? '' });
  // Signing in again grants a role ADMIN_EMAILS gives, at the first sign-in after confirming.
  await person.api.accounts.login.mutate({ email: who.email, password: who.password });
  return person;
}
