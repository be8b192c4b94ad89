import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/backend/dispatch';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { listRatings } from '../../electron/backend/ratings-repo';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { nextBatch } from '../../electron/backend/sync/outbox-repo';
import { isMisuseFlag, misuseFlags, ratingFlags } from '../../shared/rating-flags';
import { MAX_BATCH_BYTES, MAX_BATCH_RATINGS, syncBatchSchema } from '../../shared/sync/wire';
import { misuseFlags as tallyMisuseFlags } from '../../shared/tallies';
import { capturingLogger, manualClock, openTestBackend, sequentialIds, tempDataDir } from '../support/backend-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('submitRating', () => {
  it('stores a rating with every column right', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-23T02:15:02.123Z');
    const backend = openTestBackend({ dataDir, now: clock.now, newRatingId: sequentialIds(), appVersion: '1.2.3' });
    const reply = await dispatch(backend.endpoint, 'submitRating', { scale: 'vn-3', level: 2 });
    expect(reply).toEqual({
      ok: true,
      data: { id: '01900000-0000-7000-8000-000000000001', seq: 1, createdAt: '2026-11-23T09:15:02.123+07:00' },
    });
    const [row, ...rest] = listRatings(backend.context.db);
    expect(rest).toHaveLength(0);
    expect(row).toEqual({
      id: '01900000-0000-7000-8000-000000000001',
      device_id: backend.context.deviceId,
      seq: 1,
      created_at: '2026-11-23T09:15:02.123+07:00',
      local_day: '2026-11-23',
      scale: 'vn-3',
      level: 2,
      officer_id: null,
      service_code: null,
      dossier_code: null,
      reasons: '[]',
      flags: '[]',
      app_version: '1.2.3',
      boot_id: backend.context.bootId,
    });
    expect(backend.context.deviceId).toMatch(UUID);
    expect(backend.context.bootId).toMatch(UUID);
  });

  it('uses UUIDv7 ids by default', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const reply = await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    expect(reply.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('splits local days at midnight in the kiosk time zone, not UTC', async () => {
    const clock = manualClock('2026-11-22T16:59:59.999Z'); // 23:59:59.999 in Hà Nội
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    clock.advance(1); // 00:00:00.000 next day
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    expect(listRatings(backend.context.db).map((r) => [r.created_at, r.local_day])).toEqual([
      ['2026-11-22T23:59:59.999+07:00', '2026-11-22'],
      ['2026-11-23T00:00:00.000+07:00', '2026-11-23'],
    ]);
  });

  it('follows the configured time zone and records its offset', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, now: manualClock('2026-11-23T02:00:00.000Z').now });
    saveKioskSettings(backend.context.db, { timeZone: 'Asia/Tokyo' });
    const { createdAt } = await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    expect(createdAt).toBe('2026-11-23T11:00:00.000+09:00');
  });

  it('keeps seq gapless and the device id stable across restarts', async () => {
    const dataDir = tempDataDir();
    const seqs: number[] = [];
    const devices = new Set<string>();
    const boots = new Set<string>();
    for (let restart = 0; restart < 4; restart++) {
      const backend = openTestBackend({ dataDir });
      for (let i = 0; i < 3; i++) seqs.push((await backend.handlers.submitRating({ scale: 'vn-3', level: 1 + (i % 3) })).seq);
      devices.add(backend.context.deviceId);
      boots.add(backend.context.bootId);
      backend.close();
    }
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(devices.size).toBe(1);
    expect(boots.size).toBe(4);
  });

  it('refuses a level from a scale the kiosk no longer shows, writing nothing', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    saveKioskSettings(backend.context.db, { scaleId: 'vn-4' });
    const stale = await dispatch(backend.endpoint, 'submitRating', { scale: 'vn-3', level: 3 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'SCALE_MISMATCH' } });
    const offScale = await dispatch(backend.endpoint, 'submitRating', { scale: 'vn-4', level: 5 });
    expect(offScale).toMatchObject({ ok: false, error: { code: 'SCALE_MISMATCH' } });
    expect(listRatings(backend.context.db)).toHaveLength(0);
  });

  it('flags a rating given while the clock ran backwards, and still stores it', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    clock.advance(-60 * 60 * 1000);
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    expect(listRatings(backend.context.db).map((r) => [r.seq, r.flags])).toEqual([
      [1, '[]'],
      [2, '["clock_went_backwards"]'],
    ]);
  });

  it('on a storage failure: STORAGE_FAILED to the screen, nothing half-written, the error logged', async () => {
    const dataDir = tempDataDir();
    const { log, lines } = capturingLogger();
    const backend = openTestBackend({ dataDir, log });
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    // A real SQLite failure mid-write: the row is inserted, then the statement aborts.
    backend.context.db.exec(
      "CREATE TRIGGER fail_after_insert AFTER INSERT ON ratings BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;",
    );
    const reply = await dispatch({ ...backend.endpoint, log }, 'submitRating', { scale: 'vn-3', level: 2 });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'STORAGE_FAILED', message: 'Không lưu được đánh giá. Máy đánh giá tạm ngừng phục vụ.' },
    });
    backend.close();

    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT seq, level FROM ratings').all()).toEqual([{ seq: 1, level: 1 }]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const logged = lines().find((l) => l.msg === 'rating could not be stored');
    expect(logged).toMatchObject({ level: 50, scale: 'vn-3', ratingLevel: 2 });
    expect(JSON.stringify(logged)).toContain('disk I/O error (simulated)');
  });
});

