// Migration 10 rebuilds the settings audit log so the staff area (the section head's service
// areas) can be named as `via`; earlier rows keep their ids and the log stays append-only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';
import { insertAuditEntrySql, sampleAuditEntry } from '../support/settings-audit-rows';

const entry = sampleAuditEntry;
const insert = insertAuditEntrySql;

describe('migration 010: the staff area in the settings audit', () => {
  it('keeps the rows of version 9 with their ids, accepts staff-area and stays append-only', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 9));
    db.prepare(insert).run(entry);
    db.prepare(insert).run({ ...entry, via: 'kiosk-cli', key: 'syncEndpoint', old_value: null, new_value: '"https://tinh.gov.vn/hai-long"' });
    // A gap in the ids (as after a rolled-back insert) must survive the copy as it is.
    db.prepare(`INSERT INTO settings_audit (id, at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
      VALUES (7, @at, @actor_role, @actor_officer_id, @actor_name, @via, @key, @old_value, @new_value)`).run({ ...entry, via: 'provisioning-file', key: 'zone' });
    expect(() => db.prepare(insert).run({ ...entry, via: 'staff-area' })).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM settings_audit ORDER BY id').all();

    migrate(db, migrations.slice(0, 10));
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT * FROM settings_audit ORDER BY id').all()).toEqual(before);
    expect(before.map((r) => (r as { id: number }).id)).toEqual([1, 2, 7]);

    db.prepare(insert).run({ ...entry, via: 'staff-area', actor_role: 'section-head', actor_name: 'Trưởng bộ phận', key: 'serviceAreas' });
    expect(db.prepare("SELECT id, via FROM settings_audit WHERE via = 'staff-area'").all()).toEqual([{ id: 8, via: 'staff-area' }]);
    expect(() => db.prepare(insert).run({ ...entry, via: 'usb-stick' })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ ...entry, actor_role: 'citizen' })).toThrow(/CHECK/);

    expect(() => db.prepare("UPDATE settings_audit SET new_value = '\"x\"'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM settings_audit').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM settings_audit').get()).toEqual({ n: 4 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'settings_audit' ORDER BY name").all())
      .toEqual([{ name: 'settings_audit_no_delete' }, { name: 'settings_audit_no_update' }]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings_audit_v10'").get()).toEqual({ n: 0 });
    db.close();
  });
});
