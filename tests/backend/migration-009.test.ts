// Migration 9: used PIN reset files, and 'pin-reset-file' as a way a PIN was reset. Existing
// audit rows stay as they were (ids kept); the table stays append-only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

describe('migration 009: PIN reset files', () => {
  it('keeps the PIN audit, accepts via pin-reset-file, records each used fileId once', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 8));
    const audit = db.prepare(
      `INSERT INTO staff_pin_audit (at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
       VALUES ('2026-11-23T02:00:00.000Z', ?, 'role:it-admin', ?, ?, ?, NULL, ?, ?)`,
    );
    audit.run('locked', 5, '2026-11-23T02:01:00.000Z', null, null, 'staff-area');
    audit.run('reset', null, null, 'it-admin', 'dòng lệnh (kiosk)', 'kiosk-cli');
    audit.run('setup-code', null, null, 'it-admin', 'Cán bộ CNTT', 'provisioning-file');
    expect(() => audit.run('reset', null, null, 'it-admin', 'x', 'pin-reset-file')).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all();

    migrate(db, migrations.slice(0, 9));
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all()).toEqual(before);
    audit.run('reset', null, null, 'it-admin', 'dòng lệnh (kiosk)', 'pin-reset-file');
    expect(() => audit.run('reset', null, null, null, null, 'pin-reset-file')).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM staff_pin_audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE staff_pin_audit SET via = 'kiosk-cli'").run()).toThrow(/append-only/);

    const used = db.prepare("INSERT INTO used_pin_reset_files (file_id, role, issued_at, used_at) VALUES (?, ?, '2026-11-29T01:00:00.000Z', '2026-11-29T02:00:00.000Z')");
    used.run('7d0c2c3a-8a55-4d3e-9a43-2f6f1f9f5c10', 'it-admin');
    expect(() => used.run('7d0c2c3a-8a55-4d3e-9a43-2f6f1f9f5c10', 'it-admin')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => used.run('0b9f3d4e-1c2a-4b5c-8d6e-7f8091a2b3c4', 'officer')).toThrow(/CHECK/);
    db.close();
  });
});
