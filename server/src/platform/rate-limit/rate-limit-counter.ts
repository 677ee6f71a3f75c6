// The port every rate limit counts through: a key's count in the current fixed window. Today's engine
// keeps the windows in this process's memory (rate-limiter.ts), so each node counts its own traffic;
// an engine that counts in the document store lets several nodes share one count (issue 7 §6), which
// is why the port is asynchronous.
export type RateLimitRule = { limit: number; windowMs: number };

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimitCounter {
  /** Adds `cost` (1 unless said) to `key`'s count in the current window; allowed while the count is within the limit. */
  take(key: string, cost?: number): Promise<RateLimitVerdict>;
  /** Whether `key` has already reached the limit, without counting: for limits charged after the fact. */
  peek(key: string): Promise<RateLimitVerdict>;
}

/** Builds the counter for one named rule. The engine is chosen once, where the app is composed. */
export type RateLimitEngine = (name: string, rule: RateLimitRule) => RateLimitCounter;
