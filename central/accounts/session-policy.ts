// How long a dashboard session lives and what its id is. The id is 256 random bits, sent only in
// the cookie; central stores its SHA-256 (a fast hash is enough for a value nobody can guess,
// and a stolen database or backup then holds no usable session).
import { createHash, randomBytes } from 'node:crypto';

/** Signed out after 30 minutes without a request: a screen left open in a shared office. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Signed out 12 hours after signing in, however active: one working day, then the password again. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most once a minute per session, not on every request. */
export const SESSION_TOUCH_MS = 60_000;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** 32 bytes in base64url: anything else in the cookie is not one of ours and is not looked up. */
export const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

export function sessionHash(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
}

/** When the session ends if nothing else happens: the earlier of the idle and the absolute limit. */
export function sessionEndsAt(session: SessionTimes): Date {
  return new Date(Math.min(Date.parse(session.lastSeenAt) + SESSION_IDLE_MS, Date.parse(session.createdAt) + SESSION_ABSOLUTE_MS));
}

export function sessionExpired(session: SessionTimes, now: Date): boolean {
  return now.getTime() >= sessionEndsAt(session).getTime();
}

/** The absolute end, which the dashboard shows ("phiên hết hạn lúc …"). */
export function sessionAbsoluteEnd(createdAt: string): Date {
  return new Date(Date.parse(createdAt) + SESSION_ABSOLUTE_MS);
}
