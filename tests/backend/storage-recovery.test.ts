// Storage that heals itself (issue 12): 50 seeded corruptions of a kiosk database, each found at
// start (openStorage) or by the daily check, quarantined whole, rebuilt from the newest snapshot,
// the tap journal and what the damaged file still gives, with every acknowledged rating and reason
// answer back under its id, seq and chain position, the identity kept, a signed incident stored
// and the chain verifying from GENESIS. Also a rebuild killed midway, and the journal's own faults.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, existsSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/backend/dispatch';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { verifyLocalChain } from '../../electron/backend/record-chain-check';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceKey } from '../../electron/backend/sync-files/device-key';
import { ensureDeviceId, readDevicePublicKey, readKioskSettings } from '../../electron/backend/settings-repo';
import { createDailyIntegrityCheck } from '../../electron/backend/storage/daily-integrity-check';
import { listIncidents } from '../../electron/backend/storage/incidents-repo';
import { openStorage } from '../../electron/backend/storage/open-storage';
import { quarantineDir } from '../../electron/backend/storage/quarantine';
import { rebuildDatabase } from '../../electron/backend/storage/recovery';
import { listSnapshots } from '../../electron/backend/storage/snapshots';
import { tableNames } from '../../electron/backend/storage/storage-repo';
import type { RecoveryReport } from '../../electron/backend/storage/storage-status';
import { journalDir, openTapJournal, readTapJournal } from '../../electron/backend/storage/tap-journal';
import { asksForReasons } from '../../shared/scales';
import { verifyIncident } from '../../shared/sync/incident';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession, validSettings } from '../support/it-admin-fixture';
import { seededRandom } from '../support/seeded-random';

const ZONE_START = '2026-11-23T09:00:00+07:00';
const PAGE = 4096;
const kinds = ['zeroed-header', 'byte-flips', 'truncation', 'garbage-appended', 'foreign-wal', 'deleted-wal'] as const;
type DamageKind = (typeof kinds)[number];

type Clock = ReturnType<typeof manualClock>;
interface Acked {
  kind: 'rating' | 'reason-answer';
  id: string;
  seq: number | null;
  position: number;
}

const times: number[] = [];
const detections: Record<string, number> = {};
/** kind: files moved / files present after the damage. */
const quarantined: Record<string, number> = {};
afterAll(() => {
  if (times.length > 0) console.log(`storage recovery: ${times.length} rebuilds, worst ${Math.max(...times)} ms; detected by ${JSON.stringify(detections)}; quarantined ${JSON.stringify(quarantined)}`);
});

/** Taps `n` ratings (a negative one answered with a reason every other time); the acknowledged ones. */
async function tap(backend: KioskBackend, clock: Clock, random: () => number, n: number): Promise<void> {
  const reason = readKioskSettings(backend.context.db).reasons[0]?.code ?? '';
  for (let i = 0; i < n; i++) {
    clock.advance(15_000 + Math.floor(random() * 60_000));
    const level = 1 + Math.floor(random() * 3);
    const rating = await backend.handlers.submitRating({ scale: 'vn-3', level });
    if (asksForReasons('vn-3', level) && random() < 0.7) {
      clock.advance(3_000);
      await backend.handlers.submitReasons({ ratingId: rating.id, reasonCodes: [reason] });
    }
  }
}

function ackedIn(db: Database): Acked[] {
  return db
    .prepare(
      `SELECT c.kind, c.record_id AS id, r.seq, c.position FROM record_chain c LEFT JOIN ratings r ON r.id = c.record_id ORDER BY c.position`,
    )
    .all() as Acked[];
}

