// The kiosk side of the record chain (issue 11): every new rating and reason answer takes the
// next position in its own insert transaction; format 2 batches carry the chain fields and a
// head the device key signed; the kiosk's own check names the position of a deleted or edited
// record; a pending record without a chain row is quarantined, not sent, and logged.
// Real SQLite files, a real HTTP server on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { dispatch } from '../../electron/backend/dispatch';
import { integrityCheck } from '../../electron/backend/it-admin/diagnostics-repo';
import { DATABASE_FILE, type KioskBackend } from '../../electron/backend/kiosk-backend';
import { migrations } from '../../electron/backend/migrations';
import type { RatingRow } from '../../electron/backend/ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../../electron/backend/reason-answers-repo';
import { verifyLocalChain } from '../../electron/backend/record-chain-check';
import { chainHeadState } from '../../electron/backend/record-chain-repo';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceId, readDevicePublicKey, saveSyncSettings } from '../../electron/backend/settings-repo';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { UNCHAINED_REASON } from '../../electron/backend/sync/outbox-repo';
import { createSyncEngine } from '../../electron/backend/sync/sync-engine';
import { toWireRating } from '../../electron/backend/sync/wire-rating';
import { recordLink } from '../../shared/node/record-chain';
import { importPublicKey } from '../../shared/sync-files/signed-file';
import { verifySyncFile } from '../../shared/sync-files/sync-file';
import { GENESIS_LINK, verifyChainHead, type ChainRecordKind } from '../../shared/sync/chain';
import { syncBatchSchema, type SyncBatchV2 } from '../../shared/sync/wire';
import { capturingLogger, manualClock, openTestBackend, sequentialIds, tempDataDir } from '../support/backend-fixture';
import { cannedServer } from '../support/canned-server';

interface ChainRow {
  position: number;
  kind: ChainRecordKind;
  record_id: string;
  link: string;
  migrated: number;
}
const chainRows = (db: Database) => db.prepare('SELECT * FROM record_chain ORDER BY position').all() as ChainRow[];
const count = (db: Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Recomputes the links of the chain rows from GENESIS against the stored records. */
function expectLinksHold(db: Database): void {
  let previous = GENESIS_LINK;
  for (const c of chainRows(db)) {
    const record =
      c.kind === 'rating'
        ? toWireRating(db.prepare('SELECT * FROM ratings WHERE id = ?').get(c.record_id) as RatingRow)
        : toWireReasonAnswer(db.prepare('SELECT * FROM reason_answers WHERE id = ?').get(c.record_id) as ReasonAnswerRow);
    previous = recordLink(previous, c.position, c.kind, record);
    expect(c.link).toBe(previous);
  }
}

function kiosk(log = capturingLogger(), dataDir = tempDataDir()) {
  const clock = manualClock('2026-11-23T02:00:00.000Z');
  const backend = openTestBackend({ dataDir, autoSync: false, now: clock.now, newRatingId: sequentialIds(), log: log.log });
  return { backend, clock, dataDir, db: backend.context.db, log };
}

/** A negative rating, its reasons, and a positive rating, through the handlers. */
async function rateThree(backend: KioskBackend, clock: ReturnType<typeof manualClock>) {
  const first = await backend.handlers.submitRating({ scale: 'vn-3', level: 3 });
  clock.advance(10_000);
  const answer = await backend.handlers.submitReasons({ ratingId: first.id, reasonCodes: ['KHAC'] });
  clock.advance(10_000);
  const second = await backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
  return { first, answer, second };
}

/** A format 2 engine against a server that accepts every record it is sent; the batches it sent. */
async function syncFormat2(k: ReturnType<typeof kiosk>) {
  const server = await cannedServer((_req, _body, res) => {
    const batch = server.requests.at(-1)?.json as SyncBatchV2;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ batchId: batch.batchId, accepted: [...batch.ratings, ...batch.reasonAnswers].map((r) => r.id), duplicate: [], conflicts: [], receivedAt: new Date().toISOString() }));
  });
  saveSyncSettings(k.db, { endpoint: server.url });
  const secrets = fileSecretStore(k.dataDir);
  secrets.write('device-token', 'token-aaaaaaaaaaaaaaaa');
  const engine = createSyncEngine({
    db: k.db,
    log: k.log.log,
    now: k.clock.now,
    random: () => 0.5,
    fetch: globalThis.fetch,
    secrets,
    emit: () => undefined,
    deviceId: k.backend.context.deviceId,
    appVersion: '9.9.9-test',
    newBatchId: () => crypto.randomUUID(),
    tuning: { debounceMs: 10_000, intervalMs: 3_600_000, timeoutMs: 2_000 },
    formatVersion: 2,
  });
  await engine.trigger('manual');
  engine.stop();
  return { batches: server.requests.map((r) => r.json), engine };
}

