import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase } from '../../electron/backend/database';
import { migrations, type Migration } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

describe('openDatabase', () => {
  it('sets every durability pragma', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(16 * 1024 * 1024);
    db.close();
  });

  it('migrates an empty file to the latest version with STRICT tables', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all();
    expect(tables).toEqual(expect.arrayContaining([{ name: 'ratings', strict: 1 }, { name: 'settings', strict: 1 }]));
    expect(tables.every((t) => (t as { strict: number }).strict === 1)).toBe(true);
    db.close();
  });

  it('reopening an up-to-date database applies nothing and keeps data', () => {
    const file = join(tempDataDir(), 'kiosk.db');
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
    first.close();
    const again = openDatabase(file);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '1' });
    again.close();
  });

  it('refuses a database written by a newer version, with a Vietnamese message, and leaves it untouched', () => {
    const file = join(tempDataDir(), 'kiosk.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/phiên bản mới hơn/);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('rolls a failing migration back whole: no half-applied schema, version unchanged', () => {
    const file = join(tempDataDir(), 'kiosk.db');
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'fails halfway',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('disk on fire');
      },
    };
    expect(() => openDatabase(file, [...migrations, broken])).toThrow('disk on fire');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('rejects a migration list out of order', () => {
    const [first] = migrations;
    if (first === undefined) throw new Error('no migrations');
    expect(() => openDatabase(join(tempDataDir(), 'kiosk.db'), [{ ...first, version: 2 }])).toThrow(/expected 1/);
  });
});

describe('migration 001: ratings', () => {
  const row = {
    id: '01900000-0000-7000-8000-000000000001',
    device_id: 'd',
    seq: 1,
    created_at: '2026-11-23T09:15:02.123+07:00',
    local_day: '2026-11-23',
    scale: 'vn-3',
    level: 1,
    app_version: '1',
    boot_id: 'b',
  };
  const insert = `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
    VALUES (@id, @device_id, @seq, @created_at, @local_day, @scale, @level, @app_version, @boot_id)`;

  it('keeps ratings append-only: DELETE is refused by the database', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'));
    db.prepare(insert).run(row);
    expect(() => db.prepare('DELETE FROM ratings').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses rows that break the column rules', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'));
    db.prepare(insert).run(row);
    expect(() => db.prepare(insert).run({ ...row, id: 'x2' })).toThrow(/UNIQUE/); // same device + seq
    expect(() => db.prepare(insert).run({ ...row, id: 'x3', seq: 2, level: 6 })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ ...row, id: 'x4', seq: 3, local_day: '23/11/2026' })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ ...row, id: 'x5', seq: 4, level: 'one' })).toThrow(/cannot store TEXT/);
    expect(() =>
      db.prepare(`${insert.replace('boot_id)', 'boot_id, reasons)').replace('@boot_id)', "@boot_id, '{}')")}`).run({ ...row, id: 'x6', seq: 5 }),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 1 });
    db.close();
  });
});
