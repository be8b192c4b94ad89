// Issue 16, the kiosk's health record end to end: a real kiosk (SQLite file) syncs to a real
// central on 127.0.0.1 (SQLite and PostgreSQL), both on injected clocks. The record rides with
// every batch and alone as the 15-minute heartbeat; central keeps the newest (a late USB file never
// rolls it back), measures the clock drift over HTTP only, and refuses a malformed or oversized
// record on its own while the ratings it came with are stored. A kiosk cannot write another's.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { importSyncFile } from '../../central/sync-file-import';
import { devicesResponseSchema, type DeviceSummary } from '../../shared/sync/wire';
import { MAX_HEALTH_RECORD_BYTES, type KioskHealthRecord } from '../../shared/sync/health-record';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { outboxStats } from '../../electron/backend/sync/outbox-repo';
import type { Logger } from '../../central/central-logger';
import { capturingLogger, gzipJson, manualClock, request, storeFactories } from '../support/central-fixture';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';
import { tempFolder } from '../support/sync-file-kiosk';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

type Body = { ratings: { id: string; createdAt: string }[]; reasonAnswers: unknown[]; directory?: unknown; health?: KioskHealthRecord };

/** The kiosk's HTTP client: records every batch body it sends, after `rewrite` (an attacker's, or another release's, change). */
function wireTap(sent: Body[], rewrite: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b): typeof fetch {
  return async (input, init) => {
    if (!(init?.body instanceof Uint8Array)) return fetch(input, init);
    const body = rewrite(JSON.parse(gunzipSync(init.body).toString('utf8')) as Record<string, unknown>);
    sent.push(body as Body);
    return fetch(input, { ...init, body: new Uint8Array(gzipJson(body)) });
  };
}

const MINUTE = 60_000;

