// Password guessing is slowed down without locking the owner out. Ten wrong passwords from anywhere
// used to lock an account for 15 minutes, the right password too, so a competitor could keep a
// supplier from signing in before a question deadline. Now what waits is an *address* trying an
// account, never the account:
//
//  - an address with 5 wrong passwords for an account in 15 minutes waits until those 15 minutes
//    are over before it may try that account again (whatever the password), and after 20 in a day
//    until the day is over;
//  - an account with 10 wrong passwords in 15 minutes, from anywhere, is being guessed: while it is,
//    an address gets one wrong password for it per 15 minutes;
//  - an address with no wrong password for the account always gets through, so the owner, from
//    their own network, signs in whatever others are trying.
//
// A guesser thus gets five tries per address per quarter hour, one once the account is under
// attack, and twenty a day; with passwords of at least 12 characters that are in no breached list,
// that is hopeless without very many addresses. Every attempt also counts against the address's
// overall login limit (loginPerAddress, all accounts together). The counts go through the
// rate-limit port, so they are shared between nodes when its engine is.
import type { RateLimitVerdict } from '../../platform/rate-limit/rate-limit-counter.ts';
import type { RateLimiters } from '../../platform/rate-limit/rate-limits.ts';

export type SignInAttempt = { email: string; address: string };

const accountKey = (attempt: SignInAttempt) => `account:${attempt.email}`;
const pairKey = (attempt: SignInAttempt) => `account:${attempt.email}|address:${attempt.address}`;

/** Whether this address may try this account's password now (before the password is checked). */
export async function signInVerdict(limiters: RateLimiters, attempt: SignInAttempt): Promise<RateLimitVerdict> {
  const pair = pairKey(attempt);
  const recent = await limiters.signInFailuresPerAccountAndAddress.peek(pair);
  if (!recent.allowed) return recent;
  const today = await limiters.signInFailuresPerAccountAndAddressPerDay.peek(pair);
  if (!today.allowed) return today;
  const beingGuessed = !(await limiters.signInFailuresPerAccount.peek(accountKey(attempt))).allowed;
  return beingGuessed ? limiters.signInFailuresWhileGuessed.peek(pair) : { allowed: true };
}

/** Counts a wrong password (or an unknown address, or a blocked account: they answer alike). */
export async function recordSignInFailure(limiters: RateLimiters, attempt: SignInAttempt): Promise<void> {
  const pair = pairKey(attempt);
  await limiters.signInFailuresPerAccountAndAddress.take(pair);
  await limiters.signInFailuresPerAccountAndAddressPerDay.take(pair);
  await limiters.signInFailuresWhileGuessed.take(pair);
  await limiters.signInFailuresPerAccount.take(accountKey(attempt));
}
