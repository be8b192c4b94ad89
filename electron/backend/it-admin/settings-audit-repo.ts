// The settings audit log (migrations 004/005/010) and the one audited settings write. Append-only:
// no update, no delete. `saveSettingsAudited` is the only code that inserts audit rows (an
// architecture test greps for it): the setup screen, a provisioning file (IT screen or `kiosk
// import-provisioning`), `kiosk configure-sync` and the section head's service areas all write
// settings through it.
import type { Database } from 'better-sqlite3';
import type { SettingsAuditEntry } from '../../../shared/contract/it-admin';
import type { KioskSettings, SyncSettings } from '../../../shared/settings';
import type { ServiceArea, StaffRole } from '../../../shared/staff';
import type { SecretStore } from '../secret-store';
import { readProvisioningInfo, saveKioskSettings, saveProvisioningInfo, saveServiceAreas, saveSyncSettings } from '../settings-repo';
import { auditChanges, auditSnapshot, readDeviceSettings } from './device-settings';

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

/** What a caller sets; an absent part keeps the kiosk's value. */
export interface SettingsChanges {
  /** Merged over the stored kiosk settings (validated as a whole before anything is written). */
  kiosk?: Partial<KioskSettings>;
  sync?: SyncSettings;
  serviceAreas?: ServiceArea[];
  /** The office identity; `provisionedAt` becomes `at` only when the code or label changes (or on the first one). */
  officeIdentity?: { officeCode: string; kioskLabel: string | null };
  /** A new device token (a secret: its rows say '••••'). Absent: keep the stored one. */
  deviceToken?: string;
}

export interface AuditedSettingsWrite<T> {
  secrets: SecretStore;
  changes: SettingsChanges;
  actor: AuditActor;
  via: SettingsAuditEntry['via'];
  at: Date;
  /**
   * The caller's other work (setup codes, the pinned key, the section head's first PIN), in the
   * same transaction after the settings and their rows: if it throws, nothing is written.
   */
  alongside?: (changed: readonly AuditChange[]) => T;
}

export interface AuditedSettingsSaved<T> {
  /** One per changed setting, in `deviceSettingKeys` order, as audited (the token masked). */
  changed: AuditChange[];
  result: T;
}

/**
 * The one audited settings write, in one IMMEDIATE transaction (a savepoint inside a caller's):
 * reads the current values, writes only what changed, one audit row per changed setting (old →
 * new as JSON text, the token as '••••' and never in clear, unchanged settings get no row), then
 * the caller's `alongside` work. The token lives outside the database (SecretStore): it is
 * written last, after every check and row, so a refusal leaves the old token; only a failed
 * commit after it could leave a newer token with the old settings — never settings without rows.
 */
export function saveSettingsAudited<T = undefined>(db: Database, write: AuditedSettingsWrite<T>): AuditedSettingsSaved<T> {
  const { secrets, changes } = write;
  return db
    .transaction((): AuditedSettingsSaved<T> => {
      const tokenBefore = secrets.read('device-token');
      const before = auditSnapshot(readDeviceSettings(db, secrets));
      // settings-repo writes a row only when its value differs (and validates before writing).
      if (changes.kiosk !== undefined) saveKioskSettings(db, changes.kiosk);
      if (changes.sync !== undefined) saveSyncSettings(db, changes.sync);
      if (changes.serviceAreas !== undefined) saveServiceAreas(db, changes.serviceAreas);
      if (changes.officeIdentity !== undefined) {
        const info = readProvisioningInfo(db);
        const { officeCode, kioskLabel } = changes.officeIdentity;
        if (info === undefined || info.officeCode !== officeCode || info.kioskLabel !== kioskLabel) {
          saveProvisioningInfo(db, { officeCode, kioskLabel, provisionedAt: write.at.toISOString() });
        }
      }
      const after = auditSnapshot(readDeviceSettings(db, secrets));
      const changed = auditChanges(before, after, { before: tokenBefore, after: changes.deviceToken ?? tokenBefore });
      insertAuditEntries(db, { at: write.at.toISOString(), actor: write.actor, via: write.via, changes: changed });
      const result = write.alongside === undefined ? (undefined as T) : write.alongside(changed);
      if (changes.deviceToken !== undefined && changes.deviceToken !== tokenBefore) secrets.write('device-token', changes.deviceToken);
      return { changed, result };
    })
    .immediate();
}

function insertAuditEntries(db: Database, entry: { at: string; actor: AuditActor; via: SettingsAuditEntry['via']; changes: readonly AuditChange[] }): void {
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
