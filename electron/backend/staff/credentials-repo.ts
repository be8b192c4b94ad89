// All SQL for `staff_credentials`: one PIN hash per subject. Never select a hash to show it.
import type { Database } from 'better-sqlite3';
import type { StaffSubject } from '../../../shared/staff';
import { clearPinLockout } from './pin-lockouts-repo';

/** 'role:section-head' | 'role:it-admin' | 'officer:<uuid>' */
export type CredentialSubject = string;

export interface CredentialRow {
  subject: CredentialSubject;
  pin_hash: string;
  must_change: 0 | 1;
  updated_at: string;
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
      `INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES (@subject, @pin_hash, @must_change, @updated_at)
       ON CONFLICT (subject) DO UPDATE SET pin_hash = excluded.pin_hash, must_change = excluded.must_change, updated_at = excluded.updated_at`,
    ).run(row);
  })();
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
