// Every PIN typed on this kiosk goes through here: the lockout first, then the hash.
// Logs name the subject and the outcome only — never the PIN, never the hash.
import { toLocalIso } from '../../../shared/local-time';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { readKioskSettings, readPinLockout, savePinLockout } from '../settings-repo';
import type { CredentialSubject } from './credentials-repo';
import { unusableHash, verifyPin } from './pin-hashing';
import { afterWrongPin, lockoutAt, noFailures } from './pin-lockout';

export interface PinCheck {
  /**
   * Resolves when `pin` matches the hash `findHash` returns (undefined: no such subject, or an
   * inactive officer — answered exactly like a wrong PIN). Throws PIN_LOCKED with retryAt
   * without looking at the PIN while the kiosk must wait, PIN_WRONG otherwise.
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

  return {
    verify: (subject, pin, findHash) =>
      oneAtATime(async () => {
        const now = ctx.now();
        const stored = readPinLockout(ctx.db);
        const verdict = lockoutAt(stored, now);
        if (verdict.state !== stored) savePinLockout(ctx.db, verdict.state);
        if (verdict.retryAt !== null) {
          ctx.log.warn({ subject, outcome: 'locked', failures: verdict.state.failures }, 'staff PIN refused unchecked');
          throw new KioskFailure('PIN_LOCKED', undefined, localIso(verdict.retryAt));
        }
        const hash = findHash();
        const matches = await verifyPin(pin, hash ?? unknownSubjectHash);
        if (matches && hash !== undefined) {
          if (verdict.state.failures > 0) savePinLockout(ctx.db, noFailures);
          ctx.log.info({ subject, outcome: 'accepted' }, 'staff PIN checked');
          return;
        }
        const next = afterWrongPin(verdict.state, now);
        savePinLockout(ctx.db, next);
        ctx.log.warn({ subject, outcome: 'wrong', failures: next.failures }, 'staff PIN checked');
        // Tell the pad when it may try again if this failure starts a wait.
        const after = lockoutAt(next, now).retryAt;
        throw new KioskFailure('PIN_WRONG', undefined, after === null ? undefined : localIso(after));
      }),
  };
}
