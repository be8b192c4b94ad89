// What saving the setup does to the two shared roles' PINs (issue 10): the default PIN ends, a
// provisioning file's setup codes (hashes) become the roles' PINs, and the IT admin may set the
// section head's initial PIN on the setup screen. Every PIN set here must be changed at first
// sign-in; a PIN a person already chose is never replaced. Audited in staff_pin_audit, each
// ended default PIN too (never a PIN, a code or a hash). Slow hashing happens in `prepare…`,
// before the caller's transaction; `apply…` runs inside it, so the PINs change with the
// settings or not at all.
import type { Database } from 'better-sqlite3';
import { sharedRoles, type SharedRole } from '../../../shared/staff';
import type { AuditActor } from '../it-admin/settings-audit-repo';
import { credentialSubject, defaultPinCredentials, deleteCredentialIfUnchanged, findCredential, saveCredential, type CredentialSubject } from './credentials-repo';
import { insertPinAudit } from './pin-lockouts-repo';

export type SetupRole = SharedRole;

export interface PreparedSetupCredentials {
  /** Role credentials that were still the default PIN when prepared. */
  defaults: { subject: CredentialSubject; pin_hash: string }[];
}

export async function prepareSetupCredentials(db: Database): Promise<PreparedSetupCredentials> {
  return { defaults: await defaultPinCredentials(db) };
}

/** Whether a role's PIN may be set by setup: none yet, or one still to be changed (never a chosen one). */
export function roleAwaitsPin(db: Database, role: SetupRole): boolean {
  const existing = findCredential(db, credentialSubject({ kind: 'role', role }));
  return existing === undefined || existing.must_change === 1;
}

export interface SetupCredentialChanges {
  at: string;
  actor: AuditActor;
  /** How the setup is saved: the setup screen, or a provisioning file (IT screen or kiosk CLI). */
  via: 'setup-screen' | 'provisioning-file' | 'kiosk-cli';
  /** From a provisioning file: each role's setup code, hashed by central. */
  setupCodes?: { hashes: Record<SetupRole, string>; via: 'provisioning-file' | 'kiosk-cli' };
  /** From the setup screen: the section head's initial PIN, hashed by the caller. */
  sectionHeadInitialPinHash?: string;
}

/** Inside the caller's transaction. Returns the roles whose PIN was set (for the reply and the log). */
export function applySetupCredentials(db: Database, prepared: PreparedSetupCredentials, changes: SetupCredentialChanges): SetupRole[] {
  for (const { subject, pin_hash } of prepared.defaults) {
    if (deleteCredentialIfUnchanged(db, subject, pin_hash)) {
      insertPinAudit(db, { event: 'default-pin-ended', at: changes.at, subject, actor: changes.actor, via: changes.via });
    }
  }
  const set: SetupRole[] = [];
  if (changes.setupCodes !== undefined) {
    for (const role of sharedRoles) {
      if (!roleAwaitsPin(db, role)) continue;
      const subject = credentialSubject({ kind: 'role', role });
      saveCredential(db, { subject, pin_hash: changes.setupCodes.hashes[role], must_change: 1, updated_at: changes.at, setup_code: 'unused' });
      insertPinAudit(db, { event: 'setup-code', at: changes.at, subject, actor: changes.actor, via: changes.setupCodes.via });
      set.push(role);
    }
  }
  if (changes.sectionHeadInitialPinHash !== undefined && roleAwaitsPin(db, 'section-head')) {
    const subject = credentialSubject({ kind: 'role', role: 'section-head' });
    saveCredential(db, { subject, pin_hash: changes.sectionHeadInitialPinHash, must_change: 1, updated_at: changes.at });
    insertPinAudit(db, { event: 'initial-pin', at: changes.at, subject, actor: changes.actor, via: 'setup-screen' });
    set.push('section-head');
  }
  return set;
}
