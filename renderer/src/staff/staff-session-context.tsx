// The signed-in person, for every staff page; and how a page says the session is gone
// (SIGN_IN_REQUIRED: the backend expired it), which sends the staff area back to sign-in.
import { createContext, useContext, type ReactNode } from 'react';
import type { StaffSession } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';

interface StaffSessionValue {
  session: StaffSession;
  /** Call with any failed reply: returns true when it meant "session gone" and was handled. */
  handleSessionError: (error: KioskError) => boolean;
  /** A new session object (after a PIN change). */
  replaceSession: (session: StaffSession) => void;
}

const StaffSessionContext = createContext<StaffSessionValue | null>(null);

export function StaffSessionProvider({ value, children }: { value: StaffSessionValue; children: ReactNode }) {
  return <StaffSessionContext.Provider value={value}>{children}</StaffSessionContext.Provider>;
}

export function useStaffSession(): StaffSessionValue {
  const value = useContext(StaffSessionContext);
  if (value === null) throw new Error('useStaffSession outside StaffSessionProvider');
  return value;
}
