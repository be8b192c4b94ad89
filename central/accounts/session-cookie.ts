// The session cookie. HttpOnly (page scripts never read it), SameSite=Strict (a link or form from
// another site arrives without it), Path=/. Over HTTPS (directly or via the trusted proxy) it is
// Secure and named __Host-…: the browser then refuses one set over plain HTTP or for another
// path or domain, so a network attacker cannot plant a session. No Max-Age: the server decides
// expiry (session-policy.ts); the cookie goes when the browser closes.
import type { FastifyReply, FastifyRequest } from 'fastify';

const PLAIN_NAME = 'hl_session';
const SECURE_NAME = '__Host-hl_session';

export function overHttps(request: FastifyRequest): boolean {
  // Fastify reads X-Forwarded-Proto only from a trusted proxy (its trustProxy option).
  return request.protocol === 'https';
}

function cookieName(request: FastifyRequest): string {
  return overHttps(request) ? SECURE_NAME : PLAIN_NAME;
}

/** The session cookie of this request's scheme, or undefined. Several with the name: none (ambiguous). */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  const name = cookieName(request);
  const values = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
  return values.length === 1 ? values[0] : undefined;
}

function attributes(request: FastifyRequest): string {
  return `Path=/; HttpOnly; SameSite=Strict${overHttps(request) ? '; Secure' : ''}`;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  reply.header('Set-Cookie', `${cookieName(request)}=${sessionId}; ${attributes(request)}`);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('Set-Cookie', `${cookieName(request)}=; Max-Age=0; ${attributes(request)}`);
}
