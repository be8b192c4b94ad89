// Migration 11: 'default-pin-ended' as a PIN audit event (saving the setup deleted a role's
// default PIN, by a known actor). Existing audit rows stay as they were (ids kept), the table
// stays append-only, and no other data changes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

const insertAudit = `INSERT INTO staff_pin_audit (at, event, subject, failures, retry_at, actor_role, actor_officer_id, actor_name, via)
  VALUES ('2026-11-23T02:00:00.000Z', @event, @subject, @failures, @retry_at, @actor_role, NULL, @actor_name, @via)`;
const row = { subject: 'role:section-head', failures: null, retry_at: null, actor_role: 'it-admin', actor_name: 'Cán bộ CNTT' };
const ended = { ...row, event: 'default-pin-ended', via: 'setup-screen' };

describe('migration 011: the ended default PIN in the PIN audit', () => {
  it('keeps the rows of version 10 with their ids, accepts default-pin-ended with an actor and stays append-only', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 10));
    const audit = db.prepare(insertAudit);
    audit.run({ ...row, event: 'locked', failures: 5, retry_at: '2026-11-23T02:01:00.000Z', actor_role: null, actor_name: null, via: 'staff-area' });
    audit.run({ ...row, event: 'initial-pin', via: 'setup-screen' });
    // A gap in the ids (as after a rolled-back insert) must survive the copy as it is.
    db.prepare(`INSERT INTO staff_pin_audit (id, at, event, subject, actor_role, actor_name, via)
      VALUES (9, '2026-11-24T03:00:00.000Z', 'reset', 'role:it-admin', 'it-admin', 'dòng lệnh (kiosk)', 'pin-reset-file')`).run();
    expect(() => audit.run(ended)).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all();

    migrate(db, migrations.slice(0, 11));
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    expect(db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all()).toEqual(before);
    expect(before.map((r) => (r as { id: number }).id)).toEqual([1, 2, 9]);

    for (const via of ['setup-screen', 'provisioning-file', 'kiosk-cli']) audit.run({ ...ended, via });
    expect(db.prepare("SELECT id, via FROM staff_pin_audit WHERE event = 'default-pin-ended' ORDER BY id").all()).toEqual([
      { id: 10, via: 'setup-screen' },
      { id: 11, via: 'provisioning-file' },
      { id: 12, via: 'kiosk-cli' },
    ]);
    // Somebody deleted it: never without who.
    expect(() => audit.run({ ...ended, actor_role: null, actor_name: null })).toThrow(/CHECK/);
    expect(() => audit.run({ ...ended, event: 'default-pin-forgotten' })).toThrow(/CHECK/);
    expect(() => audit.run({ ...ended, via: 'usb-stick' })).toThrow(/CHECK/);

    expect(() => db.prepare("UPDATE staff_pin_audit SET via = 'kiosk-cli'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM staff_pin_audit').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM staff_pin_audit').get()).toEqual({ n: 6 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'staff_pin_audit' ORDER BY name").all())
      .toEqual([{ name: 'staff_pin_audit_no_delete' }, { name: 'staff_pin_audit_no_update' }]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'staff_pin_audit_v11'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('changes no settings and no PINs: a tool-written kiosk row with a default role PIN stays as it was', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 10));
    db.prepare(`INSERT INTO settings (key, value) VALUES ('kiosk', '{"officeName":"UBND xã Tân Lập"}')`).run();
    db.prepare(`INSERT INTO settings_audit (at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
      VALUES ('2026-11-23T02:00:00.000Z', 'it-admin', NULL, 'dòng lệnh (kiosk)', 'kiosk-cli', 'endpoint', NULL, '"https://tinh.gov.vn/hai-long"')`).run();
    db.prepare(`INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES ('role:section-head', 'scrypt$placeholder', 1, '2026-11-23T01:00:00.000Z')`).run();
    const snapshot = () => ({
      settings: db.prepare('SELECT * FROM settings ORDER BY key').all(),
      settingsAudit: db.prepare('SELECT * FROM settings_audit ORDER BY id').all(),
      credentials: db.prepare('SELECT * FROM staff_credentials ORDER BY subject').all(),
    });
    const before = snapshot();

    migrate(db, migrations.slice(0, 11));
    expect(snapshot()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM staff_pin_audit').get()).toEqual({ n: 0 });
    db.close();
  });
});
