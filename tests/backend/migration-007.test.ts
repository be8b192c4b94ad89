// Migration 7 moves the PIN lockout from one kiosk-wide count in `settings` to one row per
// account. The old count is dropped (it cannot be attributed to an account, and copying it to
// every account would lock everybody out); credentials, other settings and the settings audit
// of version 6 stay as they were.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

describe('migration 007: PIN lockout per account', () => {
  it('drops the kiosk-wide lockout, keeps credentials, settings and the settings audit, and adds per-account tables', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 6));
    const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    // A kiosk locked under version 6: 7 failures by whoever, the last a minute ago.
    setting.run('pin_lockout', JSON.stringify({ failures: 7, lastFailureAt: '2026-11-23T02:00:00.000Z' }));
    setting.run('dashboard', JSON.stringify({ officerMinimumRatings: 7 }));
    db.prepare("INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES ('role:section-head', 'scrypt$1024$8$1$c2FsdA==$aGFzaA==', 0, '2026-11-20T02:00:00.000Z')").run();
    db.prepare(
      `INSERT INTO settings_audit (at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
       VALUES ('2026-11-20T02:00:00.000Z', 'it-admin', NULL, 'Cán bộ CNTT', 'setup-screen', 'officeName', NULL, '"UBND xã"')`,
    ).run();
    const credentialsBefore = db.prepare('SELECT * FROM staff_credentials').all();
    const auditBefore = db.prepare('SELECT * FROM settings_audit').all();

    migrate(db, migrations.slice(0, 7));
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare("SELECT key FROM settings ORDER BY key").all()).toEqual([{ key: 'dashboard' }]);
    expect(db.prepare('SELECT * FROM staff_credentials').all()).toEqual(credentialsBefore);
    expect(db.prepare('SELECT * FROM settings_audit').all()).toEqual(auditBefore);
    expect(db.prepare('SELECT count(*) AS n FROM pin_lockouts').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM staff_pin_audit').get()).toEqual({ n: 0 });

    // One row per account; only real subjects, positive counts, readable instants.
    const lockout = db.prepare('INSERT INTO pin_lockouts (subject, failures, last_failure_at) VALUES (?, ?, ?)');
    lockout.run('role:section-head', 5, '2026-11-23T02:00:00.000Z');
    lockout.run('officer:3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01', 1, '2026-11-23T02:00:00.000Z');
    expect(() => lockout.run('role:section-head', 6, '2026-11-23T02:01:00.000Z')).toThrow(/UNIQUE/);
    expect(() => lockout.run('role:officer', 1, '2026-11-23T02:00:00.000Z')).toThrow(/CHECK/);
    expect(() => lockout.run('role:it-admin', 0, '2026-11-23T02:00:00.000Z')).toThrow(/CHECK/);
    expect(() => lockout.run('role:it-admin', 1, 'hôm qua')).toThrow(/CHECK/);

    // The PIN audit: a lockout names its failures and end, a reset its actor; append-only.
    const audit = db.prepare(
      `INSERT INTO staff_pin_audit (at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
       VALUES ('2026-11-23T02:00:00.000Z', ?, 'role:it-admin', ?, ?, ?, NULL, ?, ?)`,
    );
    audit.run('locked', 5, '2026-11-23T02:01:00.000Z', null, null, 'staff-area');
    audit.run('reset', null, null, 'it-admin', 'dòng lệnh (kiosk)', 'kiosk-cli');
    expect(() => audit.run('locked', null, null, null, null, 'staff-area')).toThrow(/CHECK/);
    expect(() => audit.run('reset', null, null, null, null, 'kiosk-cli')).toThrow(/CHECK/);
    expect(() => audit.run('unlocked', null, null, 'it-admin', 'x', 'kiosk-cli')).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM staff_pin_audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE staff_pin_audit SET via = 'kiosk-cli'").run()).toThrow(/append-only/);
    db.close();
  });
});
