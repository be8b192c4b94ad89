// The PIN pad's brake, per account: each subject that can sign in (the section head, the IT
// admin, each officer) has its own run of wrong PINs, and only a right PIN for that same
// account (or a new PIN for it) ends the run. A sign-in as someone else changes nothing, so
// nobody can spray guesses at one account between their own successes, and nobody's typos
// lock anyone else out. Pure rules over one account's stored state; pin-check.ts applies them,
// pin-lockouts-repo.ts stores them.

/** One account's consecutive wrong PINs. */
export interface PinLockoutState {
  failures: number;
  /** ISO instant of the last failure (re-anchored if the clock went backwards); null without failures. */
  lastFailureAt: string | null;
}

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
  /** Set while this account's PIN must not be checked. */
  retryAt: Date | null;
}

/**
 * Whether this account's PIN may be checked at `now`. The wait runs from its last failure. If
 * the clock went backwards, the last failure lies in the future: counting from it would lock
 * the account for as long as the jump (days, after a dead CMOS battery), and counting from the
 * wall clock alone would forget the wait. So the anchor moves to `now` and is stored: the
 * person waits one full wait from the moment the kiosk noticed, never less than the rule says
 * (the wait restarts, it does not shrink) and never more than the one-hour cap. Each account
 * is re-anchored on its own, when its own PIN is next tried. A last failure that cannot be
 * read (a hand-edited row) counts as "just now", never as "long ago". A clock pushed forwards
 * does shorten the wait; changing the clock needs the PC's administrator, who can reach the
 * database anyway.
 */
export function lockoutAt(state: PinLockoutState, now: Date): LockoutVerdict {
  if (state.lastFailureAt === null) return { state, retryAt: null };
  const last = Date.parse(state.lastFailureAt);
  const anchor = Number.isNaN(last) ? now.getTime() : Math.min(last, now.getTime());
  const anchored = anchor === last ? state : { ...state, lastFailureAt: now.toISOString() };
  const retryAt = anchor + lockoutWaitMs(state.failures);
  return { state: anchored, retryAt: retryAt > now.getTime() ? new Date(retryAt) : null };
}

export function afterWrongPin(state: PinLockoutState, now: Date): PinLockoutState {
  return { failures: state.failures + 1, lastFailureAt: now.toISOString() };
}

export const noFailures: PinLockoutState = { failures: 0, lastFailureAt: null };
