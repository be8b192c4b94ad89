// The PIN pad's brake, per account (the section head, the IT admin, each officer). The rule
// itself is shared with central's web accounts: shared/sign-in-lockout.ts. pin-check.ts applies
// it, pin-lockouts-repo.ts stores it.
export {
  FREE_ATTEMPTS,
  lockoutWaitMs,
  lockoutAt,
  afterWrongAttempt as afterWrongPin,
  noFailures,
  type LockoutState as PinLockoutState,
  type LockoutVerdict,
} from '../../../shared/sign-in-lockout';
