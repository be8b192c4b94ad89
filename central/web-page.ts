// Central's web page (issue 16): the built page (dist/central-web/, from central/web/) served at
// `/` by `serve`, beside the API. Static files only: every answer the page needs comes from the
// API, same origin. Registered only when the build is there (tests of the API run without it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROVINCE_NAME_ENV, provinceNameSchema, webPageInfoSchema, type WebPageInfo } from '../shared/central-web-page';
import { STRICT_PAGE_CSP } from '../shared/content-security-policy';

/**
 * The kiosk's own policy (shared/content-security-policy.ts), sent on every answer of central, the
 * API's JSON too: a JSON answer opened in a browser runs nothing either; the sign-in form is never
 * framed (clickjacking).
 */
export const CENTRAL_PAGE_CSP = STRICT_PAGE_CSP;

/** Where `serve` finds the page: dist/central-web/ beside the bundle (dist/central/central-cli.mjs). */
export function builtWebPageDir(bundleUrl: string): string {
  return new URL('../central-web/', bundleUrl).pathname;
}

/**
 * A browser's navigation to a page path (a bookmark of a view, a reload): GET or HEAD asking for
 * HTML, never under /api/ — a script asking the API for a route that does not exist gets the
 * API's JSON 404, not a page.
 */
export function wantsThePage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/** `CENTRAL_PROVINCE_NAME` from serve's environment; a bad value stops serve with the reason. */
export function provinceNameFromEnv(env: Record<string, string | undefined>): string | null {
  const raw = env[PROVINCE_NAME_ENV];
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = provinceNameSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${PROVINCE_NAME_ENV}: ${parsed.error.issues[0]?.message ?? 'không hợp lệ'}`);
  return parsed.data;
}

export interface WebPage {
  /** The not-found handler's first question: answer with index.html if this is a page navigation. */
  fallback(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined;
}

export function registerWebPage(server: FastifyInstance, dir: string, info: WebPageInfo): WebPage | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  // What the page shows before sign-in (the province's name): public, like the page itself.
  const answer = webPageInfoSchema.parse(info);
  server.get('/api/v1/web-page', async (_request, reply) => reply.send(answer));
  server.addHook('onRequest', async (_request, reply) => {
    reply.header('Content-Security-Policy', CENTRAL_PAGE_CSP);
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
  });
  // wildcard: one route for the folder, so a file added by a rebuild is served without a restart.
  // No directory listing, no dotfiles; the API's own routes are more specific and win.
  server.register(fastifyStatic, { root: dir, prefix: '/', index: 'index.html', wildcard: true, list: false, dotfiles: 'deny', cacheControl: false });
  return {
    fallback: (request, reply) => (wantsThePage(request) ? reply.type('text/html; charset=utf-8').sendFile('index.html') : undefined),
  };
}
