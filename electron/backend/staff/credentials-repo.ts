// All SQL for `staff_credentials`: one PIN hash per subject. Never select a hash to show it.
import type { Database } from 'better-sqlite3';
import { sharedRoles, type StaffSubject } from '../../../shared/staff';
import { DEFAULT_PIN, verifyPin } from './pin-hashing';
import { clearPinLockout } from './pin-lockouts-repo';

/** 'role:section-head' | 'role:it-admin' | 'officer:<uuid>' */
export type CredentialSubject = string;

export interface CredentialRow {
  subject: CredentialSubject;
  pin_hash: string;
  must_change: 0 | 1;
  updated_at: string;
  /**
   * A one-time setup code from a provisioning file (migration 008): 'unused' until the first
   * sign-in with it, then 'used'. Absent/null: an ordinary PIN (every new PIN is one).
   */
  setup_code?: 'unused' | 'used' | null;
}

export function findCredential(db: Database, subject: CredentialSubject): CredentialRow | undefined {
  return db.prepare('SELECT * FROM staff_credentials WHERE subject = ?').get(subject) as CredentialRow | undefined;
}

/**
 * Sets (or replaces) a subject's PIN hash. A new PIN starts with no wrong PINs: guesses at the
 * old one say nothing about it (a changed PIN, an officer's PIN reset by the section head, a
 * role's PIN reset with the kiosk CLI), so the account's lockout is cleared in the same
 * transaction (a savepoint inside the caller's).
 */
export function saveCredential(db: Database, row: CredentialRow): void {
  db.transaction(() => {
    clearPinLockout(db, row.subject);
    db.prepare(
      `INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at, setup_code) VALUES (@subject, @pin_hash, @must_change, @updated_at, @setup_code)
       ON CONFLICT (subject) DO UPDATE SET pin_hash = excluded.pin_hash, must_change = excluded.must_change, updated_at = excluded.updated_at, setup_code = excluded.setup_code`,
    ).run({ ...row, setup_code: row.setup_code ?? null });
  })();
}

/**
 * A setup code's first sign-in: from now on it opens no session (only the session it opened may
 * change it). True when this call marked it (false: already used, or replaced meanwhile).
 */
export function markSetupCodeUsed(db: Database, subject: CredentialSubject, pinHash: string): boolean {
  return (
    db.prepare("UPDATE staff_credentials SET setup_code = 'used' WHERE subject = ? AND pin_hash = ? AND setup_code = 'unused'").run(subject, pinHash)
      .changes === 1
  );
}

/** First run: a role gets its default PIN unless it already has one. */
export function saveCredentialIfMissing(db: Database, row: CredentialRow): void {
  db.prepare(
    `INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES (@subject, @pin_hash, @must_change, @updated_at)
     ON CONFLICT (subject) DO NOTHING`,
  ).run(row);
}

/** The key a subject's PIN is stored under. */
export function credentialSubject(subject: StaffSubject): CredentialSubject {
  return subject.kind === 'role' ? `role:${subject.role}` : `officer:${subject.officerId}`;
}

/**
 * The role credentials that are still the first-run default PIN (a role that signed in with
 * 123456 and has not changed it). Slow (one hash per role still to change its PIN): call it
 * before the transaction, then `deleteCredentialIfUnchanged` inside it.
 */
export async function defaultPinCredentials(db: Database): Promise<{ subject: CredentialSubject; pin_hash: string }[]> {
  const found: { subject: CredentialSubject; pin_hash: string }[] = [];
  for (const role of sharedRoles) {
    const subject = credentialSubject({ kind: 'role', role });
    const row = findCredential(db, subject);
    if (row !== undefined && row.must_change === 1 && (row.setup_code ?? null) === null && (await verifyPin(DEFAULT_PIN, row.pin_hash))) {
      found.push({ subject, pin_hash: row.pin_hash });
    }
  }
  return found;
}

/** Removes a credential unless it was replaced meanwhile (then the new one stays). */
export function deleteCredentialIfUnchanged(db: Database, subject: CredentialSubject, pinHash: string): boolean {
  return db.prepare('DELETE FROM staff_credentials WHERE subject = ? AND pin_hash = ?').run(subject, pinHash).changes === 1;
}
