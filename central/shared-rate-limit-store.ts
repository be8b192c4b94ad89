// @fastify/rate-limit's store over the database's rate-limit windows (issue 17): with several
// central instances on one PostgreSQL, a client's requests count once whichever instance answers.
// On SQLite (one instance) the plugin keeps its memory store: see central-server.ts.
// Keys must name their limiter (`upload:`, `device:`, `session:`, `sign-in:`, `admin:`): the plugin's
// memory store keeps one map per limiter, this store one table for all of them.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitCounter } from './store/central-store';

export function sharedRateLimitStore(counter: RateLimitCounter, now: () => Date): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const at = now();
      counter.hit(key, timeWindow, at).then(
        ({ count, windowEndsAt }) => callback(null, { current: count, ttl: Math.max(0, windowEndsAt.getTime() - at.getTime()) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return SharedRateLimitStore;
}
