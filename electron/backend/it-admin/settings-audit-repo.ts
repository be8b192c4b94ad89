// All SQL for the settings audit log (migration 004). Append-only: no update, no delete.
import type { Database } from 'better-sqlite3';
import type { SettingsAuditEntry } from '../../../shared/contract/it-admin';
import type { StaffRole } from '../../../shared/staff';

export interface AuditActor {
  role: StaffRole;
  officerId: string | null;
  name: string;
}

export interface AuditChange {
  key: SettingsAuditEntry['key'];
  /** Already masked when the setting is a secret. */
  oldValue: string | null;
  newValue: string | null;
}

export function insertAuditEntries(db: Database, entry: { at: string; actor: AuditActor; via: SettingsAuditEntry['via']; changes: readonly AuditChange[] }): void {
  const insert = db.prepare(
    `INSERT INTO settings_audit (at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const change of entry.changes) {
    insert.run(entry.at, entry.actor.role, entry.actor.officerId, entry.actor.name, entry.via, change.key, change.oldValue, change.newValue);
  }
}

interface AuditRow {
  id: number;
  at: string;
  actor_role: StaffRole;
  actor_name: string;
  via: SettingsAuditEntry['via'];
  key: SettingsAuditEntry['key'];
  old_value: string | null;
  new_value: string | null;
}

/** Newest first. */
export function listAuditEntries(db: Database, limit: number): SettingsAuditEntry[] {
  const rows = db
    .prepare('SELECT id, at, actor_role, actor_name, via, key, old_value, new_value FROM settings_audit ORDER BY id DESC LIMIT ?')
    .all(limit) as AuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorRole: r.actor_role,
    actorName: r.actor_name,
    via: r.via,
    key: r.key,
    oldValue: r.old_value,
    newValue: r.new_value,
  }));
}
