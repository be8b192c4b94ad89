// Migration 3 adds officers, PIN hashes and shifts beside the ratings, and swaps the plain
// local_day index for the tallies' covering one — without touching a stored rating.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

const OFFICER = '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01';

function shift(id: string, endedAt: string | null, reason: string | null) {
  return { id, officer_id: OFFICER, started_at: '2026-11-23T08:00:00.000+07:00', local_day: '2026-11-23', ended_at: endedAt, end_reason: reason };
}
const insertShift = `INSERT INTO shifts (id, officer_id, started_at, local_day, ended_at, end_reason)
  VALUES (@id, @officer_id, @started_at, @local_day, @ended_at, @end_reason)`;

describe('migration 003: officers, credentials, shifts', () => {
  it('keeps every rating and its outbox row, and adds the tables and the tally index', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 2));
    const insert = db.prepare(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
       VALUES (?, 'dev', ?, '2026-11-23T09:00:00.000+07:00', '2026-11-23', 'vn-3', ?, '0.1.0', 'boot')`,
    );
    for (let seq = 1; seq <= 3; seq++) insert.run(`old-${seq}`, seq, seq);
    const before = db.prepare('SELECT * FROM ratings ORDER BY seq').all();

    migrate(db, migrations.slice(0, 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT * FROM ratings ORDER BY seq').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 3 });
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toContain('ratings_day_tally');
    expect(indexes).not.toContain('ratings_local_day');
    for (const table of ['officers', 'staff_credentials', 'shifts']) {
      expect(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table)).toMatchObject({ sql: expect.stringMatching(/STRICT$/) });
    }
    // Ratings still append after the migration (trigger and outbox intact).
    insert.run('new-4', 4, 1);
    expect(db.prepare("SELECT rating_id FROM sync_outbox WHERE seq = 4").get()).toEqual({ rating_id: 'new-4' });
    db.close();
  });

  it('enforces its rules in the database: unique codes, one open shift, known end reasons, hashes only', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'));
    const addOfficer = db.prepare(`INSERT INTO officers (id, code, name, title, created_at) VALUES (?, ?, 'Nguyễn Thị Hoa', '', '2026-11-23T08:00:00Z')`);
    addOfficer.run(OFFICER, 'CB01');
    expect(() => addOfficer.run('another', 'CB01')).toThrow(/UNIQUE/);

    const addShift = db.prepare(insertShift);
    addShift.run(shift('s1', '2026-11-23T12:00:00.000+07:00', 'signed-out'));
    addShift.run(shift('s2', null, null));
    expect(() => addShift.run(shift('s3', null, null))).toThrow(/UNIQUE/);
    expect(() => addShift.run(shift('s4', '2026-11-23T12:00:00.000+07:00', 'gone-home'))).toThrow(/CHECK/);
    expect(() => addShift.run(shift('s5', '2026-11-23T12:00:00.000+07:00', null))).toThrow(/CHECK/);
    expect(() => addShift.run({ ...shift('s6', '2026-11-23T12:00:00.000+07:00', 'switched'), officer_id: 'nobody' })).toThrow(/FOREIGN KEY/);

    const addCredential = db.prepare("INSERT INTO staff_credentials (subject, pin_hash, must_change, updated_at) VALUES (?, ?, 1, 'x')");
    expect(() => addCredential.run('role:section-head', '123456')).toThrow(/CHECK/);
    expect(() => addCredential.run('role:janitor', 'scrypt$1$1$1$a$b')).toThrow(/CHECK/);
    addCredential.run(`officer:${OFFICER}`, 'scrypt$1$1$1$a$b');
    db.close();
  });
});
