// The in-memory engine of the rate-limit port: fixed-window counters per key. One node counts its own
// traffic; behind several nodes each enforces the limit separately, which the limits in
// rate-limits.ts are chosen to tolerate until a shared engine arrives.
import type { RateLimitCounter, RateLimitEngine, RateLimitRule, RateLimitVerdict } from './rate-limit-counter.ts';

type Window = { startedAt: number; count: number };

/** Keys kept at most; beyond it the oldest windows are dropped (a flood of new keys cannot grow memory). */
const MAX_KEYS = 100_000;

export class RateLimiter implements RateLimitCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, cost = 1): Promise<RateLimitVerdict> {
    const window = this.current(key);
    window.count += cost;
    return this.verdict(window);
  }

  async peek(key: string): Promise<RateLimitVerdict> {
    const window = this.windows.get(key);
    if (!window || this.now() - window.startedAt >= this.rule.windowMs) return { allowed: true };
    return window.count >= this.rule.limit ? this.blocked(window) : { allowed: true };
  }

  private verdict(window: Window): RateLimitVerdict {
    return window.count > this.rule.limit ? this.blocked(window) : { allowed: true };
  }

  private blocked(window: Window): RateLimitVerdict {
    const remainingMs = window.startedAt + this.rule.windowMs - this.now();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  private current(key: string): Window {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.rule.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= MAX_KEYS) this.dropOldest();
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private dropOldest(): void {
    // Maps iterate in insertion order, and a renewed window is re-inserted, so the first are oldest.
    let toDrop = Math.ceil(MAX_KEYS / 10);
    for (const key of this.windows.keys()) {
      if (toDrop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}

/** Today's default engine: every limit counted in this process's memory. */
export const inMemoryRateLimits: RateLimitEngine = (_name, rule) => new RateLimiter(rule);