/** Every row of every table, as sorted JSON, per table. */
function everyRow(db: Database): Record<string, string[]> {
  return Object.fromEntries(
    tableNames(db).map((table) => [table, (db.prepare(`SELECT * FROM "${table}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort()]),
  );
}

/**
 * As a kill -9 would leave it: no shutdown snapshot, kiosk.db with its -wal and -shm as they were
 * on disk (copied while open: every commit is whole in the WAL with synchronous=FULL), not
 * checkpointed by a clean close. `keep`: which of the three files the power cut leaves.
 */
function killBackend(backend: KioskBackend, dataDir: string, keep: readonly string[] = ['', '-wal', '-shm']): void {
  if (keep.length === 0) {
    // A stop without the shutdown snapshot: SQLite's close checkpoints the WAL into kiosk.db and removes it.
    backend.snapshots.stop();
    backend.sync.stop();
    backend.context.db.close();
    return;
  }
  const file = join(dataDir, 'kiosk.db');
  const onDisk = new Map(keep.filter((suffix) => existsSync(`${file}${suffix}`)).map((suffix) => [suffix, readFileSync(`${file}${suffix}`)]));
  backend.snapshots.stop();
  backend.sync.stop();
  backend.context.db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  for (const [suffix, bytes] of onDisk) writeFileSync(`${file}${suffix}`, bytes);
}

async function foreignWal(into: string): Promise<void> {
  const otherDir = tempDataDir();
  const other = openTestBackend({ dataDir: otherDir, autoSync: false });
  for (let level = 1; level <= 3; level++) await other.handlers.submitRating({ scale: 'vn-3', level });
  copyFileSync(join(otherDir, 'kiosk.db-wal'), `${into}-wal`);
}

function damage(kind: DamageKind, file: string, random: () => number): void {
  const size = statSync(file).size;
  const pages = Math.floor(size / PAGE);
  if (kind === 'zeroed-header') {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(100), 0, 100, 0);
    closeSync(fd);
  } else if (kind === 'byte-flips') {
    const page = 1 + Math.floor(random() * Math.max(1, pages - 1));
    const fd = openSync(file, 'r+');
    for (let i = 0; i < 50; i++) {
      const at = page * PAGE + Math.floor(random() * PAGE);
      const byte = Buffer.alloc(1);
      byte[0] = Math.floor(random() * 256);
      writeSync(fd, byte, 0, 1, at);
    }
    closeSync(fd);
  } else if (kind === 'truncation') {
    truncateSync(file, Math.floor(size * (0.2 + random() * 0.6)));
  } else if (kind === 'garbage-appended') {
    appendFileSync(file, Buffer.from(Array.from({ length: 512 + Math.floor(random() * 8192) }, () => Math.floor(random() * 256))));
  }
}

interface Outcome {
  db: Database;
  report: RecoveryReport | null;
  detectedBy: 'start' | 'daily-check' | 'invisible';
}

async function openAndCheck(dataDir: string, clock: Clock): Promise<Outcome> {
  const { log } = capturingLogger();
  const secrets = fileSecretStore(dataDir);
  const opening = await openStorage({ dataDir, now: clock.now, secrets, log });
  if (opening.kind !== 'open') throw new Error(`out of service: ${opening.incidentCode} ${opening.detail}`);
  if (opening.recovered !== null) return { db: opening.db, report: opening.recovered, detectedBy: 'start' };
  let db = opening.db;
  let report: RecoveryReport | null = null;
  clock.set('2026-11-24T03:30:00+07:00');
  const daily = createDailyIntegrityCheck({
    db: () => db,
    now: clock.now,
    timeZone: () => 'Asia/Ho_Chi_Minh',
    log,
    onCorrupt: async (problems) => {
      db.close();
      const rebuilt = await rebuildDatabase({ dataDir, reason: { code: 'integrity-check', detail: problems.join('; ').slice(0, 200) }, now: clock.now, secrets, log });
      db = rebuilt.db;
      report = rebuilt.report;
    },
  });
  const verdict = await daily.tick();
  expect(verdict === 'ok' || verdict === 'corrupt').toBe(true);
  return { db, report, detectedBy: verdict === 'corrupt' ? 'daily-check' : 'invisible' };
}

describe('50 seeded corruptions', () => {
  for (let n = 0; n < 50; n++) {
    const kind = kinds[n % kinds.length] as DamageKind;
    // Every other round of the six kinds the kiosk was killed (its -wal left beside kiosk.db), else stopped (checkpointed).
    const killed = kind === 'deleted-wal' || kind === 'foreign-wal' || Math.floor(n / kinds.length) % 2 === 1;
    it(`#${n} ${kind}${killed ? ', killed' : ''}`, { timeout: 60_000 }, async () => {
      const random = seededRandom(1200 + n);
      const dataDir = tempDataDir();
      const file = join(dataDir, 'kiosk.db');
      const clock = manualClock(ZONE_START);
      const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
      const deviceId = backend.context.deviceId;
      await ensureDeviceKey(backend.context.db, fileSecretStore(dataDir)); // as enrolment made it
      await tap(backend, clock, random, 4 + Math.floor(random() * 6));
      await backend.snapshots.request(); // the hourly one
      backend.context.db.pragma('wal_checkpoint(TRUNCATE)'); // as SQLite's auto-checkpoint would: kiosk.db holds them
      await tap(backend, clock, random, 6 + Math.floor(random() * 10)); // only in the database and the journal
      const acked = ackedIn(backend.context.db);
      const rowsBefore = everyRow(backend.context.db);
      const highestSeq = Math.max(...acked.map((a) => a.seq ?? 0));
      // deleted-wal: the -wal deleted under the running kiosk, then the power cut: the main file as it was.
      killBackend(backend, dataDir, kind === 'deleted-wal' ? [''] : killed ? undefined : []);
      if (kind === 'foreign-wal') await foreignWal(file);
      else if (kind !== 'deleted-wal') damage(kind, file, random);
      else damage(kind, file, random);
      const sidecars = ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm'].filter((name) => existsSync(join(dataDir, name)));

      const outcome = await openAndCheck(dataDir, clock);
      const tally = `${kind}${killed ? '/killed' : ''}:${outcome.detectedBy}`;
      detections[tally] = (detections[tally] ?? 0) + 1;
      const { db, report } = outcome;
      try {
        // Every acknowledged record back, at its seq and chain position.
        expect(ackedIn(db).slice(0, acked.length)).toEqual(acked);
        expect(ensureDeviceId(db)).toBe(deviceId);
        expect(verifyLocalChain(db)).toEqual({ ok: true, position: acked.length });
        // Everything else as it was too (settings, staff, the sync outbox), beside the one incident.
        expect({ ...everyRow(db), storage_incidents: [] }).toEqual({ ...rowsBefore, storage_incidents: [] });
        if (outcome.detectedBy === 'invisible') {
          // Damage nothing can see lost nothing either (asserted above): bytes past the end or in free
          // space, or main-file pages the -wal of a killed kiosk holds newer copies of (its checkpoint overwrites them).
          expect(killed || kind === 'garbage-appended' || kind === 'byte-flips').toBe(true);
          return;
        }
        if (report === null) throw new Error('detected but no report');
        times.push(report.tookMs);
        expect(report.tookMs).toBeLessThan(60_000);
        expect(report.lostChainRanges).toEqual([]);
        expect(report.lostSeqRanges).toEqual([]);
        // Quarantined whole: kiosk.db with whichever of its -wal and -shm were there when the damage was found.
        const moved = readdirSync(report.quarantineDir).filter((name) => name.startsWith('kiosk.db'));
        const listed = (JSON.parse(readFileSync(join(report.quarantineDir, 'reason.json'), 'utf8')) as { files: string[] }).files;
        expect(moved.sort()).toEqual([...listed].sort());
        expect(moved).toContain('kiosk.db');
        quarantined[`${kind}:${moved.length}/${sidecars.length}`] = (quarantined[`${kind}:${moved.length}/${sidecars.length}`] ?? 0) + 1;
        const incidents = listIncidents(db);
        expect(incidents.map((i) => i.incident.id)).toEqual([report.incidentId]);
        const incident = incidents[0]?.incident;
        if (incident === undefined) throw new Error('no incident');
        expect(incident.deviceId).toBe(deviceId);
        expect(incident.chainHead.position).toBe(acked.length);
        expect(await verifyIncident(incident, readDevicePublicKey(db) ?? '')).toBe(true);
      } finally {
        db.close();
      }
      // The next tap continues above every seq known, on the rebuilt file.
      const again = openTestBackend({ dataDir, autoSync: false, now: clock.now });
      clock.advance(60_000);
      expect((await again.handlers.submitRating({ scale: 'vn-3', level: 1 })).seq).toBe(highestSeq + 1);
      expect(verifyLocalChain(again.context.db)).toEqual({ ok: true, position: acked.length + 1 });
    });
  }
});

describe('identity', () => {
  it('setup saved: a snapshot at once, so a rebuild before the first rating keeps device id, settings and the token', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false });
    itAdminSession(backend);
    const saved = await dispatch(backend.endpoint, 'saveDeviceSettings', validSettings());
    expect(saved.ok).toBe(true);
    await backend.snapshots.final(); // the one the save asked for
    expect(listSnapshots(dataDir)).toHaveLength(1);
    const before = await backend.handlers.getDeviceSettings({});
    const rowsBefore = everyRow(backend.context.db); // staff accounts, PIN hashes, lockouts, audit rows, settings
    const deviceId = backend.context.deviceId;
    killBackend(backend, dataDir, []);
    damage('zeroed-header', join(dataDir, 'kiosk.db'), seededRandom(3));

    const opening = await openStorage({ dataDir, now: () => new Date(), secrets: fileSecretStore(dataDir), log: capturingLogger().log });
    if (opening.kind !== 'open') throw new Error(opening.detail);
    expect(opening.recovered).toMatchObject({ snapshot: listSnapshots(dataDir)[0]?.file, lostChainRanges: [], lostSeqRanges: [] });
    expect(everyRow(opening.db)).toEqual(rowsBefore);
    opening.db.close();
    const again = openTestBackend({ dataDir, autoSync: false });
    expect(again.context.deviceId).toBe(deviceId);
    expect(await again.handlers.getDeviceSettings({})).toEqual(before);
  });
});

