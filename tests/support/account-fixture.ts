// Central's web accounts under test (issue 16): a real server on 127.0.0.1 over a store, accounts
// made with a cheap hash (the KDF's real cost is tested once, through the CLI), and a browser-like
// client that sends Origin and carries the session cookie by hand.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildCentralServer } from '../../central/central-server';
import type { AccountRole } from '../../shared/central-accounts';
import type { CentralStore } from '../../central/store/central-store';
import { hashPassword, type PasswordCost } from '../../central/accounts/password-hashing';
import type { WebAccess } from '../../central/accounts/web-access';
import type { RateLimits } from '../../central/rate-limits';
import { capturingLogger, onCleanup } from './central-fixture';

/** About 3 ms a hash instead of 0.25 s: lockout tests hash dozens of guesses. */
export const TEST_PASSWORD_COST: PasswordCost = { N: 2 ** 10, r: 8, p: 1 };

export const ADMIN_PASSWORD = 'Sở Nội vụ 2026 một cửa';
export const VIEWER_PASSWORD = 'huyện-Phú-Lộc-xem-số-liệu';

export async function addTestAccount(store: CentralStore, username: string, role: AccountRole, units: string[], password: string): Promise<void> {
  await store.accounts.addAccount(
    { username, role, units, passwordHash: await hashPassword(password, TEST_PASSWORD_COST) },
    { at: '2026-11-23T00:00:00.000Z', event: 'account-added', username, actor: 'kiểm thử', address: null, detail: role },
  );
}

export interface AccountsCentral {
  url: string;
  logLines: () => Record<string, unknown>[];
  close: () => Promise<void>;
}

export interface AccountsCentralOptions {
  webAccess?: WebAccess;
  rateLimits?: Partial<RateLimits>;
  log?: Logger;
  /** Routes a test adds before the server listens, as a later dashboard part will (server.accounts.requireAccount). */
  routes?: (server: FastifyInstance) => void;
  /** The web page's folder to serve at `/` (central/web-page.ts). */
  webPageDir?: string;
  provinceName?: string | null;
  /** CENTRAL_SILENT_DAYS (issue 17); default: the product's. */
  silentWorkingDays?: number;
}

/** A central server on the store (a "restart" is a second one on the same store). */
export async function startAccountsCentral(store: CentralStore, now: () => Date, options: AccountsCentralOptions = {}): Promise<AccountsCentral> {
  const captured = capturingLogger();
  const server = buildCentralServer({
    store, log: options.log ?? captured.log, now, version: '9.9.9-test', passwordCost: TEST_PASSWORD_COST,
    ...(options.webAccess ? { webAccess: options.webAccess } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.webPageDir === undefined ? {} : { webPageDir: options.webPageDir }),
    ...(options.provinceName === undefined ? {} : { provinceName: options.provinceName }),
    ...(options.silentWorkingDays === undefined ? {} : { silentWorkingDays: options.silentWorkingDays }),
  });
  options.routes?.(server);
  await server.listen({ host: '127.0.0.1', port: 0 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  onCleanup(close);
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no port');
  return { url: `http://127.0.0.1:${address.port}`, logLines: captured.lines, close };
}

export interface Answer {
  status: number;
  body: unknown;
  /** The Set-Cookie header as sent. */
  setCookie: string | null;
  headers: Headers;
}

/** A browser at `origin` (default: the server's own), holding at most one session cookie. */
export class TestBrowser {
  cookie: string | undefined;
  constructor(readonly url: string, readonly origin: string | null = url, readonly extraHeaders: Record<string, string> = {}) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(this.origin === null ? {} : { origin: this.origin }),
        ...(this.cookie === undefined ? {} : { cookie: this.cookie }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.extraHeaders,
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = /^[^=]+=$/.test(pair) || /Max-Age=0/i.test(setCookie) ? undefined : pair;
    }
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown), setCookie, headers: response.headers };
  }

  signIn(username: string, password: string): Promise<Answer> {
    return this.request('POST', '/api/v1/session', { username, password });
  }

  whoAmI(): Promise<Answer> {
    return this.request('GET', '/api/v1/session');
  }

  signOut(): Promise<Answer> {
    return this.request('DELETE', '/api/v1/session');
  }
}

export function errorCode(answer: Answer): string | undefined {
  const body = answer.body as { error?: { code?: string } } | null;
  return body?.error?.code;
}
