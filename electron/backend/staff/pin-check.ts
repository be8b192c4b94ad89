// Every PIN typed on this kiosk goes through here: the account's lockout first, then the hash.
// Logs name the subject and the outcome only — never the PIN, never the hash.
import { toLocalIso } from '../../../shared/local-time';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { readKioskSettings } from '../settings-repo';
import type { CredentialSubject } from './credentials-repo';
import { unusableHash, verifyPin } from './pin-hashing';
import { afterWrongPin, lockoutAt } from './pin-lockout';
import { clearPinLockout, insertPinAudit, readPinLockout, savePinLockout } from './pin-lockouts-repo';

export interface PinCheck {
  /**
   * Resolves when `pin` matches the hash `findHash` returns (undefined: no such subject, or an
   * inactive officer — answered exactly like a wrong PIN). Throws PIN_LOCKED with retryAt
   * without looking at the PIN while this account must wait, PIN_WRONG otherwise. Only this
   * account's failures count and only its own right PIN clears them (staff/pin-lockout.ts).
   */
  verify: (subject: CredentialSubject, pin: string, findHash: () => string | undefined) => Promise<void>;
}

export function createPinCheck(ctx: BackendContext): PinCheck {
  // Hashing is asynchronous; two attempts in flight must not both read "4 failures so far".
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const unknownSubjectHash = unusableHash(ctx.pinHashCost);
  const localIso = (at: Date) => toLocalIso(at, readKioskSettings(ctx.db).timeZone);

  /**
   * One more failure for the account, and the audit row when it starts a wait, in one
   * transaction. Counted on the stored state read again now: the kiosk CLI may have reset the
   * account (another process) while the hash was computed.
   */
  const recordWrongPin = (subject: CredentialSubject, now: Date) =>
    ctx.db
      .transaction(() => {
        const next = afterWrongPin(lockoutAt(readPinLockout(ctx.db, subject), now).state, now);
        savePinLockout(ctx.db, subject, next);
        const retryAt = lockoutAt(next, now).retryAt;
        if (retryAt !== null) {
          insertPinAudit(ctx.db, { event: 'locked', at: now.toISOString(), subject, failures: next.failures, retryAt: retryAt.toISOString(), via: 'staff-area' });
        }
        return { failures: next.failures, retryAt };
      })
      .immediate();

  return {
    verify: (subject, pin, findHash) =>
      oneAtATime(async () => {
        const now = ctx.now();
        const stored = readPinLockout(ctx.db, subject);
        const verdict = lockoutAt(stored, now);
        if (verdict.state !== stored) savePinLockout(ctx.db, subject, verdict.state);
        if (verdict.retryAt !== null) {
          ctx.log.warn({ subject, outcome: 'locked', failures: verdict.state.failures }, 'staff PIN refused unchecked');
          throw new KioskFailure('PIN_LOCKED', undefined, localIso(verdict.retryAt));
        }
        const hash = findHash();
        const matches = await verifyPin(pin, hash ?? unknownSubjectHash);
        if (matches && hash !== undefined) {
          if (verdict.state.failures > 0) clearPinLockout(ctx.db, subject);
          ctx.log.info({ subject, outcome: 'accepted' }, 'staff PIN checked');
          return;
        }
        const { failures, retryAt } = recordWrongPin(subject, now);
        ctx.log.warn({ subject, outcome: 'wrong', failures, lockedUntil: retryAt?.toISOString() }, 'staff PIN checked');
        // Tell the pad when it may try again if this failure starts a wait.
        throw new KioskFailure('PIN_WRONG', undefined, retryAt === null ? undefined : localIso(retryAt));
      }),
  };
}