describe('what no source holds', () => {
  it('is declared lost in the signed incident, from the first break on; seq continues above it', async () => {
    const random = seededRandom(31);
    const dataDir = tempDataDir();
    const clock = manualClock(ZONE_START);
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    const deviceId = backend.context.deviceId;
    await tap(backend, clock, random, 4);
    await backend.snapshots.request();
    await tap(backend, clock, random, 6);
    const acked = ackedIn(backend.context.db);
    killBackend(backend, dataDir, []);
    damage('zeroed-header', join(dataDir, 'kiosk.db'), random); // nothing to salvage
    // One journal line lost in the middle (a sector the disk did not keep).
    const segment = join(journalDir(dataDir), readdirSync(journalDir(dataDir)).at(-1) ?? '');
    const lines = readFileSync(segment, 'utf8').split('\n');
    const dropped = JSON.parse(lines[2] ?? '{}') as { record: { chainPosition: number } };
    writeFileSync(segment, lines.filter((_, i) => i !== 2).join('\n'));
    const gap = dropped.record.chainPosition;
    expect(gap).toBeGreaterThan(0);

    const outcome = await openAndCheck(dataDir, clock);
    try {
      const report = outcome.report;
      if (report === null) throw new Error('not rebuilt');
      const highest = acked.length;
      expect(report.lostChainRanges).toEqual([{ from: gap, to: highest }]);
      const kept = acked.filter((a) => a.position < gap);
      expect(ackedIn(outcome.db)).toEqual(kept);
      const keptSeq = Math.max(...kept.map((a) => a.seq ?? 0));
      const highestSeq = Math.max(...acked.map((a) => a.seq ?? 0));
      expect(report.lostSeqRanges).toEqual(highestSeq > keptSeq ? [{ from: keptSeq + 1, to: highestSeq }] : []);
      const incident = listIncidents(outcome.db)[0]?.incident;
      expect(incident).toMatchObject({ deviceId, lostChainRanges: report.lostChainRanges, lostSeqRanges: report.lostSeqRanges });
      expect(await verifyIncident(incident as never, readDevicePublicKey(outcome.db) ?? '')).toBe(true);
      expect(verifyLocalChain(outcome.db)).toEqual({ ok: true, position: gap - 1 });
    } finally {
      outcome.db.close();
    }
    const again = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    clock.advance(60_000);
    expect((await again.handlers.submitRating({ scale: 'vn-3', level: 1 })).seq).toBe(Math.max(...acked.map((a) => a.seq ?? 0)) + 1);
  });
});

