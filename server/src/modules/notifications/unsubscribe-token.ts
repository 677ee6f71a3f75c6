// The token in an unsubscribe link: the person's id and the link's one purpose (all notification
// mail, or one saved search's mail, then with that search's id), signed with HMAC-SHA256 under a
// key the store keeps. It opens nothing else (no session, no other setting),
// needs no sign-in, and works as long as the account exists: a link in an old mail must still stop
// the mail. Knowing someone's id is not enough to forge one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DuplicateKeyError } from '../../platform/store/document-store.ts';
import { SIGNING_KEYS, type SigningKeyDocument } from './documents.ts';

const KEY_ID = 'unsubscribe-links';
const PURPOSE = 'unsubscribe-notification-mail';
const SAVED_SEARCH_PURPOSE = 'unsubscribe-saved-search-mail';

/** What a valid link stops: the person's notification mail, or one of their saved searches' mail. */
export type UnsubscribeClaim = { userId: string; savedSearchId: string | null };

export type UnsubscribeSigner = {
  sign(userId: string): string;
  signSavedSearch(userId: string, savedSearchId: string): string;
  /** What the token was made for, or null for anything not signed by us for one of these purposes. */
  verify(token: string): UnsubscribeClaim | null;
};

const signers = new WeakMap<DocumentStore, Promise<UnsubscribeSigner>>();

/** The store's signer, loaded once per store (the key never changes once made). */
export function unsubscribeSigner(store: DocumentStore, now: Date): Promise<UnsubscribeSigner> {
  let signer = signers.get(store);
  if (!signer) {
    signer = openUnsubscribeSigner(store, now);
    signers.set(store, signer);
    signer.catch(() => signers.delete(store));
  }
  return signer;
}

/** Loads the signing key, making it on the first start (the first node to store it wins). */
async function openUnsubscribeSigner(store: DocumentStore, now: Date): Promise<UnsubscribeSigner> {
  const keys = store.collection<SigningKeyDocument>(SIGNING_KEYS);
  let stored = await keys.findOne({ _id: KEY_ID });
  if (!stored) {
    try {
      await keys.insertOne({ _id: KEY_ID, key: randomBytes(32).toString('base64url'), createdAt: now.toISOString() });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    stored = await keys.findOne({ _id: KEY_ID });
    if (!stored) throw new Error('the unsubscribe signing key is missing after it was stored');
  }
  const key = Buffer.from(stored.key, 'base64url');
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  const signed = (claims: Record<string, string>) => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${mac(payload).toString('base64url')}`;
  };
  return {
    sign: (userId) => signed({ p: PURPOSE, u: userId }),
    signSavedSearch: (userId, savedSearchId) => signed({ p: SAVED_SEARCH_PURPOSE, u: userId, s: savedSearchId }),
    verify(token) {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; u?: unknown; s?: unknown };
        if (typeof claims.u !== 'string') return null;
        if (claims.p === PURPOSE) return { userId: claims.u, savedSearchId: null };
        return claims.p === SAVED_SEARCH_PURPOSE && typeof claims.s === 'string' ? { userId: claims.u, savedSearchId: claims.s } : null;
      } catch {
        return null;
      }
    },
  };
}
