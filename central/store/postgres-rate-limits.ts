// Rate-limit windows in PostgreSQL (migration 13, issue 17): every central instance behind the
// load balancer counts a client's requests in the same row, so N instances do not allow N times
// the limit. Same fixed window as @fastify/rate-limit's memory store: it starts at a key's first
// request and restarts at the first request after it ended. One statement per request, atomic
// under concurrency (INSERT … ON CONFLICT DO UPDATE takes the row's lock).
import type pg from 'pg';
import { z } from 'zod';
import type { RateLimitCounter } from './central-store';
import { dbInteger } from './stored-rows';

const windowRow = z.object({ hits: dbInteger, started_ms: dbInteger });

export class PostgresRateLimits implements RateLimitCounter {
  /** Ended windows are deleted at most once per window length, by whichever request comes next. */
  private prunedAtMs = 0;

  constructor(private readonly pool: pg.Pool) {}

  async hit(key: string, windowMs: number, now: Date): Promise<{ count: number; windowEndsAt: Date }> {
    const nowMs = now.getTime();
    const { rows } = await this.pool.query(
      `INSERT INTO rate_limit_windows AS w (key, started_ms, window_ms, hits) VALUES ($1, $2, $3, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN w.started_ms + w.window_ms > $2 THEN w.hits + 1 ELSE 1 END,
         started_ms = CASE WHEN w.started_ms + w.window_ms > $2 THEN w.started_ms ELSE $2 END,
         window_ms = CASE WHEN w.started_ms + w.window_ms > $2 THEN w.window_ms ELSE $3 END
       RETURNING hits, started_ms`,
      [key, nowMs, windowMs],
    );
    const row = windowRow.parse(rows[0]);
    if (nowMs - this.prunedAtMs >= windowMs) {
      this.prunedAtMs = nowMs;
      await this.pool.query(`DELETE FROM rate_limit_windows WHERE started_ms + window_ms <= $1`, [nowMs]);
    }
    return { count: row.hits, windowEndsAt: new Date(row.started_ms + windowMs) };
  }
}