/**
 * A kiosk's two clocks: the wall clock (which people set) and this run's monotonic clock (which
 * only moves forward). `advance` moves both, as time passing does; `setWall` moves the wall
 * clock alone, as someone changing the time does. A new run starts its monotonic clock anew.
 */
function kioskClocks(startIso: string) {
  let wall = Date.parse(startIso);
  let mono = 1_000_000;
  return {
    now: () => new Date(wall),
    monotonicNow: () => mono,
    advance: (ms: number) => {
      wall += ms;
      mono += ms;
    },
    setWall: (iso: string) => (wall = Date.parse(iso)),
    newRun: () => (mono = 42),
  };
}

const flagsOf = (backend: ReturnType<typeof openTestBackend>) => listRatings(backend.context.db).map((r) => JSON.parse(r.flags) as string[]);

describe('taps that cannot be stuffed (cool-down and burst)', () => {
  it('50 taps in 5 seconds: 50 ratings stored, each citizen thanked as usual, the extra ones flagged', async () => {
    const clock = kioskClocks('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow, newRatingId: sequentialIds() });
    for (let i = 0; i < 50; i++) {
      const reply = await dispatch(backend.endpoint, 'submitRating', { scale: 'vn-3', level: 1 });
      // The screen's reply is the ordinary one: nothing tells the tapper apart.
      expect(reply).toEqual({ ok: true, data: { id: expect.any(String), seq: i + 1, createdAt: expect.any(String) } });
      clock.advance(100);
    }
    const flags = flagsOf(backend);
    expect(flags).toHaveLength(50);
    expect(flags[0]).toEqual([]);
    // Sooner than the thank-you time (5 s by default) after the previous tap: the screen cannot.
    expect(flags.slice(1, 6)).toEqual(Array.from({ length: 5 }, () => ['cooldown']));
    // The 7th and every later one within a minute: more than 6 (the default limit).
    expect(flags.slice(6)).toEqual(Array.from({ length: 44 }, () => ['cooldown', 'burst']));
  });

  it('taps spaced by the thank-you time are not flagged; the 7th within a minute is, as burst only', async () => {
    const clock = kioskClocks('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow });
    saveKioskSettings(backend.context.db, { thankYouSeconds: 5 });
    for (let i = 0; i < 7; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 2 });
      clock.advance(5000);
    }
    expect(flagsOf(backend)).toEqual([[], [], [], [], [], [], ['burst']]);
  });

  it('a steady six a minute for half an hour is never flagged', async () => {
    const clock = kioskClocks('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow });
    for (let i = 0; i < 180; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(10_000);
    }
    expect(flagsOf(backend).filter((f) => f.length > 0)).toEqual([]);
  });

  it('follows the burst setting and the thank-you time as set now', async () => {
    const clock = kioskClocks('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow });
    saveKioskSettings(backend.context.db, { thankYouSeconds: 2, burstMaxPerMinute: 3 });
    for (let i = 0; i < 5; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(i === 0 ? 1899 : 2000); // 1.9 s: inside the 0.1 s jitter allowance below 2 s
    }
    expect(flagsOf(backend)).toEqual([[], ['cooldown'], [], ['burst'], ['burst']]);
  });

  it('across a restart: the previous run’s ratings still count, placed by the wall clock', async () => {
    const dataDir = tempDataDir();
    const clock = kioskClocks('2026-11-23T02:00:00.000Z');
    const first = openTestBackend({ dataDir, now: clock.now, monotonicNow: clock.monotonicNow });
    for (let i = 0; i < 6; i++) {
      await first.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(5000);
    }
    first.close();
    clock.newRun(); // the monotonic clock says nothing across a restart
    const second = openTestBackend({ dataDir, now: clock.now, monotonicNow: clock.monotonicNow });
    await second.handlers.submitRating({ scale: 'vn-3', level: 1 }); // 7th within 30 s
    clock.advance(1000);
    await second.handlers.submitRating({ scale: 'vn-3', level: 1 }); // 1 s later
    clock.advance(10 * 60_000);
    await second.handlers.submitRating({ scale: 'vn-3', level: 1 }); // after a quiet while
    expect(flagsOf(second)).toEqual([[], [], [], [], [], [], ['burst'], ['cooldown', 'burst'], []]);
  });

  it('a clock set back does not make later taps look like a burst, nor a cool-down', async () => {
    const clock = kioskClocks('2026-11-23T03:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow });
    for (let i = 0; i < 3; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(20_000);
    }
    clock.setWall('2026-11-23T02:00:00.000Z'); // an hour back
    for (let i = 0; i < 10; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(20_000);
    }
    expect(flagsOf(backend)).toEqual([[], [], [], ['clock_went_backwards'], [], [], [], [], [], [], [], [], []]);
  });

  it('a stuffer cannot escape by setting the clock forward or back between taps', async () => {
    const clock = kioskClocks('2026-11-23T03:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow });
    for (let i = 0; i < 8; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(200);
      clock.setWall(new Date(clock.now().getTime() + (i % 2 === 0 ? 1 : -1) * 3_600_000).toISOString());
    }
    const flags = flagsOf(backend);
    expect(flags[0]).toEqual([]);
    for (const [i, f] of flags.slice(1).entries()) {
      expect(f.filter((x) => x !== 'clock_went_backwards'), `tap ${i + 2}`).toEqual(i + 2 >= 7 ? ['cooldown', 'burst'] : ['cooldown']);
    }
  });

  it('a clock set back across a restart: the unknown gap is not a burst, and a stuffer after it is still caught', async () => {
    const dataDir = tempDataDir();
    const clock = kioskClocks('2026-11-23T03:00:00.000Z');
    const first = openTestBackend({ dataDir, now: clock.now, monotonicNow: clock.monotonicNow });
    for (let i = 0; i < 6; i++) {
      await first.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(1000);
    }
    first.close();
    clock.newRun();
    clock.setWall('2026-11-23T02:00:00.000Z'); // the restarted kiosk's clock reads an hour earlier
    const second = openTestBackend({ dataDir, now: clock.now, monotonicNow: clock.monotonicNow });
    await second.handlers.submitRating({ scale: 'vn-3', level: 1 });
    for (let i = 0; i < 7; i++) {
      clock.advance(100);
      await second.handlers.submitRating({ scale: 'vn-3', level: 1 });
    }
    const flags = flagsOf(second);
    expect(flags.slice(0, 6)).toEqual([[], ['cooldown'], ['cooldown'], ['cooldown'], ['cooldown'], ['cooldown']]);
    expect(flags[6]).toEqual(['clock_went_backwards']);
    expect(flags.slice(7)).toEqual([['cooldown'], ['cooldown'], ['cooldown'], ['cooldown'], ['cooldown'], ['cooldown', 'burst'], ['cooldown', 'burst']]);
  });
});

describe('the flag taxonomy', () => {
  it('says which flags are suspected misuse and which are information; tallies use the same list', () => {
    expect([...misuseFlags].sort()).toEqual(['burst', 'cooldown', 'suspected_misuse']);
    expect(tallyMisuseFlags).toEqual(misuseFlags);
    expect(ratingFlags.clock_went_backwards.kind).toBe('info');
    // A flag this code cannot name never hides a rating.
    expect(isMisuseFlag('rapid-repeat')).toBe(false);
    expect(isMisuseFlag('toString')).toBe(false);
  });

  it('flagged ratings travel to central with their flags, in a batch the wire schema accepts', async () => {
    const clock = kioskClocks('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, monotonicNow: clock.monotonicNow, autoSync: false });
    for (let i = 0; i < 8; i++) {
      await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      clock.advance(100);
    }
    clock.setWall('2026-11-23T01:00:00.000Z');
    clock.advance(60_000);
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    const { ratings } = nextBatch(backend.context.db, MAX_BATCH_RATINGS, MAX_BATCH_BYTES);
    const batch = syncBatchSchema.parse({
      formatVersion: 1,
      deviceId: backend.context.deviceId,
      batchId: '01900000-0000-7000-8000-0000000000ff',
      seqFrom: 1,
      seqTo: 9,
      sentAt: '2026-11-23T09:00:00.000+07:00',
      appVersion: '9.9.9-test',
      ratings,
    });
    expect(batch.ratings.map((r) => r.flags)).toEqual([
      [],
      ['cooldown'],
      ['cooldown'],
      ['cooldown'],
      ['cooldown'],
      ['cooldown'],
      ['cooldown', 'burst'],
      ['cooldown', 'burst'],
      ['clock_went_backwards'],
    ]);
  });
});
