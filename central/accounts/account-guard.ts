// requireAccount: the one gate of every dashboard route (issue 16). A route adds
// `preHandler: server.accounts.requireAccount({ role?, unit? })` and reads who is signed in with
// `server.accounts.signedIn(request)`; routes never check roles themselves. Order: the origin
// (state-changing requests), then the session, then role, then unit — a forged request learns
// nothing, and a stranger learns only that a session is needed.
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AccountRole } from '../../shared/central-accounts';
import type { Logger } from '../central-logger';
import { AccountRefusal } from './account-refusal';
import type { AccountStore } from './account-store';
import { readSessionCookie } from './session-cookie';
import { sessionAbsoluteEnd, sessionExpired, sessionHash, sessionIdPattern, SESSION_TOUCH_MS } from './session-policy';
import { accountMaySeeUnit } from './unit-scope';
import { changesState, requireOwnOrigin } from './web-access';

export interface SignedInAccount {
  username: string;
  role: AccountRole;
  /** Unit codes of a unit viewer; empty for a province admin. */
  units: string[];
  sessionHash: string;
  /** The absolute end of the session. */
  expiresAt: Date;
}

export interface AccountRule {
  /** Only this role (a province admin is not implied by unit-viewer: name the role a route needs). */
  role?: AccountRole;
  /** The unit the request is about (from its params): a unit viewer must have it in scope. */
  unit?: (request: FastifyRequest) => string;
}

export interface AccountGuard {
  requireAccount(rule?: AccountRule): preHandlerAsyncHookHandler;
  /** Who requireAccount let through; throws if the route has no requireAccount (a programming error). */
  signedIn(request: FastifyRequest): SignedInAccount;
  /** The request's live session, if any (for sign-in and sign-out, which do not require one). */
  currentSession(request: FastifyRequest): Promise<SignedInAccount | undefined>;
}

export interface AccountGuardDeps {
  store: AccountStore;
  now: () => Date;
  log: Logger;
  publicOrigin: string | null;
}

export function createAccountGuard({ store, now, log, publicOrigin }: AccountGuardDeps): AccountGuard {
  const admitted = new WeakMap<FastifyRequest, SignedInAccount>();

  async function currentSession(request: FastifyRequest): Promise<SignedInAccount | undefined> {
    const id = readSessionCookie(request);
    if (id === undefined || !sessionIdPattern.test(id)) return undefined;
    const hash = sessionHash(id);
    const session = await store.findSession(hash);
    if (session === undefined) return undefined;
    const at = now();
    // A disabled account's sessions were deleted with it; this catches one disabled by hand in SQL.
    if (session.disabled || sessionExpired(session, at)) {
      await store.deleteSession(hash);
      log.info({ username: session.username, reason: session.disabled ? 'disabled' : 'expired' }, 'session ended');
      return undefined;
    }
    if (at.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS) await store.touchSession(hash, at.toISOString());
    return {
      username: session.username,
      role: session.role,
      units: session.role === 'province-admin' ? [] : session.units,
      sessionHash: hash,
      expiresAt: sessionAbsoluteEnd(session.createdAt),
    };
  }

  return {
    currentSession,
    requireAccount: (rule = {}) =>
      async (request) => {
        if (changesState(request)) requireOwnOrigin(request, publicOrigin);
        const account = await currentSession(request);
        if (account === undefined) throw new AccountRefusal('SIGN_IN_REQUIRED');
        if (rule.role !== undefined && account.role !== rule.role) throw new AccountRefusal('FORBIDDEN', `Cần vai trò ${rule.role}`);
        if (rule.unit !== undefined) {
          const unit = rule.unit(request);
          if (!accountMaySeeUnit(account, unit)) {
            log.warn({ username: account.username, unit: unit.slice(0, 64) }, 'unit outside the account scope refused');
            throw new AccountRefusal('FORBIDDEN', `Đơn vị ${unit.slice(0, 64)} ngoài phạm vi của tài khoản`);
          }
        }
        admitted.set(request, account);
      },
    signedIn: (request) => {
      const account = admitted.get(request);
      if (account === undefined) throw new Error('signedIn() on a route without requireAccount');
      return account;
    },
  };
}
