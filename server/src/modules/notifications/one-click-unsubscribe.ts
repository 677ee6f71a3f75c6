// RFC 8058 one-click unsubscribing: a mail client that offers "unsubscribe" next to our mail POSTs
// `List-Unsubscribe=One-Click` to the List-Unsubscribe address, with no cookie and no page. The
// signed token in the address is the whole authorisation, so no origin check applies (a page that
// knows the token could as well click the button). A GET of the same address is the web app's
// page, which changes nothing until the person presses its button.
import type { Context } from 'hono';
import { AppError } from '../../platform/app-error.ts';
import type { Services } from '../../platform/services.ts';
import { unsubscribeInput } from '@dialogforum/contracts';
import { unsubscribe } from './notification-commands.ts';
import { unsubscribeSigner } from './unsubscribe-token.ts';

export function oneClickUnsubscribe(services: Services, clientAddress: (c: Context) => string) {
  return async (c: Context): Promise<Response> => {
    const verdict = await services.rateLimiters.tokenRedemptionPerAddress.take(`address:${clientAddress(c)}`);
    if (!verdict.allowed) return c.text('Too many requests', 429, { 'Retry-After': String(verdict.retryAfterSeconds) });
    const parsed = unsubscribeInput.safeParse({ token: c.req.query('token') ?? '' });
    if (!parsed.success) return c.text('This unsubscribe link is not valid.', 400);
    const signer = await unsubscribeSigner(services.store, services.clock.now());
    const claim = await unsubscribe(services, signer, parsed.data.token).catch((error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    });
    if (!claim) return c.text('This unsubscribe link is not valid.', 400);
    if (claim.savedSearchId) return c.text('You will get no more e-mail for this saved search from Dialogforum.', 200);
    return c.text('You will get no more e-mail about notifications from Dialogforum.', 200);
  };
}
