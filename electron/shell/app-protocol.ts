// The page comes only from `app://kiosk/`, served from the one folder of the built renderer —
// never file:// (which gives a page the whole disk's origin) nor a remote URL. Every response
// carries the Content-Security-Policy as a header (docs/DECISIONS.md, "The shell's CSP"): the
// renderer has no network of its own (sync runs in the backend), so nothing remote is allowed.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { STRICT_PAGE_CSP } from '../../shared/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://kiosk';
export const APP_HOME = `${APP_ORIGIN}/index.html`;

/** One policy for every page the product serves (shared/content-security-policy.ts). */
export const CONTENT_SECURITY_POLICY = STRICT_PAGE_CSP;

/** Registered before 'ready': a standard, secure origin of its own (fetch, relative URLs, storage). */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function refusal(status: 400 | 404 | 405): Response {
  return new Response(null, { status, headers: securityHeaders });
}

/** The file under `rendererDir` a URL names, or undefined for anything outside it (or another origin). */
export function resolveAppFile(rendererDir: string, url: string): string | undefined {
  const parsed = parseAppUrl(url);
  if (parsed === undefined) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined; // a malformed escape
  }
  // URL parsing has already folded `/../`; an escaped `..%2f` or a backslash has not.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return undefined;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !file.startsWith(root + sep)) return undefined;
  return file;
}

/** protocol.handle's handler for `app:`: GET only, files of `rendererDir` only, each with the CSP. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const file = resolveAppFile(rendererDir, request.url);
    if (file === undefined) return refusal(400);
    const type = contentTypes[extname(file).toLowerCase()];
    if (type === undefined) return refusal(404);
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...securityHeaders, 'content-type': type } });
    } catch {
      return refusal(404);
    }
  };
}

/** Whether a URL is the app's own (the one origin IPC answers and navigation stays on). */
export function isAppUrl(url: string): boolean {
  return parseAppUrl(url) !== undefined;
}

/** The URL parsed when it is the app's own origin; undefined for another origin or no URL. */
function parseAppUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    // Node's URL gives a non-special scheme the origin 'null': compare scheme and host instead.
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN ? parsed : undefined;
  } catch {
    return undefined;
  }
}
