// Issue 12: no start-up fault makes the kiosk exit. A storage that cannot be opened (disk full,
// read-only folder, a lock, a database newer than the code) leaves the service running and out of
// service: every call answers OUT_OF_SERVICE with the cause and an incident code, nothing is
// moved aside, and the first retry after the fault goes puts it back in service. The -wal file
// deleted or replaced under a running kiosk is an outage too: the tap is refused, the storage
// reopened, and nothing acknowledged before is lost.
// Faults are injected at the file-system boundary (the open), because CI runs as root and a
// chmod does not make a folder read-only for root; the newer schema is a real file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hostOf, methodNames, type EventName } from '../../shared/contract';
import { openDatabase } from '../../electron/backend/database';
import { dispatch } from '../../electron/backend/dispatch';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { startKioskService, STORAGE_RETRY_MS, type KioskService, type KioskServiceOptions, type ServiceTimers } from '../../electron/backend/kiosk-service';
import { migrations } from '../../electron/backend/migrations';
import { listRatings } from '../../electron/backend/ratings-repo';
import { quarantineDir } from '../../electron/backend/storage/quarantine';
import type { StorageOpening } from '../../electron/backend/storage/storage-status';
import type { DailyIntegrityCheckDeps } from '../../electron/backend/storage/daily-integrity-check';
import { capturingLogger, manualClock, sequentialIds, tempDataDir, TEST_PIN_HASH_COST } from '../support/backend-fixture';

/** Timers the test fires by hand: what the service scheduled, and after how long. */
function manualTimers(): ServiceTimers & { pending: () => { ms: number }[]; fire: (ms: number) => void } {
  let next = 0;
  const scheduled = new Map<number, { run: () => void; ms: number }>();
  return {
    setTimeout: (run, ms) => {
      scheduled.set(++next, { run, ms });
      return next;
    },
    clearTimeout: (handle) => scheduled.delete(handle as number),
    pending: () => [...scheduled.values()].map(({ ms }) => ({ ms })),
    fire: (ms) => {
      const due = [...scheduled.entries()].filter(([, t]) => t.ms === ms);
      expect(due, `a timer of ${ms} ms`).toHaveLength(1);
      const [handle, timer] = due[0] ?? [];
      if (handle === undefined || timer === undefined) return;
      scheduled.delete(handle);
      timer.run();
    },
  };
}

const services: KioskService[] = [];
afterEach(async () => {
  while (services.length > 0) await services.pop()?.close();
});

/** A service on `dataDir`, once its first open settled (unless the test brings its own open path). */
async function start(dataDir: string, extra: Partial<KioskServiceOptions> = {}) {
  const timers = manualTimers();
  const logger = capturingLogger();
  const clock = manualClock('2026-11-23T09:15:00+07:00');
  const service = startKioskService({
    dataDir,
    appVersion: '9.9.9-test',
    log: logger.log,
    now: clock.now,
    newRatingId: sequentialIds(),
    pinHashCost: TEST_PIN_HASH_COST,
    autoSync: false,
    timers,
    ...extra,
  });
  services.push(service);
  const heard: { name: EventName; payload: unknown }[] = [];
  service.events.subscribe((name, payload) => heard.push({ name, payload }));
  const call = (name: string, input: unknown = {}) => dispatch(service.endpoint, name, input);
  if (extra.openStorage === undefined) await service.settled();
  return { service, timers, logger, clock, heard, call };
}

/** kiosk.db's open, failing with `code` while `fault.on` the way the file system would make it fail. */
function faultyOpen(code: string, message: string) {
  const fault = { on: true };
  const open = (file: string) => {
    if (fault.on) throw Object.assign(new Error(message), { code });
    return openDatabase(file);
  };
  return { fault, open };
}

const anyHostMethods = methodNames.filter((name) => hostOf(name) === 'any');

