// The page's only way to central (issue 16): fetch, same origin, the session cookie sent by the
// browser (HttpOnly: the page never sees it). Every answer is parsed with the schema central
// answers with; anything else is "unreachable", never trusted. Injected into the components so
// their tests run without a server.
import { z } from 'zod';
import { sessionAccountSchema, type SessionAccount } from '../../../shared/central-accounts';
import { directoryResponseSchema, type DirectoryResponse } from '../../../shared/central-directory';
import { webPageInfoSchema, type WebPageInfo } from '../../../shared/central-web-page';
import type { Refusal } from './refusal-text';

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal } | { ok: false; refusal: null };

export interface CentralApi {
  /** The province's name for the header; null when central has none set (or is unreachable). */
  pageInfo(): Promise<WebPageInfo>;
  /** Who is signed in (a reload keeps the session); null when nobody is. */
  currentAccount(): Promise<SessionAccount | null>;
  signIn(username: string, password: string): Promise<Outcome<SessionAccount>>;
  signOut(): Promise<void>;
  directory(): Promise<Outcome<DirectoryResponse>>;
}

/** Central's refusals, account codes or not ({ error: { code, message, retryAt? } }). */
const refusalBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), retryAt: z.iso.datetime({ offset: true }).optional() }) });

async function refusalOf(response: Response): Promise<Refusal | null> {
  const parsed = refusalBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return null;
  const retryAfter = Number(response.headers.get('retry-after') ?? '');
  return {
    code: parsed.data.error.code,
    message: parsed.data.error.message,
    retryAt: parsed.data.error.retryAt === undefined ? undefined : new Date(parsed.data.error.retryAt),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}

async function call<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, refusal: null };
  }
  if (!response.ok) return { ok: false, refusal: await refusalOf(response) };
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, refusal: null };
}

export const browserCentralApi: CentralApi = {
  async pageInfo() {
    const outcome = await call(webPageInfoSchema, '/api/v1/web-page');
    return outcome.ok ? outcome.value : { provinceName: null };
  },
  async currentAccount() {
    const outcome = await call(sessionAccountSchema, '/api/v1/session');
    return outcome.ok ? outcome.value : null;
  },
  signIn: (username, password) =>
    call(sessionAccountSchema, '/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }),
  async signOut() {
    await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
  },
  directory: () => call(directoryResponseSchema, '/api/v1/directory'),
};
