// The staff area's session: one at a time, in memory (the kiosk has one screen, and a
// restart should close the staff area anyway). It closes itself after 2 minutes untouched.
import { toLocalIso } from '../../../shared/local-time';
import type { StaffRole, StaffSession, StaffSubject } from '../../../shared/staff';
import { KioskFailure, type AccessGuard } from '../dispatch';

export const STAFF_IDLE_MS = 2 * 60_000;

export interface OpenSession {
  subject: StaffSubject;
  role: StaffRole;
  officerId: string | null;
  displayName: string;
  mustChangePin: boolean;
  lastTouchedAt: number;
}

export interface StaffSessions extends AccessGuard {
  open: (session: Omit<OpenSession, 'lastTouchedAt'>) => OpenSession;
  close: () => void;
  /** The live session, touched; null when there is none or it has expired. */
  touch: () => OpenSession | null;
  /**
   * dispatch's guard, before every call (AccessGuard): a public method passes without touching
   * the session (a citizen's tap does not keep the staff area open). A staff method touches it
   * (every staff call counts as activity, refused or not), then refuses, in this order:
   * SIGN_IN_REQUIRED without a live session, PIN_CHANGE_REQUIRED until a default or reset PIN
   * is changed (unless the method is allowed meanwhile), FORBIDDEN for a role not in its access.
   */
  check: AccessGuard['check'];
  /**
   * Who is calling, for a handler that needs it (audit rows, an officer's own shift). dispatch's
   * check has just passed, so there is a session; no role is checked here. Does not touch it.
   * SIGN_IN_REQUIRED if there is none after all (a handler called around dispatch).
   */
  current: () => OpenSession;
  pinChanged: () => void;
  view: (session: OpenSession) => StaffSession;
}

export function createStaffSessions(now: () => Date, timeZone: () => string): StaffSessions {
  let current: OpenSession | null = null;

  const expired = (session: OpenSession, t = now().getTime()): boolean => t - session.lastTouchedAt >= STAFF_IDLE_MS;

  const touch = (): OpenSession | null => {
    if (current === null) return null;
    const t = now().getTime();
    // A clock that went backwards gives a negative idle time: keep the session and restart
    // the idle count from the new "now" rather than closing it or keeping it open for ever.
    if (expired(current, t)) {
      current = null;
      return null;
    }
    current = { ...current, lastTouchedAt: t };
    return current;
  };

  const check: AccessGuard['check'] = ({ access, whilePinChangeRequired }) => {
    if (access === 'public') return;
    const session = touch();
    if (session === null) throw new KioskFailure('SIGN_IN_REQUIRED');
    if (session.mustChangePin && whilePinChangeRequired !== true) throw new KioskFailure('PIN_CHANGE_REQUIRED');
    if (!access.includes(session.role)) throw new KioskFailure('FORBIDDEN');
  };

  const currentSession = (): OpenSession => {
    if (current === null || expired(current)) throw new KioskFailure('SIGN_IN_REQUIRED');
    return current;
  };

  return {
    open: (session) => (current = { ...session, lastTouchedAt: now().getTime() }),
    close: () => {
      current = null;
    },
    touch,
    check,
    current: currentSession,
    pinChanged: () => {
      if (current !== null) current = { ...current, mustChangePin: false };
    },
    view: ({ role, officerId, displayName, mustChangePin, lastTouchedAt }) => ({
      role,
      officerId,
      displayName,
      mustChangePin,
      expiresAt: toLocalIso(new Date(lastTouchedAt + STAFF_IDLE_MS), timeZone()),
    }),
  };
}
