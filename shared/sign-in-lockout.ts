// The sign-in brake, per account, one rule for the kiosk's PIN pad (electron/backend/staff/
// pin-lockout.ts) and central's web accounts (central/accounts/sign-in.ts): each account has its
// own run of wrong secrets, and only a right secret for that same account (or a new one for it)
// ends the run. A sign-in as someone else changes nothing, so nobody can spray guesses at one
// account between their own successes, and nobody's typos lock anyone else out. Pure rules over
// one account's stored state; each side stores it in its own database.

/** One account's consecutive wrong attempts. */
export interface LockoutState {
  failures: number;
  /** ISO instant of the last failure (re-anchored if the clock went backwards); null without failures. */
  lastFailureAt: string | null;
}

/** Wrong attempts allowed before any wait: enough for honest typos. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 60_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/**
 * After `failures` consecutive wrong attempts: nothing for the first 5, then 1, 2, 4, 8, 16, 32
 * minutes, then an hour each. That is 10 tries in the first hour (5 + the waits 1+2+4+8+16
 * minutes), then one per hour.
 */
export function lockoutWaitMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface LockoutVerdict {
  /** The state to keep (re-anchored if the clock went backwards; see below). */
  state: LockoutState;
  /** Set while this account's secret must not be checked. */
  retryAt: Date | null;
}

/**
 * Whether this account's secret may be checked at `now`. The wait runs from its last failure. If
 * the clock went backwards, the last failure lies in the future: counting from it would lock
 * the account for as long as the jump (days, after a dead CMOS battery), and counting from the
 * wall clock alone would forget the wait. So the anchor moves to `now` and is stored: the
 * person waits one full wait from the moment the kiosk (or central) noticed, never less than the rule says
 * (the wait restarts, it does not shrink) and never more than the one-hour cap. Each account
 * is re-anchored on its own, when its own secret is next tried. A last failure that cannot be
 * read (a hand-edited row) counts as "just now", never as "long ago". A clock pushed forwards
 * does shorten the wait; changing the clock needs the PC's administrator, who can reach the
 * database anyway.
 */
export function lockoutAt(state: LockoutState, now: Date): LockoutVerdict {
  if (state.lastFailureAt === null) return { state, retryAt: null };
  const last = Date.parse(state.lastFailureAt);
  const anchor = Number.isNaN(last) ? now.getTime() : Math.min(last, now.getTime());
  const anchored = anchor === last ? state : { ...state, lastFailureAt: now.toISOString() };
  const retryAt = anchor + lockoutWaitMs(state.failures);
  return { state: anchored, retryAt: retryAt > now.getTime() ? new Date(retryAt) : null };
}

export function afterWrongAttempt(state: LockoutState, now: Date): LockoutState {
  return { failures: state.failures + 1, lastFailureAt: now.toISOString() };
}

export const noFailures: LockoutState = { failures: 0, lastFailureAt: null };
