// How many requests central answers per minute, per client address (before authentication) and
// per device (after it), on POST /api/v1/batches and POST /api/v1/sync-files, and sign-ins per
// address on POST /api/v1/session (issue 16; the per-account lockout is in the database). Fixed
// windows of one minute: on SQLite in this process's memory (@fastify/rate-limit's store, one
// instance); on PostgreSQL in the database, shared by every instance (shared-rate-limit-store.ts, issue 17).
import { z } from 'zod';

export interface RateLimits {
  /** Requests per minute from one client address, whatever token they carry (or none). */
  perAddressPerMinute: number;
  /** Batches per minute from one authenticated device. */
  perDevicePerMinute: number;
  /** Sign-ins per minute from one client address (after the trusted proxy), right or wrong, any account. */
  signInsPerAddressPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perAddressPerMinute: 600, perDevicePerMinute: 120, signInsPerAddressPerMinute: 20 };
export const RATE_LIMIT_WINDOW_MS = 60_000;

export const RATE_LIMIT_ENV = {
  perAddressPerMinute: 'CENTRAL_RATE_LIMIT_PER_ADDRESS',
  perDevicePerMinute: 'CENTRAL_RATE_LIMIT_PER_DEVICE',
  signInsPerAddressPerMinute: 'CENTRAL_RATE_LIMIT_SIGN_INS',
} as const satisfies Record<keyof RateLimits, string>;

const perMinute = z.string().trim().regex(/^[1-9][0-9]{0,8}$/, 'một số nguyên dương (số yêu cầu mỗi phút)').transform(Number);

/** The limits from the environment; an unset variable keeps its default, a bad one is an error. */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const key of Object.keys(RATE_LIMIT_ENV) as (keyof RateLimits)[]) {
    const raw = env[RATE_LIMIT_ENV[key]];
    if (raw === undefined || raw === '') continue;
    const parsed = perMinute.safeParse(raw);
    if (!parsed.success) throw new Error(`${RATE_LIMIT_ENV[key]}=${raw.slice(0, 20)}: cần một số nguyên dương (số yêu cầu mỗi phút)`);
    limits[key] = parsed.data;
  }
  return limits;
}