describe('a rebuild killed (SIGKILL) midway', () => {
  it.each(['quarantined', 'restored', 'replayed', 'renamed'])('killed after %s: the next start finishes it, nothing lost', async (step) => {
    const random = seededRandom(77);
    const dataDir = tempDataDir();
    const clock = manualClock(ZONE_START);
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    await tap(backend, clock, random, 5);
    await backend.snapshots.request();
    await tap(backend, clock, random, 8);
    const acked = ackedIn(backend.context.db);
    killBackend(backend, dataDir);
    damage('zeroed-header', join(dataDir, 'kiosk.db'), random);

    const support = (name: string) => fileURLToPath(new URL(`../support/${name}`, import.meta.url));
    const child = spawnSync(
      process.execPath,
      ['--experimental-transform-types', '--no-warnings', '--import', support('ts-child-hooks.mjs'), support('rebuild-kill-child.ts'), dataDir, step],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');

    const opening = await openStorage({ dataDir, now: clock.now, secrets: fileSecretStore(dataDir), log: capturingLogger().log });
    if (opening.kind !== 'open') throw new Error(opening.detail);
    try {
      expect(ackedIn(opening.db)).toEqual(acked);
      expect(verifyLocalChain(opening.db)).toEqual({ ok: true, position: acked.length });
      expect(listIncidents(opening.db)).toHaveLength(1);
      expect(existsSync(join(dataDir, 'rebuild.json'))).toBe(false);
      expect(readdirSync(dataDir).filter((name) => name.includes('rebuilding'))).toEqual([]);
      // One quarantine holds the damaged file (a redo never quarantines the rebuilt one).
      const folders = readdirSync(quarantineDir(dataDir));
      expect(folders.filter((f) => existsSync(join(quarantineDir(dataDir), f, 'kiosk.db')))).toHaveLength(1);
    } finally {
      opening.db.close();
    }
  });
});

describe('the tap journal', () => {
  it('holds every acknowledged record, hash-checked; a torn last line is skipped', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock(ZONE_START);
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    await tap(backend, clock, seededRandom(5), 6);
    const acked = ackedIn(backend.context.db);
    expect(readTapJournal(dataDir).entries.map((e) => e.record.id)).toEqual(acked.map((a) => a.id));
    const segment = readdirSync(journalDir(dataDir))[0] ?? '';
    expect(statSync(join(journalDir(dataDir), segment)).mode & 0o777).toBe(0o600);
    appendFileSync(join(journalDir(dataDir), segment), '{"kind":"rating","record":{"id":"x","chainPos');
    expect(readTapJournal(dataDir)).toMatchObject({ skipped: 1 });
    expect(readTapJournal(dataDir).entries).toHaveLength(acked.length);
  });

  it('rotates past its segment size, 0700 folder and 0600 files, read back in order', () => {
    const dataDir = tempDataDir();
    const journal = openTapJournal(dataDir, { maxSegmentBytes: 300 });
    const records = Array.from({ length: 5 }, (_, i) => ({ id: `r${i + 1}`, chainPosition: i + 1, chainLink: 'a'.repeat(64), seq: i + 1 }));
    for (const record of records) journal.append('rating', record);
    journal.close();
    const dir = journalDir(dataDir);
    expect(readdirSync(dir).length).toBeGreaterThan(1);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(readTapJournal(dataDir)).toEqual({ entries: records.map((record) => ({ kind: 'rating', record })), skipped: 0 });
  });

  it('a line whose hash fails is skipped', () => {
    const dataDir = tempDataDir();
    const record = { id: 'a', chainPosition: 1, chainLink: '0'.repeat(64), seq: 1 };
    const dir = journalDir(dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tap-00000001.jsonl'), `${JSON.stringify({ kind: 'rating', record, sha256: 'f'.repeat(64) })}\n`);
    expect(readTapJournal(dataDir)).toEqual({ entries: [], skipped: 1 });
  });

  it('cannot be written: STORAGE_FAILED, no thank-you', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'journal'), 'not a folder'); // works as root too, unlike chmod
    const backend = openTestBackend({ dataDir, autoSync: false });
    const reply = await dispatch(backend.endpoint, 'submitRating', { scale: 'vn-3', level: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
  });

  it('starts a segment after each snapshot and prunes those the newest snapshot covers, keeping the previous one', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock(ZONE_START);
    const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
    const random = seededRandom(9);
    for (let round = 0; round < 4; round++) {
      await tap(backend, clock, random, 3);
      clock.advance(60_000);
      await backend.snapshots.request();
    }
    // Four segments written; the newest snapshot covers all: the newest covered one is kept.
    expect(readdirSync(journalDir(dataDir))).toEqual(['tap-00000004.jsonl']);
    await tap(backend, clock, random, 2);
    expect(readdirSync(journalDir(dataDir))).toEqual(['tap-00000004.jsonl', 'tap-00000005.jsonl']);
  });
});

describe('faults that are not corruption', () => {
  it('a database newer than the code: out of service, nothing quarantined', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false });
    backend.context.db.pragma('user_version = 999');
    killBackend(backend, dataDir);
    const opening = await openStorage({ dataDir, now: () => new Date(), secrets: fileSecretStore(dataDir), log: capturingLogger().log });
    expect(opening).toMatchObject({ kind: 'out-of-service', reason: 'database-too-new', incidentCode: 'HL-DB-TOO-NEW' });
    expect(existsSync(quarantineDir(dataDir))).toBe(false);
    expect(existsSync(join(dataDir, 'kiosk.db'))).toBe(true);
  });
});