describe('record chain on the kiosk', () => {
  it('chains each new rating and reason answer at the next position, in its own insert transaction', async () => {
    const k = kiosk();
    const { first, answer, second } = await rateThree(k.backend, k.clock);
    expect(chainRows(k.db).map((c) => [c.position, c.kind, c.record_id, c.migrated])).toEqual([
      [1, 'rating', first.id, 0],
      [2, 'reason-answer', answer.id, 0],
      [3, 'rating', second.id, 0],
    ]);
    expectLinksHold(k.db);
    expect(chainHeadState(k.db)).toEqual({ position: 3, link: chainRows(k.db)[2]?.link, migratedThrough: null, migratedLink: null });
    expect(verifyLocalChain(k.db)).toEqual({ ok: true, position: 3 });
  });

  it('on a storage failure of the chain row: neither the rating nor the answer is stored', async () => {
    const k = kiosk();
    const first = await k.backend.handlers.submitRating({ scale: 'vn-3', level: 3 });
    k.db.exec("CREATE TRIGGER fail_chain BEFORE INSERT ON record_chain BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");
    expect(await dispatch(k.backend.endpoint, 'submitRating', { scale: 'vn-3', level: 2 })).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(() => k.backend.handlers.submitReasons({ ratingId: first.id, reasonCodes: ['KHAC'] })).toThrow(/disk I\/O error/);
    expect([count(k.db, 'ratings'), count(k.db, 'sync_outbox'), count(k.db, 'reason_answers'), count(k.db, 'reason_outbox'), count(k.db, 'record_chain')]).toEqual([1, 1, 0, 0, 1]);

    // And the other way round: the rating's own insert fails, so no chain row is left behind.
    k.db.exec('DROP TRIGGER fail_chain');
    k.db.exec("CREATE TRIGGER fail_rating AFTER INSERT ON ratings BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");
    expect(await dispatch(k.backend.endpoint, 'submitRating', { scale: 'vn-3', level: 2 })).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect([count(k.db, 'ratings'), count(k.db, 'record_chain')]).toEqual([1, 1]);
    k.db.exec('DROP TRIGGER fail_rating');
    await k.backend.handlers.submitReasons({ ratingId: first.id, reasonCodes: ['KHAC'] });
    expect(chainRows(k.db).map((c) => [c.position, c.kind])).toEqual([[1, 'rating'], [2, 'reason-answer']]);
    expectLinksHold(k.db);
  });

  it('sends format 2 batches: every record with its chain fields, and a head the device key signed', async () => {
    const k = kiosk();
    await rateThree(k.backend, k.clock);
    const { batches } = await syncFormat2(k);
    expect(batches).toHaveLength(1);
    const parsed = syncBatchSchema.safeParse(batches[0]);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const batch = batches[0] as SyncBatchV2;
    expect(batch.formatVersion).toBe(2);
    const rows = new Map(chainRows(k.db).map((c) => [c.record_id, c]));
    for (const r of [...batch.ratings, ...batch.reasonAnswers]) {
      expect([r.chainPosition, r.chainLink]).toEqual([rows.get(r.id)?.position, rows.get(r.id)?.link]);
    }
    // The links verify from the records as sent (their own chain fields left out).
    const byPosition = [...batch.ratings.map((r) => ['rating', r] as const), ...batch.reasonAnswers.map((a) => ['reason-answer', a] as const)].sort(
      (a, b) => a[1].chainPosition - b[1].chainPosition,
    );
    let previous = GENESIS_LINK;
    for (const [kind, record] of byPosition) {
      previous = recordLink(previous, record.chainPosition, kind, record);
      expect(record.chainLink).toBe(previous);
    }
    expect(batch.chainHead).toMatchObject({ deviceId: k.backend.context.deviceId, position: 3, link: previous, migratedThrough: null, migratedLink: null, signedAt: batch.sentAt });
    const publicKey = readDevicePublicKey(k.db);
    expect(publicKey).not.toBeNull();
    expect(await verifyChainHead(batch.chainHead, publicKey ?? '')).toBe(true);
    expect(await verifyChainHead({ ...batch.chainHead, position: 2 }, publicKey ?? '')).toBe(false);
    expect(count(k.db, 'sync_outbox') + count(k.db, 'reason_outbox')).toBe(0);
  });

  it('after the upgrade, the first head says through which position the chain holds records from before it', async () => {
    // A kiosk at version 11 with two ratings, one of them already synced unchained (format 1).
    const dataDir = tempDataDir();
    const old = openDatabase(join(dataDir, DATABASE_FILE), migrations.slice(0, 11));
    const deviceId = ensureDeviceId(old);
    const insert = old.prepare(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
       VALUES (?, ?, ?, '2026-11-22T09:00:00.000+07:00', '2026-11-22', 'vn-3', 1, '0.1.0', '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')`,
    );
    insert.run('01800000-0000-7000-8000-000000000001', deviceId, 1);
    insert.run('01800000-0000-7000-8000-000000000002', deviceId, 2);
    old.prepare('DELETE FROM sync_outbox WHERE seq = 1').run();
    old.close();

    const k = kiosk(capturingLogger(), dataDir);
    await k.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    const migrated = chainRows(k.db)[1];
    expect(chainRows(k.db).map((c) => [c.position, c.migrated])).toEqual([[1, 1], [2, 1], [3, 0]]);
    const { batches } = await syncFormat2(k);
    const batch = batches[0] as SyncBatchV2;
    expect(syncBatchSchema.safeParse(batch).success).toBe(true);
    expect(batch.ratings.map((r) => [r.seq, r.chainPosition])).toEqual([[2, 2], [3, 3]]);
    expect(batch.chainHead).toMatchObject({ position: 3, migratedThrough: 2, migratedLink: migrated?.link });
    expect(await verifyChainHead(batch.chainHead, readDevicePublicKey(k.db) ?? '')).toBe(true);
  });

  it('writes format 2 sync files: chained records and the signed head in the manifest', async () => {
    const k = kiosk();
    await rateThree(k.backend, k.clock);
    const secrets = fileSecretStore(k.dataDir);
    const done = await exportSyncFile({ db: k.db, secrets, outDir: tempDataDir(), now: k.clock.now, appVersion: '9.9.9-test', formatVersion: 2 });
    expect(done.manifest.formatVersion).toBe(2);
    const publicKey = readDevicePublicKey(k.db) ?? '';
    const file = await verifySyncFile(new Uint8Array(readFileSync(done.path)), async () => importPublicKey(publicKey));
    expect(file.manifest.formatVersion === 2 && (await verifyChainHead(file.manifest.chainHead, publicKey))).toBe(true);
    expect([...file.ratings, ...file.reasonAnswers].map((r) => (r as { chainPosition?: number }).chainPosition).sort()).toEqual([1, 2, 3]);
  });

  it('names the position of a rating deleted with SQL, and of a rating altered in place', async () => {
    const k = kiosk();
    await rateThree(k.backend, k.clock);
    await k.backend.handlers.submitRating({ scale: 'vn-3', level: 2 }); // position 4
    expect(integrityCheck(k.db)).toEqual(['ok']);

    k.db.prepare('UPDATE ratings SET level = 3 WHERE seq = 3').run(); // no trigger forbids it: only the chain tells
    expect(verifyLocalChain(k.db)).toMatchObject({ ok: false, position: 4, problem: expect.stringContaining('đã bị sửa') });
    k.db.prepare('UPDATE ratings SET level = 2 WHERE seq = 3').run();
    expect(verifyLocalChain(k.db)).toEqual({ ok: true, position: 4 });

    const second = k.db.prepare('SELECT id FROM ratings WHERE seq = 2').pluck().get() as string;
    k.db.exec('DROP TRIGGER ratings_no_delete');
    k.db.prepare('DELETE FROM sync_outbox WHERE rating_id = ?').run(second);
    k.db.prepare('DELETE FROM ratings WHERE id = ?').run(second);
    expect(verifyLocalChain(k.db)).toMatchObject({ ok: false, position: 3, problem: expect.stringContaining('không còn') });
    const check = integrityCheck(k.db);
    expect(check).toHaveLength(1);
    expect(check[0]).toMatch(/^Chuỗi bản ghi hỏng ở vị trí 3: /);
  });

  it('quarantines a pending rating that has no chain row: not sent, logged, the rest sent', async () => {
    const k = kiosk();
    await rateThree(k.backend, k.clock);
    const stray = '01900000-0000-7000-8000-0000000000ff';
    // Written past the repos (a tool, or tampering): the outbox trigger queues it, nothing chains it.
    k.db
      .prepare(
        `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
         VALUES (?, ?, 4, '2026-11-23T09:01:00.000+07:00', '2026-11-23', 'vn-3', 3, '9.9.9-test', '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')`,
      )
      .run(stray, k.backend.context.deviceId);
    expect(verifyLocalChain(k.db)).toMatchObject({ ok: false, position: 4, problem: expect.stringContaining('không có vị trí') });

    const { batches } = await syncFormat2(k);
    const sent = (batches as SyncBatchV2[]).flatMap((b) => [...b.ratings, ...b.reasonAnswers].map((r) => r.id));
    expect(sent).toHaveLength(3);
    expect(sent).not.toContain(stray);
    expect(k.db.prepare('SELECT rating_id, reason FROM sync_quarantine').all()).toEqual([{ rating_id: stray, reason: UNCHAINED_REASON }]);
    expect(count(k.db, 'sync_outbox') + count(k.db, 'reason_outbox')).toBe(0);
    expect(k.log.lines()).toContainEqual(expect.objectContaining({ level: 50, ids: [stray], msg: expect.stringContaining('quarantined') }));
  });
});