describe('the kiosk service with its storage out at start', () => {
  it.each([
    ['disk full', 'SQLITE_FULL', 'database or disk is full', 'disk-full', 'HL-DISK-FULL'],
    ['read-only data folder', 'SQLITE_READONLY', 'attempt to write a readonly database', 'no-permission', 'HL-NO-WRITE'],
    ['read-only file system', 'EROFS', "EROFS: read-only file system, mkdir '/kiosk'", 'no-permission', 'HL-NO-WRITE'],
    ['locked by another program', 'SQLITE_BUSY', 'database is locked', 'locked', 'HL-DB-LOCKED'],
  ])('%s: every call OUT_OF_SERVICE, no throw, nothing quarantined; back in service at the first retry after the fault goes', async (_name, code, message, reason, incidentCode) => {
    const dataDir = tempDataDir();
    // A kiosk that worked before: its database exists and holds a rating.
    const before = openDatabase(join(dataDir, DATABASE_FILE));
    before.close();
    const { fault, open } = faultyOpen(code, message);
    const { service, timers, heard, call, logger } = await start(dataDir, { openDatabase: open });

    expect(service.state()).toMatchObject({ kind: 'out-of-service', outage: { reason, incidentCode } });
    for (const name of anyHostMethods) {
      const reply = await call(name);
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode } });
    }
    const home = await call('getHomeScreen');
    expect(home).toMatchObject({ ok: false, error: { detail: expect.stringMatching(/\S/) } });
    expect(existsSync(quarantineDir(dataDir))).toBe(false);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
    expect(logger.lines().filter((l) => l.msg === 'storage out of service; retrying')).toHaveLength(1);

    // Still out: the retry keeps retrying (and logs the same cause once).
    expect(timers.pending()).toEqual([{ ms: STORAGE_RETRY_MS }]);
    timers.fire(STORAGE_RETRY_MS);
    await service.settled();
    expect(service.state().kind).toBe('out-of-service');
    expect(logger.lines().filter((l) => l.msg === 'storage out of service; retrying')).toHaveLength(1);

    fault.on = false;
    timers.fire(STORAGE_RETRY_MS);
    await service.settled();
    expect(service.state().kind).toBe('in-service');
    expect(heard).toContainEqual({ name: 'serviceChanged', payload: { inService: true } });
    expect(await call('getHomeScreen')).toMatchObject({ ok: true });
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true, data: { seq: 1 } });
  });

  it('a database newer than the code (a real file): out of service, untouched, in service once it is fixed', async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, DATABASE_FILE);
    openDatabase(file).close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    const inode = statSync(file).ino;
    const { service, timers, call } = await start(dataDir);

    expect(service.state()).toMatchObject({ kind: 'out-of-service', outage: { reason: 'database-too-new', incidentCode: 'HL-DB-TOO-NEW' } });
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-DB-TOO-NEW' } });
    expect(statSync(file).ino).toBe(inode);
    expect(existsSync(quarantineDir(dataDir))).toBe(false);

    // IT installs the matching version; here: the file goes back to the version the code knows.
    const fixed = new BetterSqlite3(file);
    fixed.pragma(`user_version = ${migrations.length}`);
    fixed.close();
    timers.fire(STORAGE_RETRY_MS);
    await service.settled();
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
  });

  it('a data folder whose kiosk.db is a folder: out of service, never exits', async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, DATABASE_FILE);
    mkdirSync(file);
    const { service, timers, call } = await start(dataDir);
    expect(service.state().kind).toBe('out-of-service');
    expect(await call('getHomeScreen')).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: expect.stringMatching(/^HL-/) } });
    rmSync(file, { recursive: true });
    timers.fire(STORAGE_RETRY_MS);
    await service.settled();
    expect(service.state().kind).toBe('in-service');
  });
});

describe('the -wal file lost under a running kiosk', () => {
  it.each([
    ['deleted', (wal: string) => rmSync(wal)],
    [
      'replaced by another file',
      (wal: string) => {
        copyFileSync(wal, `${wal}.copy`);
        rmSync(wal);
        renameSync(`${wal}.copy`, wal);
      },
    ],
  ])('%s: the next tap is refused (not thanked), the storage is reopened, nothing acknowledged is lost, ratings are accepted again', async (_name, lose) => {
    const dataDir = tempDataDir();
    const { service, call, heard, logger } = await start(dataDir);
    const acknowledged = [];
    for (let i = 0; i < 3; i += 1) {
      const reply = await call('submitRating', { scale: 'vn-3', level: 3 });
      expect(reply.ok).toBe(true);
      acknowledged.push(reply);
    }
    lose(join(dataDir, `${DATABASE_FILE}-wal`));

    expect(await call('submitRating', { scale: 'vn-3', level: 1 })).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(heard).toContainEqual({ name: 'serviceChanged', payload: { inService: false } });
    expect(logger.lines()).toContainEqual(expect.objectContaining({ incidentCode: 'HL-WAL-LOST' }));
    // The reopen runs at once (no retry wait): the tap's refusal started it, and asking for one
    // while it runs answers the same promise.
    await service.reopen({ kind: 'out-of-service', reason: 'io-error', incidentCode: 'HL-WAL-LOST', message: '', detail: '' });
    expect(service.state().kind).toBe('in-service');
    expect(heard).toContainEqual({ name: 'serviceChanged', payload: { inService: true } });
    expect(await call('submitRating', { scale: 'vn-3', level: 2 })).toMatchObject({ ok: true, data: { seq: 4 } });

    await service.close();
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      // The three thanked before the loss and the one after; the refused tap is not there.
      expect(listRatings(db).map((r) => [r.seq, r.level])).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 2],
      ]);
    } finally {
      db.close();
    }
  });

  it('is also found between taps, by the periodic check', async () => {
    const dataDir = tempDataDir();
    const { service, timers, call } = await start(dataDir, { walCheckMs: 30_000 });
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
    timers.fire(30_000); // intact: checks again later
    expect(service.state().kind).toBe('in-service');
    rmSync(join(dataDir, `${DATABASE_FILE}-wal`));
    timers.fire(30_000);
    expect(service.state()).toMatchObject({ kind: 'out-of-service', outage: { incidentCode: 'HL-WAL-LOST' } });
    expect(await call('getHomeScreen')).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-WAL-LOST' } });
    await service.reopen({ kind: 'out-of-service', reason: 'io-error', incidentCode: 'HL-WAL-LOST', message: '', detail: '' });
    expect(service.state().kind).toBe('in-service');
    expect(readdirSync(dataDir)).toContain(`${DATABASE_FILE}-wal`);
  });
});

