// The staff area's session: one at a time, in memory (the kiosk has one screen, and a
// restart should close the staff area anyway). It closes itself after 2 minutes untouched.
import { toLocalIso } from '../../../shared/local-time';
import type { StaffRole, StaffSession, StaffSubject } from '../../../shared/staff';
import { KioskFailure } from '../dispatch';

export const STAFF_IDLE_MS = 2 * 60_000;

export interface OpenSession {
  subject: StaffSubject;
  role: StaffRole;
  officerId: string | null;
  displayName: string;
  mustChangePin: boolean;
  lastTouchedAt: number;
}

export interface StaffSessions {
  open: (session: Omit<OpenSession, 'lastTouchedAt'>) => OpenSession;
  close: () => void;
  /** The live session, touched; null when there is none or it has expired. */
  touch: () => OpenSession | null;
  /**
   * The guard of every staff method: SIGN_IN_REQUIRED without a live session,
   * PIN_CHANGE_REQUIRED until a default or reset PIN is changed, FORBIDDEN for another role.
   */
  require: (roles: readonly StaffRole[]) => OpenSession;
  /** changePin's guard: any role, even before the PIN is changed. */
  requireSignedIn: () => OpenSession;
  pinChanged: () => void;
  view: (session: OpenSession) => StaffSession;
}

export function createStaffSessions(now: () => Date, timeZone: () => string): StaffSessions {
  let current: OpenSession | null = null;

  const touch = (): OpenSession | null => {
    if (current === null) return null;
    const t = now().getTime();
    // A clock that went backwards gives a negative idle time: keep the session and restart
    // the idle count from the new "now" rather than closing it or keeping it open for ever.
    if (t - current.lastTouchedAt >= STAFF_IDLE_MS) {
      current = null;
      return null;
    }
    current = { ...current, lastTouchedAt: t };
    return current;
  };

  const requireSignedIn = (): OpenSession => {
    const session = touch();
    if (session === null) throw new KioskFailure('SIGN_IN_REQUIRED');
    return session;
  };

  return {
    open: (session) => (current = { ...session, lastTouchedAt: now().getTime() }),
    close: () => {
      current = null;
    },
    touch,
    requireSignedIn,
    require: (roles) => {
      const session = requireSignedIn();
      if (session.mustChangePin) throw new KioskFailure('PIN_CHANGE_REQUIRED');
      if (!roles.includes(session.role)) throw new KioskFailure('FORBIDDEN');
      return session;
    },
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
