// The PIN pad's brake, per kiosk across every subject (officers share one pad and one person
// could try every name). Pure rules over the stored state; staff-pin-check.ts applies them.
import type { PinLockoutState } from '../settings-repo';

/** Wrong PINs allowed before any wait: enough for honest typos. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 60_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/**
 * After `failures` consecutive wrong PINs: nothing for the first 5, then 1, 2, 4, 8, 16, 32
 * minutes, then an hour each. That is 10 tries in the first hour (5 + the waits 1+2+4+8+16
 * minutes), then one per hour.
 */
export function lockoutWaitMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface LockoutVerdict {
  /** The state to keep (re-anchored if the clock went backwards; see below). */
  state: PinLockoutState;
  /** Set while the kiosk must not check a PIN. */
  retryAt: Date | null;
}

/**
 * Whether a PIN may be checked at `now`. The wait runs from the last failure. If the clock
 * went backwards, the last failure lies in the future: counting from it would lock the pad
 * for as long as the jump (days, after a dead CMOS battery), and counting from the wall clock
 * alone would forget the wait. So the anchor moves to `now` and is stored: the person waits
 * one full wait from the moment the kiosk noticed, never less than the rule says (the wait
 * restarts, it does not shrink) and never more than the one-hour cap. A clock pushed
 * forwards does shorten the wait; changing the clock needs the PC's administrator, who can
 * reach the database anyway.
 */
export function lockoutAt(state: PinLockoutState, now: Date): LockoutVerdict {
  if (state.lastFailureAt === null) return { state, retryAt: null };
  const last = Date.parse(state.lastFailureAt);
  const anchor = Math.min(last, now.getTime());
  const anchored = anchor === last ? state : { ...state, lastFailureAt: now.toISOString() };
  const retryAt = anchor + lockoutWaitMs(state.failures);
  return { state: anchored, retryAt: retryAt > now.getTime() ? new Date(retryAt) : null };
}

export function afterWrongPin(state: PinLockoutState, now: Date): PinLockoutState {
  return { failures: state.failures + 1, lastFailureAt: now.toISOString() };
}

export const noFailures: PinLockoutState = { failures: 0, lastFailureAt: null };
