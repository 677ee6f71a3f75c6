// Who may call a procedure shows in its builder: anyone, someone signed in, or someone signed in
// whose e-mail address is confirmed (everyone who publishes anything). Inside, `ctx.actor` is
// then known not to be null, and the finer rules are the policy module's.
import { AppError } from '../app-error.ts';
import { hasVerifiedEmail } from '../policy/policy.ts';
import { publicProcedure } from './trpc.ts';

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const confirmedProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!hasVerifiedEmail(ctx.actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first');
  return next();
});
