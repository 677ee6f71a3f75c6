// What is kept only as long as it is needed (issue 7 §4): ended logins and expired mailed-link
// tokens are deleted, so they do not linger in the store (and leave its log at the next
// compaction). A redeemed token is kept until it expires, so a second use still reads "used".
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { ACCOUNT_TOKENS, AUTH_SESSIONS, type AccountTokenDocument, type AuthSessionDocument } from './documents.ts';

export async function pruneExpiredAccountRecords(store: DocumentStore, now: Date, sessionIdleMinutes: number): Promise<number> {
  const nowIso = now.toISOString();
  const idleSince = new Date(now.getTime() - sessionIdleMinutes * 60_000).toISOString();
  const sessions = await store
    .collection<AuthSessionDocument>(AUTH_SESSIONS)
    .deleteMany({ $or: [{ expiresAt: { $lt: nowIso } }, { lastSeenAt: { $lt: idleSince } }] });
  const tokens = await store.collection<AccountTokenDocument>(ACCOUNT_TOKENS).deleteMany({ expiresAt: { $lt: nowIso } });
  return sessions + tokens;
}
