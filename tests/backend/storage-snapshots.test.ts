// Snapshots (issue 12): the online backup API, verified before it gets its final name, kept
// within a count and a size cap, hourly while ratings arrive and at shutdown.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { applyRetention, listSnapshots, snapshotsDir, takeSnapshot } from '../../electron/backend/storage/snapshots';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';

const posix = process.platform !== 'win32';

function ratingIdsIn(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM ratings ORDER BY seq').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

async function rate(backend: ReturnType<typeof openTestBackend>, clock: ReturnType<typeof manualClock>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    clock.advance(30_000);
    const reply = await backend.handlers.submitRating({ scale: 'vn-3', level: 1 + (i % 3) });
    ids.push(reply.id);
  }
  return ids;
}

describe('takeSnapshot', () => {
  it('holds every rating committed before it, none after, under a final name with private modes', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T01:00:00Z');
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    const before = await rate(backend, clock, 7);
    const info = await takeSnapshot(backend.context.db, dataDir, clock.now);
    await rate(backend, clock, 2);
    expect(info.file).toBe('kiosk-2026-11-29T01-03-30-000Z.db');
    expect(ratingIdsIn(info.path)).toEqual(before);
    expect(listSnapshots(dataDir)).toEqual([info]);
    expect(info.takenAt).toBe('2026-11-29T01:03:30.000Z');
    expect(info.verifiedAt).toBe('2026-11-29T01:03:30.000Z');
    expect(info.bytes).toBe(statSync(info.path).size);
    if (posix) {
      expect(statSync(snapshotsDir(dataDir)).mode & 0o777).toBe(0o700);
      expect(statSync(info.path).mode & 0o777).toBe(0o600);
    }
    // The copy is a database of its own, not a WAL file's half.
    expect(readdirSync(snapshotsDir(dataDir))).toEqual([info.file]);
  });

  it('never lists what an interrupted snapshot left, and removes it at the next snapshot', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T01:00:00Z');
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    await rate(backend, clock, 3);
    await takeSnapshot(backend.context.db, dataDir, clock.now);
    // What a kill -9 midway leaves: the first pages of a backup under its temporary name, and its journal.
    const half = readFileSync(listSnapshots(dataDir)[0]?.path ?? '').subarray(0, 4096);
    const dir = snapshotsDir(dataDir);
    writeFileSync(join(dir, '.snapshot-4242-abc.db'), half);
    writeFileSync(join(dir, '.snapshot-4242-abc.db-journal'), 'x');
    expect(listSnapshots(dataDir)).toHaveLength(1);
    clock.advance(60_000);
    await rate(backend, clock, 1);
    await takeSnapshot(backend.context.db, dataDir, clock.now);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(listSnapshots(dataDir)).toHaveLength(2);
  });

  it.each(['mid-backup', 'before-rename'])('a snapshot killed (SIGKILL) %s is never listed, and the next one cleans up', async (step) => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T01:00:00Z');
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    const ids = await rate(backend, clock, 40);
    await backend.close(); // its shutdown snapshot is the one verified snapshot before the kill
    const before = listSnapshots(dataDir);
    expect(before).toHaveLength(1);

    const support = (name: string) => fileURLToPath(new URL(`../support/${name}`, import.meta.url));
    const child = spawnSync(
      process.execPath,
      ['--experimental-transform-types', '--no-warnings', '--import', support('ts-child-hooks.mjs'), support('snapshot-kill-child.ts'), dataDir, step],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(readdirSync(snapshotsDir(dataDir)).filter((name) => name.startsWith('.snapshot-')).length).toBeGreaterThan(0);
    expect(listSnapshots(dataDir)).toEqual(before);

    const again = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    clock.advance(60_000);
    const next = await takeSnapshot(again.context.db, dataDir, clock.now);
    expect(readdirSync(snapshotsDir(dataDir)).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(listSnapshots(dataDir).map((s) => s.file)).toEqual([next.file, before[0]?.file]);
    expect(ratingIdsIn(next.path)).toEqual(ids);
  });

  it('keeps the newest few within the size cap, and always the newest', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T01:00:00Z');
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    const taken: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      await rate(backend, clock, 1);
      taken.push((await takeSnapshot(backend.context.db, dataDir, clock.now, { keep: 5 })).file);
    }
    expect(listSnapshots(dataDir).map((s) => s.file)).toEqual(taken.slice(2).reverse());

    const sizes = listSnapshots(dataDir).map((s) => s.bytes);
    applyRetention(dataDir, 5, (sizes[0] ?? 0) + (sizes[1] ?? 0) + 1);
    expect(listSnapshots(dataDir).map((s) => s.file)).toEqual(taken.slice(5).reverse());

    // A cap smaller than one snapshot still keeps the newest verified one.
    await rate(backend, clock, 1);
    const newest = await takeSnapshot(backend.context.db, dataDir, clock.now, { maxTotalBytes: 1 });
    expect(listSnapshots(dataDir)).toEqual([newest]);
  });
});

describe('the snapshot schedule', () => {
  it('takes one hourly, and only when ratings arrived since the last', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T01:00:00Z');
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    expect(await backend.snapshots.tick()).toBeNull(); // no ratings yet
    await rate(backend, clock, 2);
    const first = await backend.snapshots.tick();
    expect(first).not.toBeNull();
    await rate(backend, clock, 2);
    clock.advance(59 * 60_000 - 60_000);
    expect(await backend.snapshots.tick()).toBeNull(); // under an hour since the first
    clock.advance(60_000);
    const second = await backend.snapshots.tick();
    expect(second?.takenAt).toBe('2026-11-29T02:01:00.000Z');
    expect(ratingIdsIn(second?.path ?? '')).toHaveLength(4);
    clock.advance(3 * 60 * 60_000);
    expect(await backend.snapshots.tick()).toBeNull(); // hours later, but nothing new
    expect(listSnapshots(dataDir)).toHaveLength(2);
  });

  it('takes one at shutdown when ratings arrived, none when not', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-29T01:00:00Z');
    const quiet = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    await quiet.close();
    expect(listSnapshots(dataDir)).toEqual([]);

    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    const ids = await rate(backend, clock, 3);
    await backend.close();
    const [atClose] = listSnapshots(dataDir);
    expect(ratingIdsIn(atClose?.path ?? '')).toEqual(ids);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);

    // Started and stopped again without a new rating: the newest snapshot already holds them all.
    clock.advance(2 * 60 * 60_000);
    const idle = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    expect(await idle.snapshots.tick()).toBeNull();
    await idle.close();
    expect(listSnapshots(dataDir)).toEqual([atClose]);
  });
});