describe.each(storeFactories)('the kiosk health record at central ($storage)', (factory) => {
  async function rig(options: { kioskAheadMs?: number; rewrite?: (body: Record<string, unknown>) => Record<string, unknown>; log?: Logger } = {}) {
    const centralClock = manualClock('2026-11-23T02:00:00.000Z');
    const kioskClock = manualClock(new Date(Date.parse('2026-11-23T02:00:00.000Z') + (options.kioskAheadMs ?? 0)).toISOString());
    const advance = (ms: number) => {
      centralClock.set(new Date(centralClock.now().getTime() + ms).toISOString());
      kioskClock.set(new Date(kioskClock.now().getTime() + ms).toISOString());
    };
    const central = await startCentral(() => factory.open({ now: centralClock.now }), { now: centralClock.now, ...(options.log === undefined ? {} : { log: options.log }) });
    opened.push(central);
    const sent: Body[] = [];
    const kiosk = await enrolledKiosk(central, { direct: true, now: kioskClock.now, fetch: wireTap(sent, options.rewrite) });
    opened.push(kiosk);
    const admin = await central.store.addAdminToken('IT');
    const devices = async (): Promise<DeviceSummary[]> => {
      const response = await request(`${central.url}/api/v1/devices`, { headers: { authorization: `Bearer ${admin}` } });
      expect(response.status).toBe(200);
      return devicesResponseSchema.parse(response.body).devices;
    };
    const deviceOf = async (deviceId: string) => (await devices()).find((d) => d.deviceId === deviceId);
    return { central, kiosk, sent, advance, kioskClock, centralClock, deviceOf, admin };
  }
  const rate = async (k: Kiosk, n: number) => {
    for (let i = 0; i < n; i++) await k.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
  };

  it('rides with every batch (pending: what the batch leaves behind), and the drift is the kiosk clock minus central\'s', async () => {
    const { kiosk, sent, deviceOf } = await rig({ kioskAheadMs: 90_000 });
    await rate(kiosk, 5);
    await kiosk.backend.sync.trigger('manual');

    // Two batches (4 ratings, then 1): the first says one rating still waits, the second none.
    expect(sent.map((b) => [b.ratings.length, b.health?.pending.ratings, b.health?.pending.oldestCreatedAt])).toEqual([
      [4, 1, sent[1]?.ratings[0]?.createdAt],
      [1, 0, null],
    ]);
    const device = await deviceOf(kiosk.deviceId);
    expect(device?.health).toMatchObject({
      via: 'http',
      clockDriftMs: 90_000,
      receivedAt: '2026-11-23T02:00:00.000Z',
      record: {
        appVersion: '0.1.0',
        recordedAt: '2026-11-23T09:01:30.000+07:00',
        timeZone: 'Asia/Ho_Chi_Minh',
        pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null },
        quarantined: 0,
        lastRating: { seq: 5, createdAt: '2026-11-23T09:01:30.000+07:00' },
        incidents: { recorded: 0, unacknowledged: 0 },
      },
    });
    expect(device?.health?.record.schemaVersion).toBe(kiosk.backend.context.db.pragma('user_version', { simple: true }));
    expect(device?.health?.record.storage.databaseBytes).toBeGreaterThan(0);
    expect(device?.healthRefused).toBeNull();
  });

  it('alone as a heartbeat when nothing is pending: 15 minutes after the last acknowledged record, not before', async () => {
    const { kiosk, sent, advance, deviceOf } = await rig({ kioskAheadMs: -4_000 });
    await rate(kiosk, 1);
    await kiosk.backend.sync.trigger('manual');
    expect(sent).toHaveLength(1);

    advance(14 * MINUTE);
    await kiosk.backend.sync.trigger('interval');
    expect(sent).toHaveLength(1);

    advance(MINUTE);
    await kiosk.backend.sync.trigger('interval');
    expect(sent).toHaveLength(2);
    // Zero records; the directory went with the rating and was acknowledged, so only the health.
    expect([sent[1]?.ratings.length, sent[1]?.reasonAnswers.length, sent[1]?.directory, sent[1]?.health?.recordedAt]).toEqual([0, 0, undefined, '2026-11-23T09:14:56.000+07:00']);
    const device = await deviceOf(kiosk.deviceId);
    expect([device?.health?.record.recordedAt, device?.health?.receivedAt, device?.health?.clockDriftMs, device?.lastSeenAt]).toEqual([
      '2026-11-23T09:14:56.000+07:00',
      '2026-11-23T02:15:00.000Z',
      -4_000,
      '2026-11-23T02:15:00.000Z',
    ]);
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', lastProblem: null, pendingCount: 0 });

    // Acknowledged: the next heartbeat waits its 15 minutes again.
    advance(MINUTE);
    await kiosk.backend.sync.trigger('interval');
    expect(sent).toHaveLength(2);
  });

  it('a sync file carries it without a drift; one carried late never rolls back a newer record', async () => {
    const { central, kiosk, advance, kioskClock, deviceOf } = await rig();
    const db = kiosk.backend.context.db;
    const out = tempFolder();
    const secrets = fileSecretStore(kiosk.dataDir);
    await rate(kiosk, 2);
    const early = await exportSyncFile({ db, secrets, outDir: out, now: kioskClock.now, appVersion: '0.1.0' });

    advance(6 * MINUTE);
    await kiosk.backend.sync.trigger('manual');
    const fromHttp = (await deviceOf(kiosk.deviceId))?.health;
    expect(fromHttp).toMatchObject({ via: 'http', clockDriftMs: 0, record: { recordedAt: '2026-11-23T09:06:00.000+07:00' } });

    // The stick reaches central after the network did: its ratings are duplicates, its older record is ignored.
    const late = await importSyncFile(central.store, new Uint8Array(readFileSync(early.path)), () => new Date('2026-11-23T03:00:00.000Z'));
    expect([late.outcome, late.accepted, late.duplicate]).toEqual(['imported', 0, 2]);
    expect((await deviceOf(kiosk.deviceId))?.health).toEqual(fromHttp);

    // A newer file's record replaces it: no drift measured (the file was carried later), nothing left behind.
    advance(6 * MINUTE);
    await rate(kiosk, 1);
    const newer = await exportSyncFile({ db, secrets, outDir: out, now: kioskClock.now, appVersion: '0.1.0' });
    await importSyncFile(central.store, new Uint8Array(readFileSync(newer.path)), () => new Date('2026-11-23T05:00:00.000Z'));
    expect((await deviceOf(kiosk.deviceId))?.health).toEqual({
      via: 'sync-file',
      clockDriftMs: null,
      receivedAt: '2026-11-23T05:00:00.000Z',
      record: expect.objectContaining({ recordedAt: '2026-11-23T09:12:00.000+07:00', pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null }, lastRating: { seq: 3, createdAt: '2026-11-23T09:12:00.000+07:00' } }),
    });
  });

  it('a kiosk whose clock runs ahead cannot hold its record against later ones: newest is taken as no later than arrival', async () => {
    const { kiosk, advance, kioskClock, centralClock, deviceOf } = await rig({ kioskAheadMs: 365 * 24 * 60 * MINUTE });
    await rate(kiosk, 1);
    await kiosk.backend.sync.trigger('manual');
    expect((await deviceOf(kiosk.deviceId))?.health?.record.recordedAt.startsWith('2027-11-23')).toBe(true);
    // IT sets the clock right; the next record (a heartbeat) replaces the one from "next year".
    kioskClock.set(centralClock.now().toISOString());
    advance(15 * MINUTE);
    await kiosk.backend.sync.trigger('interval');
    expect((await deviceOf(kiosk.deviceId))?.health).toMatchObject({ clockDriftMs: 0, record: { recordedAt: '2026-11-23T09:15:00.000+07:00' } });
  });

  it('a health record off its schema is refused alone and counted: the ratings it came with are stored and acknowledged', async () => {
    let mode: 'negative' | 'oversized' | 'newer-kiosk' = 'negative';
    const rewrite = (body: Record<string, unknown>) => {
      const health = body.health as Record<string, unknown>;
      if (mode === 'negative') return { ...body, health: { ...health, pending: { ratings: -1, reasonAnswers: 0, oldestCreatedAt: null } } };
      // An unknown key counts toward the size bound: a padded record is refused however it is padded.
      if (mode === 'oversized') return { ...body, health: { ...health, padding: 'x'.repeat(MAX_HEALTH_RECORD_BYTES) } };
      return { ...body, health: { ...health, batteryPercent: 87 } };
    };
    const logged = capturingLogger();
    const { central, kiosk, advance, deviceOf } = await rig({ rewrite, log: logged.log });
    await rate(kiosk, 3);
    await kiosk.backend.sync.trigger('manual');
    expect(outboxStats(kiosk.backend.context.db).pendingCount).toBe(0);
    expect((await central.store.storedRatings(kiosk.deviceId)).length).toBe(3);
    let device = await deviceOf(kiosk.deviceId);
    expect(device?.health).toBeNull();
    expect(device?.healthRefused).toMatchObject({ count: 1, lastAt: '2026-11-23T02:00:00.000Z' });
    expect(device?.healthRefused?.detail).toContain('health.pending.ratings');
    // IT reads it in central's log too, with the device.
    expect(logged.lines().filter((l) => l.msg === 'health record refused').map((l) => [l.deviceId, String(l.detail).startsWith('health.pending.ratings')])).toEqual([[kiosk.deviceId, true]]);

    // A heartbeat (zero records) with an oversized record: answered, counted, the kiosk carries on.
    mode = 'oversized';
    advance(15 * MINUTE);
    await kiosk.backend.sync.trigger('interval');
    device = await deviceOf(kiosk.deviceId);
    expect([device?.health, device?.healthRefused?.count, device?.healthRefused?.detail.startsWith('health: ')]).toEqual([null, 2, true]);
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', lastProblem: null });

    // A newer kiosk's extra key is ignored (not stored), the record kept.
    mode = 'newer-kiosk';
    advance(15 * MINUTE);
    await kiosk.backend.sync.trigger('interval');
    device = await deviceOf(kiosk.deviceId);
    expect(device?.health?.record.appVersion).toBe('0.1.0');
    expect(device?.health?.record).not.toHaveProperty('batteryPercent');
    expect(device?.healthRefused?.count).toBe(2);
  });

  it('a kiosk cannot write another device\'s health: the device is the token\'s, never the body\'s', async () => {
    const sentByB: Body[] = [];
    // Kiosk A's health claims to be B's, and says B has a huge backlog.
    let victim = '';
    const { central, kiosk: a, deviceOf } = await rig({ rewrite: (body) => ({ ...body, health: { ...(body.health as object), deviceId: victim, pending: { ratings: 99_999, reasonAnswers: 0, oldestCreatedAt: null } } }) });
    const b = await enrolledKiosk(central, { direct: true, fetch: wireTap(sentByB) });
    opened.push(b);
    victim = b.deviceId;
    await rate(a, 1);
    await a.backend.sync.trigger('manual');
    expect((await deviceOf(a.deviceId))?.health?.record.pending.ratings).toBe(99_999);
    expect((await deviceOf(b.deviceId))?.health).toBeNull();

    // A's token with a batch naming B (B's own signed body, replayed with a forged health): refused whole.
    await rate(b, 1);
    await b.backend.sync.trigger('manual');
    const forged = { ...(sentByB[0] as object), batchId: '0193a1c3-2b4d-7e6f-8a9b-0c1d2e3f4a00', health: { ...sentByB[0]?.health, appVersion: '6.6.6' } };
    const tokenOfA = fileSecretStore(a.dataDir).read('device-token');
    const response = await request(`${central.url}/api/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${tokenOfA ?? ''}`, 'idempotency-key': forged.batchId },
      body: new Uint8Array(gzipJson(forged)),
    });
    expect([response.status, (response.body as { error: { code: string } }).error.code]).toEqual([403, 'DEVICE_MISMATCH']);
    expect((await deviceOf(b.deviceId))?.health?.record.appVersion).toBe('0.1.0');
  });
});
