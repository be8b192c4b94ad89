// Recovering a shared role's PIN (section head, IT admin) when it is forgotten or locked: a
// fresh one-time code replaces the credential, to be changed at first sign-in. Nothing else is
// touched: ratings, officers, shifts and settings stay. The code is returned once, to be shown
// once; it is never logged, audited or stored in clear.
import type { Database } from 'better-sqlite3';
import type { StaffRole } from '../../../shared/staff';
import { credentialSubject, saveCredential } from './credentials-repo';
import { hashPin, oneTimeCode, type PinHashCost } from './pin-hashing';
import { insertPinAudit } from './pin-lockouts-repo';

/** The roles whose PIN nobody inside the staff area can reset (the section head resets officers'). */
export const resettableRoles = ['section-head', 'it-admin'] as const;
export type ResettableRole = (typeof resettableRoles)[number];

export { ONE_TIME_CODE_DIGITS, oneTimeCode } from './pin-hashing';

export interface RolePinReset {
  role: ResettableRole;
  actor: { role: StaffRole; officerId: string | null; name: string };
  via: 'kiosk-cli';
  now: Date;
  cost: PinHashCost;
}

/**
 * Replaces the role's credential with a one-time code (must_change = 1), clears the account's
 * lockout and writes the audit row, in one IMMEDIATE transaction. Returns the code.
 */
export async function resetRolePin(db: Database, { role, actor, via, now, cost }: RolePinReset): Promise<string> {
  const code = oneTimeCode();
  // Hash before the transaction: it is slow and asynchronous.
  const pin_hash = await hashPin(code, cost);
  const subject = credentialSubject({ kind: 'role', role });
  const at = now.toISOString();
  db.transaction(() => {
    // saveCredential also clears the account's lockout (a new PIN starts with no failures).
    saveCredential(db, { subject, pin_hash, must_change: 1, updated_at: at });
    insertPinAudit(db, { event: 'reset', at, subject, actor, via });
  }).immediate();
  return code;
}
