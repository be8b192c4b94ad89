// Quarantine (issue 12): a damaged database moves aside whole (kiosk.db with its -wal and
// -shm), never deleted, with its reason; the folder stays within its cap, the newest kept.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { capQuarantine, quarantineDatabase, quarantineDir } from '../../electron/backend/storage/quarantine';
import { manualClock, tempDataDir } from '../support/backend-fixture';

const posix = process.platform !== 'win32';

/** A real kiosk database left open, so that its -wal and -shm exist on disk beside it. */
function liveDatabase(dataDir: string) {
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  db.exec("CREATE TABLE filler (body TEXT NOT NULL) STRICT; INSERT INTO filler VALUES ('hồ sơ')");
  return db;
}

describe('quarantineDatabase', () => {
  it('moves kiosk.db with its -wal and -shm into one dated folder, with reason.json', () => {
    const dataDir = tempDataDir();
    const db = liveDatabase(dataDir);
    const sizes = Object.fromEntries(['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm'].map((f) => [f, statSync(join(dataDir, f)).size]));
    const clock = manualClock('2026-11-29T03:04:05.678Z');
    const result = quarantineDatabase(dataDir, { code: 'not-a-database', detail: 'file is not a database' }, { now: clock.now });
    db.close();
    expect(result.folder).toBe(join(quarantineDir(dataDir), '2026-11-29T03-04-05-678Z'));
    expect(result.moved.sort()).toEqual(['kiosk.db', 'kiosk.db-shm', 'kiosk.db-wal']);
    for (const [file, size] of Object.entries(sizes)) {
      expect(existsSync(join(dataDir, file)), `${file} left behind`).toBe(false);
      expect(statSync(join(result.folder, file)).size).toBe(size);
    }
    expect(JSON.parse(readFileSync(join(result.folder, 'reason.json'), 'utf8'))).toEqual({
      at: '2026-11-29T03:04:05.678Z',
      code: 'not-a-database',
      detail: 'file is not a database',
      files: ['kiosk.db-wal', 'kiosk.db-shm', 'kiosk.db'],
    });
    if (posix) {
      expect(statSync(quarantineDir(dataDir)).mode & 0o777).toBe(0o700);
      expect(statSync(result.folder).mode & 0o777).toBe(0o700);
      expect(statSync(join(result.folder, 'reason.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('moves whichever files exist, and a second quarantine in the same millisecond gets its own folder', () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T03:04:05Z');
    writeFileSync(join(dataDir, 'kiosk.db'), 'garbage');
    const first = quarantineDatabase(dataDir, { code: 'sqlite-corrupt' }, { now: clock.now });
    expect(first.moved).toEqual(['kiosk.db']);
    writeFileSync(join(dataDir, 'kiosk.db'), 'more garbage');
    writeFileSync(join(dataDir, 'kiosk.db-wal'), 'a foreign WAL');
    const second = quarantineDatabase(dataDir, { code: 'sqlite-corrupt' }, { now: clock.now });
    expect(second.folder).not.toBe(first.folder);
    expect(second.moved).toEqual(['kiosk.db-wal', 'kiosk.db']);
    expect(readFileSync(join(first.folder, 'kiosk.db'), 'utf8')).toBe('garbage');
  });

  it('stays within its cap by removing the oldest folders, never the newest', () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T00:00:00Z');
    const folders: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      clock.advance(60_000);
      writeFileSync(join(dataDir, 'kiosk.db'), Buffer.alloc(1000, i));
      folders.push(quarantineDatabase(dataDir, { code: 'sqlite-corrupt' }, { now: clock.now, maxTotalBytes: 10_000 }).folder);
    }
    expect(readdirSync(quarantineDir(dataDir))).toHaveLength(4);
    // ~1.1 kB each: a cap of 2.5 kB keeps the newest two.
    const removed = capQuarantine(dataDir, 2_500);
    expect(removed).toEqual(folders.slice(0, 2).map((f) => basename(f)));
    expect(readdirSync(quarantineDir(dataDir)).sort()).toEqual(folders.slice(2).map((f) => basename(f)));
    // Larger than any cap on its own: the newest stays all the same.
    clock.advance(60_000);
    writeFileSync(join(dataDir, 'kiosk.db'), Buffer.alloc(5000));
    const newest = quarantineDatabase(dataDir, { code: 'sqlite-corrupt' }, { now: clock.now, maxTotalBytes: 100 });
    expect(readdirSync(quarantineDir(dataDir))).toEqual([basename(newest.folder)]);
    expect(statSync(join(newest.folder, 'kiosk.db')).size).toBe(5000);
  });
});
