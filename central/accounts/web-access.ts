// Where the dashboard is reached from, read from the environment by `serve` (docs/central-behind-https.md):
// CENTRAL_PUBLIC_ORIGIN, the origin people type (https://danhgia.example.gov.vn), checked against
// every state-changing request's Origin; CENTRAL_TRUSTED_PROXIES, the reverse proxy's addresses
// (IP or CIDR, comma-separated), the only peers whose X-Forwarded-Proto/-For central believes.
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccountRefusal } from './account-refusal';

export interface WebAccess {
  /** Null: the request's own scheme and Host (a single server reached directly). */
  publicOrigin: string | null;
  /** Empty: no proxy is trusted; X-Forwarded-* are ignored. */
  trustedProxies: string[];
}

export const WEB_ACCESS_ENV = { publicOrigin: 'CENTRAL_PUBLIC_ORIGIN', trustedProxies: 'CENTRAL_TRUSTED_PROXIES' } as const;

export const DEFAULT_WEB_ACCESS: WebAccess = { publicOrigin: null, trustedProxies: [] };

const originSchema = z
  .url({ protocol: /^https?$/, error: 'cần dạng https://tên-miền[:cổng], không có đường dẫn' })
  .transform((v) => new URL(v))
  .refine((u) => (u.pathname === '/' || u.pathname === '') && u.search === '' && u.hash === '' && u.username === '', 'cần dạng https://tên-miền[:cổng], không có đường dẫn')
  .transform((u) => u.origin);

function isProxyAddress(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export function webAccessFromEnv(env: Record<string, string | undefined>): WebAccess {
  const access: WebAccess = { ...DEFAULT_WEB_ACCESS, trustedProxies: [] };
  const origin = env[WEB_ACCESS_ENV.publicOrigin]?.trim();
  if (origin !== undefined && origin !== '') {
    const parsed = originSchema.safeParse(origin);
    if (!parsed.success) throw new Error(`${WEB_ACCESS_ENV.publicOrigin}=${origin.slice(0, 80)}: ${parsed.error.issues[0]?.message ?? 'không hợp lệ'}`);
    access.publicOrigin = parsed.data;
  }
  const proxies = env[WEB_ACCESS_ENV.trustedProxies]?.trim();
  if (proxies !== undefined && proxies !== '') {
    for (const entry of proxies.split(',').map((p) => p.trim())) {
      if (!isProxyAddress(entry)) throw new Error(`${WEB_ACCESS_ENV.trustedProxies}: "${entry.slice(0, 60)}" không phải địa chỉ IP hoặc dải CIDR`);
      access.trustedProxies.push(entry);
    }
  }
  return access;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method);
}

/**
 * CSRF: a state-changing request must name our origin in Origin (or, from a browser that sends
 * none, Referer). SameSite=Strict already keeps the cookie off requests from other sites; this
 * also covers a sibling subdomain (same site, other origin) and sign-in CSRF, where there is no
 * cookie yet. No header at all is refused: every browser sends Origin on a POST or DELETE, and
 * scripts use admin tokens, not sessions.
 */
export function requireOwnOrigin(request: FastifyRequest, publicOrigin: string | null): void {
  const expected = publicOrigin ?? `${request.protocol}://${request.host}`;
  const origin = request.headers.origin;
  let sent: string | undefined = typeof origin === 'string' ? origin : undefined;
  if (sent === undefined && typeof request.headers.referer === 'string') {
    sent = URL.canParse(request.headers.referer) ? new URL(request.headers.referer).origin : 'null';
  }
  if (sent === undefined) throw new AccountRefusal('ORIGIN_REFUSED', 'Thiếu tiêu đề Origin');
  if (sent !== expected) throw new AccountRefusal('ORIGIN_REFUSED', `Origin ${sent.slice(0, 100)} khác ${expected}`);
}
