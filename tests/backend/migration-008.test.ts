// Migration 8: setup codes on credentials, and three more PIN audit events. Existing
// credentials and audit rows stay as they were (ids kept); the table stays append-only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

describe('migration 008: setup codes', () => {
  it('keeps credentials and the PIN audit, marks no credential a setup code, accepts the new events only with their facts', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 7));
    db.prepare("INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES ('role:section-head', 'scrypt$1024$8$1$c2FsdA==$aGFzaA==', 0, '2026-11-20T02:00:00.000Z')").run();
    const audit7 = db.prepare(
      `INSERT INTO staff_pin_audit (at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
       VALUES ('2026-11-23T02:00:00.000Z', ?, 'role:it-admin', ?, ?, ?, NULL, ?, ?)`,
    );
    audit7.run('locked', 5, '2026-11-23T02:01:00.000Z', null, null, 'staff-area');
    audit7.run('reset', null, null, 'it-admin', 'dòng lệnh (kiosk)', 'kiosk-cli');
    const auditBefore = db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all();

    migrate(db, migrations.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT subject, must_change, setup_code FROM staff_credentials').all()).toEqual([{ subject: 'role:section-head', must_change: 0, setup_code: null }]);
    expect(db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all()).toEqual(auditBefore);
    expect(() => db.prepare("UPDATE staff_credentials SET setup_code = 'maybe'").run()).toThrow(/CHECK/);

    const audit = db.prepare(
      `INSERT INTO staff_pin_audit (at, event, subject, actor_role, actor_name, via) VALUES ('2026-11-24T02:00:00.000Z', ?, 'role:section-head', ?, ?, ?)`,
    );
    audit.run('setup-code', 'it-admin', 'dòng lệnh (kiosk)', 'kiosk-cli');
    audit.run('setup-code', 'it-admin', 'Cán bộ CNTT', 'provisioning-file');
    audit.run('setup-code-used', null, null, 'staff-area');
    audit.run('initial-pin', 'it-admin', 'Cán bộ CNTT', 'setup-screen');
    expect(() => audit.run('setup-code', null, null, 'kiosk-cli')).toThrow(/CHECK/);
    expect(() => audit.run('initial-pin', null, null, 'setup-screen')).toThrow(/CHECK/);
    expect(() => audit.run('setup-code', 'it-admin', 'x', 'usb')).toThrow(/CHECK/);
    expect(() => audit.run('code-shown', 'it-admin', 'x', 'kiosk-cli')).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM staff_pin_audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE staff_pin_audit SET via = 'kiosk-cli'").run()).toThrow(/append-only/);
    db.close();
  });
});
