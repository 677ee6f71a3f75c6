// E-mailed single-use tokens (verify an address, reset a password). The link carries the token;
// the store keeps its hash, the purpose and the expiry, and marks it used.
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { ACCOUNT_TOKENS, type AccountTokenDocument } from './documents.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';

export const TOKEN_LIFETIME_MS: Record<AccountTokenDocument['purpose'], number> = {
  'verify-email': 48 * 3_600_000,
  'reset-password': 60 * 60_000,
};

export async function issueAccountToken(
  scope: TransactionScope,
  userId: string,
  purpose: AccountTokenDocument['purpose'],
  now: Date,
): Promise<string> {
  const token = newSessionToken();
  await scope.collection<AccountTokenDocument>(ACCOUNT_TOKENS).insertOne({
    _id: sessionIdOf(token),
    userId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
    usedAt: null,
  });
  return token;
}

/** Marks the token used and returns its user, or null when it is unknown, used, expired or for another purpose. */
export async function redeemAccountToken(
  scope: TransactionScope,
  token: string,
  purpose: AccountTokenDocument['purpose'],
  now: Date,
): Promise<string | null> {
  const redeemed = await scope
    .collection<AccountTokenDocument>(ACCOUNT_TOKENS)
    .findOneAndUpdate(
      { _id: sessionIdOf(token), purpose, usedAt: null, expiresAt: { $gt: now.toISOString() } },
      { $set: { usedAt: now.toISOString() } },
    );
  return redeemed?.userId ?? null;
}