describe('an open path that takes a while (a rebuild)', () => {
  it('refuses calls as out of service while it runs, then serves on what it opened and tells the screen', async () => {
    const dataDir = tempDataDir();
    let finish: (opening: StorageOpening) => void = () => undefined;
    const opening = new Promise<StorageOpening>((resolve) => (finish = resolve));
    const { service, call, heard } = await start(dataDir, { openStorage: () => opening });
    expect(service.state().kind).toBe('opening');
    expect(await call('getHomeScreen')).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-OPENING' } });

    finish({ kind: 'open', db: openDatabase(join(dataDir, DATABASE_FILE)), recovered: null });
    await service.settled();
    expect(service.state().kind).toBe('in-service');
    expect(heard).toContainEqual({ name: 'serviceChanged', payload: { inService: true } });
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
  });

  it('a reopen may go through another open once (the daily check rebuilds): the new database serves from then on', async () => {
    const dataDir = tempDataDir();
    const { service, call } = await start(dataDir);
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true, data: { seq: 1 } });
    let rebuilt = 0;
    await service.reopen({ kind: 'out-of-service', reason: 'unknown', incidentCode: 'HL-DB-REBUILD', message: '', detail: 'daily check' }, async () => {
      rebuilt += 1;
      return { kind: 'open', db: openDatabase(join(dataDir, DATABASE_FILE)), recovered: null };
    });
    expect(rebuilt).toBe(1);
    expect(service.state().kind).toBe('in-service');
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true, data: { seq: 2 } });
  });
});

describe('the daily integrity check, run by the service', () => {
  it('damage found: the backend closes, the database is rebuilt, and the new one serves without a restart', async () => {
    const dataDir = tempDataDir();
    let checkDeps: DailyIntegrityCheckDeps | undefined;
    const { service, call, heard } = await start(dataDir, {
      dailyCheck: (deps) => {
        checkDeps = deps;
        return { tick: () => Promise.resolve('not-due'), start: () => undefined, stop: () => undefined };
      },
    });
    for (let i = 0; i < 3; i += 1) expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
    const before = service.state();
    if (before.kind !== 'in-service' || checkDeps === undefined) throw new Error('not in service');
    // The check reads whichever database is in service.
    expect(checkDeps.db()).toBe(before.backend.context.db);

    const heardBefore = heard.length;
    await checkDeps.onCorrupt(['row 2 missing from index ratings_by_day']);
    const after = service.state();
    expect(after.kind).toBe('in-service');
    if (after.kind !== 'in-service') return;
    expect(after.backend).not.toBe(before.backend);
    expect(checkDeps.db()).toBe(after.backend.context.db);
    expect(readdirSync(quarantineDir(dataDir))).toHaveLength(1);
    expect(
      heard
        .slice(heardBefore)
        .filter((e) => e.name === 'serviceChanged')
        .map((e) => e.payload),
    ).toEqual([{ inService: false }, { inService: true }]);
    // Every acknowledged rating is back (from the tap journal), and seq goes on above them.
    expect(listRatings(after.backend.context.db).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await call('submitRating', { scale: 'vn-3', level: 1 })).toMatchObject({ ok: true, data: { seq: 4 } });
  });
});
