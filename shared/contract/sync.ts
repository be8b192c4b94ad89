import { z } from 'zod';
import { defineMethods } from './method';

/** Why the last attempt failed, for people (Vietnamese) and programs (code). */
export const syncProblemCodes = [
  'NETWORK',
  'TIMEOUT',
  'SERVER_BUSY',
  'SERVER_ERROR',
  'BAD_REPLY',
  'TOKEN_REJECTED',
  'DEVICE_REVOKED',
  'DEVICE_MISMATCH',
  'REJECTED',
] as const;
export const syncProblemSchema = z.object({ code: z.enum(syncProblemCodes), message: z.string() });
export type SyncProblem = z.infer<typeof syncProblemSchema>;

export const syncStatusSchema = z.object({
  /**
   * not-configured: no endpoint or token; idle: nothing to do or waiting for the next trigger;
   * syncing: a request is in flight; waiting: backing off after a failure until nextAttemptAt;
   * stopped: central refused us (token, revoked, invalid) — no automatic retries until the
   * settings change or someone presses "sync now".
   */
  state: z.enum(['not-configured', 'idle', 'syncing', 'waiting', 'stopped']),
  /** Ratings not yet acknowledged by central. */
  pendingCount: z.number().int().nonnegative(),
  /** Reasons given after negative ratings, not yet acknowledged (they travel with the ratings). */
  pendingReasonAnswers: z.number().int().nonnegative(),
  oldestPendingAt: z.string().nullable(),
  /** Ratings and reason answers central reported as conflicting (kept aside, never resent). */
  quarantinedCount: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  lastProblem: syncProblemSchema.nullable(),
  nextAttemptAt: z.string().nullable(),
  /**
   * Whether a central endpoint is set (issue 14). false: an office without network, which syncs by
   * USB sync files only, so "not-configured" is its normal state, not a fault. Optional only so
   * a status from an older backend still parses (read as true).
   */
  endpointConfigured: z.boolean().optional(),
  /** When a sync file was last exported (persisted, survives restarts); null: never. */
  lastExportAt: z.string().nullable().optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncContract = defineMethods({
  // Public (today's behaviour): the page reads the status and asks for a retry when the network
  // returns, whoever is at the screen.
  getSyncStatus: { input: z.strictObject({}), output: syncStatusSchema, access: 'public', host: 'any' },
  /** Try now, even while backing off or stopped; resolves when the attempt has finished. */
  syncNow: {
    input: z.strictObject({
      // 'network-restored' (the window's online event) retries a backoff but not a refusal.
      reason: z.enum(['manual', 'network-restored']).default('manual'),
    }),
    output: syncStatusSchema,
    access: 'public',
    host: 'any',
  },
});
