// A token bucket per credential: `ratePerSecond` sustained, `burst` at once. Refused requests learn
// when a token will be back (Retry-After). Buckets idle long enough to be full again are dropped.
export interface RateLimiter {
  take(credential: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export interface RateLimitOptions {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly now?: () => number;
}

export function createRateLimiter(o: RateLimitOptions): RateLimiter {
  const now = o.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweepAt = now();
  return {
    take(credential) {
      const t = now();
      if (t - sweepAt > 60_000) {
        for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * o.ratePerSecond >= o.burst) buckets.delete(k);
        sweepAt = t;
      }
      const b = buckets.get(credential) ?? { tokens: o.burst, at: t };
      b.tokens = Math.min(o.burst, b.tokens + ((t - b.at) / 1000) * o.ratePerSecond);
      b.at = t;
      buckets.set(credential, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / o.ratePerSecond)) };
    },
  };
}
