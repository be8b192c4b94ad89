// Migration 4 adds the settings audit log beside existing data; its rows can never change.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';
import { insertAuditEntrySql, sampleAuditEntry } from '../support/settings-audit-rows';

const entry = sampleAuditEntry;
const insert = insertAuditEntrySql;

describe('migration 004: settings audit', () => {
  it('keeps the settings and ratings of version 3 and starts an empty, append-only log', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 3));
    db.prepare(`INSERT INTO settings (key, value) VALUES ('kiosk', '{"officeName":"UBND xã Tân Phú"}')`).run();
    db.prepare(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
       VALUES ('r1', 'dev', 1, '2026-11-23T09:00:00.000+07:00', '2026-11-23', 'vn-3', 1, '0.1.0', 'boot')`,
    ).run();

    migrate(db, migrations.slice(0, 4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'kiosk'").get()).toEqual({ value: '{"officeName":"UBND xã Tân Phú"}' });
    expect(db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM settings_audit').get()).toEqual({ n: 0 });

    db.prepare(insert).run(entry);
    expect(() => db.prepare("UPDATE settings_audit SET new_value = '\"x\"'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM settings_audit').run()).toThrow(/append-only/);
    expect(() => db.prepare(insert).run({ ...entry, via: 'usb-stick' })).toThrow(/CHECK/);
    expect(db.prepare('SELECT key, new_value FROM settings_audit').all()).toEqual([{ key: 'officeName', new_value: '"UBND xã Tân Phú"' }]);
    db.close();
  });
});
