// Signing in to central's dashboard: the account's lockout first, then the password. The same
// rule as the kiosk's PIN pad (shared/sign-in-lockout.ts): failures counted per username, a
// growing wait after five, only that account's own right password ends its run.
//
// Guesses are evaluated one at a time per account, also across central instances: before the
// password is checked, the attempt is counted as a failure in one database transaction (the
// lockout row locked), and only a right password takes it back. So n guesses in flight at once
// use n of the allowed attempts, exactly as n guesses one after the other would: none reads a
// count the others have not yet raised. Hashing takes ~0.25 s, so holding a lock over it (or a
// queue in one process) would serialize a province's sign-ins or miss the other instances.
import type { Logger } from '../central-logger';
import { afterWrongAttempt, lockoutAt, type LockoutState } from '../../shared/sign-in-lockout';
import { sessionAccountSchema, type SessionAccount, type SignInRequest } from '../../shared/central-accounts';
import { AccountRefusal } from './account-refusal';
import type { AccountAuditEntry, AccountStore } from './account-store';
import { unusableHash, verifyPassword, type PasswordCost } from './password-hashing';
import { newSessionId, sessionAbsoluteEnd, sessionHash, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-policy';

export interface SignInDeps {
  store: AccountStore;
  now: () => Date;
  log: Logger;
  /** The cost of the hash an unknown username is checked against (equal to real ones, so timing names no account). */
  passwordCost?: PasswordCost | undefined;
}

export interface SignedIn {
  sessionId: string;
  account: SessionAccount;
}

/**
 * The name for the log: people sometimes type their password into the username field, and the
 * log (stderr, collected by the service manager) is read more widely than the audit table. A
 * name with no account is therefore logged as such, not as typed; the audit keeps it for admins.
 */
function logged(username: string, account: unknown): string {
  return account === undefined ? '(tên không có tài khoản)' : username;
}

type Admission = { admitted: true; counted: LockoutState } | { admitted: false; retryAt: Date; failures: number };

export function createSignIn({ store, now, log, passwordCost }: SignInDeps) {
  let unknownHash: Promise<string> | undefined;
  const hashForUnknown = () => (unknownHash ??= unusableHash(passwordCost));

  return async function signIn(request: SignInRequest, address: string, previousSessionHash: string | undefined): Promise<SignedIn> {
    const at = now();
    const { username } = request;
    const audit = (event: AccountAuditEntry['event'], detail: string | null = null) =>
      store.appendAudit({ at: at.toISOString(), event, username, actor: username, address, detail });

    const admission = await store.updateLockout<Admission>(username, (stored) => {
      const verdict = lockoutAt(stored, at);
      if (verdict.retryAt !== null) return { state: verdict.state, result: { admitted: false, retryAt: verdict.retryAt, failures: verdict.state.failures } };
      const counted = afterWrongAttempt(verdict.state, at);
      return { state: counted, result: { admitted: true, counted } };
    });
    if (!admission.admitted) {
      await audit('sign-in-locked', `đến ${admission.retryAt.toISOString()}`);
      log.warn({ username: logged(username, await store.findAccount(username)), address, outcome: 'locked', failures: admission.failures }, 'sign-in refused unchecked');
      throw new AccountRefusal('ACCOUNT_LOCKED', undefined, admission.retryAt);
    }

    const account = await store.findAccount(username);
    const matches = await verifyPassword(request.password, account?.passwordHash ?? (await hashForUnknown()));
    if (!matches || account === undefined) {
      const retryAt = lockoutAt(admission.counted, at).retryAt;
      await audit('sign-in-failed', account === undefined ? 'không có tài khoản này' : null);
      if (retryAt !== null) await audit('locked', `${admission.counted.failures} lần sai, đến ${retryAt.toISOString()}`);
      log.warn({ username: logged(username, account), address, outcome: 'wrong', failures: admission.counted.failures, lockedUntil: retryAt?.toISOString() }, 'sign-in checked');
      throw new AccountRefusal('SIGN_IN_FAILED', undefined, retryAt ?? undefined);
    }
    // The right password: this account's run ends (the attempt counted above included), nobody else's.
    await store.clearLockout(username);
    if (account.disabledAt !== null) {
      await audit('sign-in-disabled');
      log.warn({ username, address, outcome: 'disabled' }, 'sign-in checked');
      throw new AccountRefusal('ACCOUNT_DISABLED');
    }

    // Housekeeping on the way: sessions past either limit, and the one this browser had (a new id at every sign-in).
    await store.deleteExpiredSessions(new Date(at.getTime() - SESSION_IDLE_MS).toISOString(), new Date(at.getTime() - SESSION_ABSOLUTE_MS).toISOString());
    if (previousSessionHash !== undefined) await store.deleteSession(previousSessionHash);
    const sessionId = newSessionId();
    await store.createSession(sessionHash(sessionId), account.accountId, at.toISOString());
    await audit('sign-in');
    log.info({ username, address, outcome: 'accepted' }, 'sign-in checked');
    return {
      sessionId,
      account: sessionAccountSchema.parse({
        username: account.username,
        role: account.role,
        units: account.role === 'province-admin' ? [] : account.units,
        expiresAt: sessionAbsoluteEnd(at.toISOString()).toISOString(),
      }),
    };
  };
}
