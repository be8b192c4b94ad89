// The session endpoints (issue 16): POST /api/v1/session signs in, DELETE signs out, GET says who
// is signed in; GET /api/v1/session/units/:code/check answers whether the account may see a unit
// (the dashboard asks before showing a unit; it is also the smallest route behind the guard).
// Registered by buildCentralServer, which decorates the server with the guard (server.accounts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionAccountSchema, signInRequestSchema, unitCodeSchema, type SessionAccount } from '../../shared/central-accounts';
import type { Logger } from '../central-logger';
import { AccountRefusal } from './account-refusal';
import type { AccountGuard, SignedInAccount } from './account-guard';
import type { AccountStore } from './account-store';
import type { PasswordCost } from './password-hashing';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { createSignIn } from './sign-in';
import { requireOwnOrigin } from './web-access';

export interface SessionRouteDeps {
  store: AccountStore;
  guard: AccountGuard;
  now: () => Date;
  log: Logger;
  publicOrigin: string | null;
  passwordCost?: PasswordCost | undefined;
  /** Counts sign-ins per client address (rate-limits.ts); throws RATE_LIMITED. */
  limitSignIns: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

function whoAmI(account: SignedInAccount): SessionAccount {
  return sessionAccountSchema.parse({ username: account.username, role: account.role, units: account.units, expiresAt: account.expiresAt.toISOString() });
}

export function registerSessionRoutes(server: FastifyInstance, deps: SessionRouteDeps): void {
  const { store, guard, now, log, publicOrigin } = deps;
  const signIn = createSignIn({ store, now, log, passwordCost: deps.passwordCost });

  server.post('/api/v1/session', async (request, reply) => {
    requireOwnOrigin(request, publicOrigin);
    await deps.limitSignIns(request, reply);
    const parsed = signInRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new AccountRefusal('MALFORMED', parsed.error.issues[0]?.message);
    const previous = await guard.currentSession(request);
    const { sessionId, account } = await signIn(parsed.data, request.ip, previous?.sessionHash);
    setSessionCookie(request, reply, sessionId);
    return reply.code(200).send(account);
  });

  server.delete('/api/v1/session', async (request, reply) => {
    requireOwnOrigin(request, publicOrigin);
    const account = await guard.currentSession(request);
    if (account !== undefined && (await store.deleteSession(account.sessionHash))) {
      await store.appendAudit({ at: now().toISOString(), event: 'sign-out', username: account.username, actor: account.username, address: request.ip, detail: null });
      log.info({ username: account.username }, 'signed out');
    }
    // Signing out without a session still clears the cookie: the browser ends up signed out either way.
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  server.get('/api/v1/session', { preHandler: guard.requireAccount() }, async (request, reply) => reply.send(whoAmI(guard.signedIn(request))));

  server.get<{ Params: { code: string } }>(
    '/api/v1/session/units/:code/check',
    {
      preHandler: guard.requireAccount({
        unit: (request) => {
          const code = unitCodeSchema.safeParse((request.params as { code?: unknown }).code);
          if (!code.success) throw new AccountRefusal('MALFORMED', code.error.issues[0]?.message);
          return code.data;
        },
      }),
    },
    async (request, reply) => reply.send({ unit: request.params.code, allowed: true }),
  );
}
