// All SQL for `pin_lockouts` (one row per account with wrong PINs in a row) and
// `staff_pin_audit` (lockouts, PIN resets, setup codes, initial PINs and ended default PINs,
// append-only). Migrations 007, 008, 009 and 011. Never a PIN, a code or a hash.
import type { Database } from 'better-sqlite3';
import type { PinAuditEntry as ListedPinAuditEntry } from '../../../shared/contract/it-admin';
import type { AuditActor } from '../it-admin/settings-audit-repo';
import type { CredentialSubject } from './credentials-repo';
import { noFailures, type PinLockoutState } from './pin-lockout';

interface LockoutRow {
  failures: number;
  last_failure_at: string;
}

/** The account's run of wrong PINs; none stored means none. */
export function readPinLockout(db: Database, subject: CredentialSubject): PinLockoutState {
  const row = db.prepare('SELECT failures, last_failure_at FROM pin_lockouts WHERE subject = ?').get(subject) as LockoutRow | undefined;
  return row === undefined ? noFailures : { failures: row.failures, lastFailureAt: row.last_failure_at };
}

/** Stores the account's state; no failures removes its row. */
export function savePinLockout(db: Database, subject: CredentialSubject, state: PinLockoutState): void {
  if (state.failures === 0 || state.lastFailureAt === null) {
    clearPinLockout(db, subject);
    return;
  }
  db.prepare(
    `INSERT INTO pin_lockouts (subject, failures, last_failure_at) VALUES (?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at`,
  ).run(subject, state.failures, state.lastFailureAt);
}

/** Forgets the account's wrong PINs (a right PIN, or a new PIN). True when there were some. */
export function clearPinLockout(db: Database, subject: CredentialSubject): boolean {
  return db.prepare('DELETE FROM pin_lockouts WHERE subject = ?').run(subject).changes > 0;
}

export type PinAuditEntry =
  | { event: 'locked'; at: string; subject: CredentialSubject; failures: number; retryAt: string; via: 'staff-area' }
  | {
      event: 'reset';
      at: string;
      subject: CredentialSubject;
      actor: AuditActor;
      /** 'pin-reset-file': a reset file signed by central (migration 009). */
      via: 'staff-area' | 'kiosk-cli' | 'pin-reset-file';
    }
  | {
      /** A provisioning file set the role's one-time setup code (the hash only, never the code). */
      event: 'setup-code';
      at: string;
      subject: CredentialSubject;
      actor: AuditActor;
      via: 'provisioning-file' | 'kiosk-cli';
    }
  | {
      /** The IT admin set the section head's first PIN during setup (to be changed at sign-in). */
      event: 'initial-pin';
      at: string;
      subject: CredentialSubject;
      actor: AuditActor;
      via: 'setup-screen';
    }
  | {
      /** Saving the setup deleted the role's first-run default PIN 123456, never changed (migration 011). */
      event: 'default-pin-ended';
      at: string;
      subject: CredentialSubject;
      actor: AuditActor;
      via: 'setup-screen' | 'provisioning-file' | 'kiosk-cli';
    }
  /** Somebody at the pad signed in with the role's setup code (its one use). */
  | { event: 'setup-code-used'; at: string; subject: CredentialSubject; via: 'staff-area' };

export function insertPinAudit(db: Database, entry: PinAuditEntry): void {
  db.prepare(
    `INSERT INTO staff_pin_audit (at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
     VALUES (@at, @event, @subject, @failures, @retryAt, @actorRole, @actorOfficerId, @actorName, @via)`,
  ).run({
    at: entry.at,
    event: entry.event,
    subject: entry.subject,
    failures: entry.event === 'locked' ? entry.failures : null,
    retryAt: entry.event === 'locked' ? entry.retryAt : null,
    actorRole: 'actor' in entry ? entry.actor.role : null,
    actorOfficerId: 'actor' in entry ? entry.actor.officerId : null,
    actorName: 'actor' in entry ? entry.actor.name : null,
    via: entry.via,
  });
}

interface PinAuditRow {
  id: number;
  at: string;
  event: ListedPinAuditEntry['event'];
  subject: string;
  officer_name: string | null;
  failures: number | null;
  retry_at: string | null;
  actor_name: string | null;
  via: ListedPinAuditEntry['via'];
}

/** The newest PIN events first, for the IT screen; an officer's account by their name today. */
export function listPinAuditEntries(db: Database, limit: number): ListedPinAuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.event, a.subject, o.name AS officer_name, a.failures, a.retry_at, a.actor_name, a.via
       FROM staff_pin_audit a LEFT JOIN officers o ON a.subject = 'officer:' || o.id
       ORDER BY a.id DESC LIMIT ?`,
    )
    .all(limit) as PinAuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    event: r.event,
    account: r.subject.startsWith('role:') ? { kind: 'role', role: r.subject === 'role:it-admin' ? 'it-admin' : 'section-head' } : { kind: 'officer', officerName: r.officer_name },
    failures: r.failures,
    retryAt: r.retry_at,
    actorName: r.actor_name,
    via: r.via,
  }));
}
