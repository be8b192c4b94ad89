// The daily integrity check (issue 12): once a local day, from 03:00 in the kiosk's time zone on
// the injected clock; integrity_check, then the record chain; damage found → onCorrupt (the
// backend rebuilds and reopens), which restores what the snapshot and the tap journal hold.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyLocalChain } from '../../electron/backend/record-chain-check';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { createDailyIntegrityCheck } from '../../electron/backend/storage/daily-integrity-check';
import { listIncidents } from '../../electron/backend/storage/incidents-repo';
import { rebuildDatabase } from '../../electron/backend/storage/recovery';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';

const ZONE = 'Asia/Ho_Chi_Minh';

async function kioskWithRatings(n: number) {
  const dataDir = tempDataDir();
  const clock = manualClock('2026-11-23T09:00:00+07:00');
  const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now });
  for (let i = 0; i < n; i++) {
    clock.advance(30_000);
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 + (i % 3) });
  }
  return { dataDir, clock, backend };
}

describe('daily integrity check', () => {
  it('runs once a local day, from 03:00 in the kiosk time zone', async () => {
    const { clock, backend } = await kioskWithRatings(3);
    const corrupt: string[][] = [];
    const check = createDailyIntegrityCheck({ db: () => backend.context.db, now: clock.now, timeZone: () => ZONE, log: capturingLogger().log, onCorrupt: (p) => void corrupt.push(p) });
    clock.set('2026-11-24T02:59:00+07:00'); // 19:59 UTC: the day before in UTC, not yet 03:00 locally
    expect(await check.tick()).toBe('not-due');
    clock.set('2026-11-24T03:00:00+07:00');
    expect(await check.tick()).toBe('ok');
    clock.set('2026-11-24T15:00:00+07:00');
    expect(await check.tick()).toBe('not-due');
    clock.set('2026-11-25T03:10:00+07:00');
    expect(await check.tick()).toBe('ok');
    expect(corrupt).toEqual([]);
  });

  it('a record changed inside the file, which integrity_check passes, is found by the chain and rebuilt from the snapshot and journal', async () => {
    const { dataDir, clock, backend } = await kioskWithRatings(6);
    await backend.snapshots.request();
    const before = backend.context.db.prepare('SELECT id, seq, level FROM ratings ORDER BY seq').all();
    // A byte of one rating's level changed behind SQLite's back (as a flipped bit would): the append-only triggers do not see it.
    const db0 = backend.context.db;
    const triggers = db0.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ratings'").all() as { name: string; sql: string }[];
    for (const t of triggers) db0.exec(`DROP TRIGGER ${t.name}`);
    db0.prepare('UPDATE ratings SET level = CASE level WHEN 1 THEN 2 ELSE 1 END WHERE seq = 2').run();
    for (const t of triggers) db0.exec(t.sql);
    expect(verifyLocalChain(db0).ok).toBe(false);

    let db: Database = db0;
    const log = capturingLogger().log;
    const check = createDailyIntegrityCheck({
      db: () => db,
      now: clock.now,
      timeZone: () => ZONE,
      log,
      onCorrupt: async (problems) => {
        db.close();
        db = (await rebuildDatabase({ dataDir, reason: { code: 'integrity-check', detail: problems[0] ?? '' }, now: clock.now, secrets: fileSecretStore(dataDir), log })).db;
      },
    });
    clock.set('2026-11-24T03:30:00+07:00');
    expect(await check.tick()).toBe('corrupt');
    try {
      expect(db.prepare('SELECT id, seq, level FROM ratings ORDER BY seq').all()).toEqual(before);
      expect(verifyLocalChain(db)).toEqual({ ok: true, position: 6 });
      expect(listIncidents(db)).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
