// The page's only way to central (issue 16): fetch, same origin, the session cookie sent by the
// browser (HttpOnly: the page never sees it). Every answer is parsed with the schema central
// answers with; anything else is "unreachable", never trusted. Injected into the components so
// their tests run without a server.
import { z } from 'zod';
import { sessionAccountSchema, type SessionAccount } from '../../../shared/central-accounts';
import { directoryResponseSchema, type DirectoryResponse } from '../../../shared/central-directory';
import { dashboardFiguresSchema, DEFAULT_REPORT_BELOW, type DashboardFigures, type ReportPeriod } from '../../../shared/central-dashboard';
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
  /** GET /api/v1/dashboard/…: the figures of the province, a unit or an officer over a range of local days. */
  dashboard(subject: DashboardSubject, query: DashboardRequest): Promise<Outcome<DashboardFigures>>;
}

export type DashboardSubject = { kind: 'province' } | { kind: 'unit'; code: string } | { kind: 'officer'; deviceId: string; officerId: string };
export interface DashboardRequest {
  from: string;
  to: string;
  includeFlagged: boolean;
}

/** The route of a subject's figures, every code escaped (a unit code is the province's own text). */
export function dashboardPath(subject: DashboardSubject, { from, to, includeFlagged }: DashboardRequest): string {
  const query = new URLSearchParams({ from, to, includeFlagged: String(includeFlagged) }).toString();
  if (subject.kind === 'province') return `/api/v1/dashboard/province?${query}`;
  if (subject.kind === 'unit') return `/api/v1/dashboard/units/${encodeURIComponent(subject.code)}?${query}`;
  return `/api/v1/dashboard/officers/${encodeURIComponent(subject.deviceId)}/${encodeURIComponent(subject.officerId)}?${query}`;
}

/** The report's address (the browser downloads it with the session cookie): the month, or the quarter or year holding it; units below `below` (0–1) listed. */
export function monthlyReportPath(month: string, unit: string | null, period: ReportPeriod = 'month', below = DEFAULT_REPORT_BELOW): string {
  const query = new URLSearchParams({
    month,
    ...(period === 'month' ? {} : { period }),
    ...(unit === null ? {} : { unit }),
    ...(below === DEFAULT_REPORT_BELOW ? {} : { below: String(below) }),
  }).toString();
  return `/api/v1/reports/monthly.xlsx?${query}`;
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
  dashboard: (subject, query) => call(dashboardFiguresSchema, dashboardPath(subject, query)),
};
