// The shared engine of the rate-limit port: counts in the document store, so that every node
// behind the load balancer counts against the same limit (used on MongoDB; on the embedded store
// there is only one node, and counting in memory costs nothing). Fixed windows aligned to the
// clock (a minute's window starts on the minute), so every node names the same window without
// asking: one document per rule, key and window, and taking is one upsert with `$inc` that answers
// the count after it. Peeking is one read by id.
//
// Keys name people and client addresses (and, for the registration mail limit, an e-mail
// address): the document id carries a SHA-256 of the key instead, and a document is deleted once
// its window has ended (`pruneRateLimitCounts`, every minute on every node).
import { createHash } from 'node:crypto';
import { DuplicateKeyError, type DocumentStore } from '../store/document-store.ts';
import type { RateLimitCounter, RateLimitEngine, RateLimitRule, RateLimitVerdict } from './rate-limit-counter.ts';

export type RateLimitCountDocument = { _id: string; count: number; /** Epoch ms when the window ends. */ endsAt: number };

export const RATE_LIMIT_COUNTS = 'rateLimitCounts';

export function storeRateLimits(store: DocumentStore, now: () => number = Date.now): RateLimitEngine {
  return (name, rule) => new StoreRateLimiter(store, name, rule, now);
}

class StoreRateLimiter implements RateLimitCounter {
  constructor(
    private readonly store: DocumentStore,
    private readonly name: string,
    private readonly rule: RateLimitRule,
    private readonly now: () => number,
  ) {}

  async take(key: string, cost = 1): Promise<RateLimitVerdict> {
    const window = this.window(key);
    const counts = this.store.collection<RateLimitCountDocument>(RATE_LIMIT_COUNTS);
    const upsert = () => counts.findOneAndUpdate({ _id: window.id }, { $inc: { count: cost }, $setOnInsert: { endsAt: window.endsAt } }, { upsert: true });
    // Two nodes opening the same window at once: one inserts, the other's upsert meets its id (a
    // race MongoDB usually retries itself); the second try finds the document.
    const counted = await upsert().catch((error: unknown) => {
      if (error instanceof DuplicateKeyError) return upsert();
      throw error;
    });
    return (counted?.count ?? cost) > this.rule.limit ? this.blocked(window.endsAt) : { allowed: true };
  }

  async peek(key: string): Promise<RateLimitVerdict> {
    const window = this.window(key);
    const counted = await this.store.collection<RateLimitCountDocument>(RATE_LIMIT_COUNTS).findOne({ _id: window.id });
    return (counted?.count ?? 0) >= this.rule.limit ? this.blocked(window.endsAt) : { allowed: true };
  }

  private window(key: string): { id: string; endsAt: number } {
    const startsAt = Math.floor(this.now() / this.rule.windowMs) * this.rule.windowMs;
    const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 22);
    return { id: `${this.name}:${startsAt}:${hashed}`, endsAt: startsAt + this.rule.windowMs };
  }

  private blocked(endsAt: number): RateLimitVerdict {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - this.now()) / 1000)) };
  }
}

/** Deletes the counts of windows that have ended; returns how many. */
export function pruneRateLimitCounts(store: DocumentStore, now = Date.now()): Promise<number> {
  return store.collection<RateLimitCountDocument>(RATE_LIMIT_COUNTS).deleteMany({ endsAt: { $lte: now } });
}

async function ensureRateLimitIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(RATE_LIMIT_COUNTS, [{ keys: { endsAt: 1 }, name: 'endsAt' }]);
}

/** How often each node deletes the counts of ended windows. */
const PRUNE_EVERY_MS = 60_000;

/** The shared engine, with its index, and the clean-up of ended windows running until `close`. */
export async function openStoreRateLimits(store: DocumentStore, onError: (error: unknown) => void): Promise<{ engine: RateLimitEngine; close(): void }> {
  await ensureRateLimitIndexes(store);
  const pruning = setInterval(() => void pruneRateLimitCounts(store).catch(onError), PRUNE_EVERY_MS);
  pruning.unref();
  return { engine: storeRateLimits(store), close: () => clearInterval(pruning) };
}
