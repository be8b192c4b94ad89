// Issue 12: a kiosk's signed storage incident on its way to central, by HTTP and on a USB stick
// (SQLite and PostgreSQL). Stored once however often it comes, shown on the device, its losses
// reported as declared rather than as gaps; a forged incident refuses the whole batch or file; a
// device without a key keeps its incident unverified, its losses still gaps; a declared loss never
// hides what central holds.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importSyncFile } from '../../central/sync-file-import';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { recordLink } from '../../shared/node/record-chain';
import { SyncFileRejection } from '../../shared/sync-files/rejections';
import { generateSigningKeyPair, importPrivateKey, type KeyPairText } from '../../shared/sync-files/signed-file';
import { buildSyncFile } from '../../shared/sync-files/sync-file';
import { GENESIS_LINK, signChainHead, type ChainHead } from '../../shared/sync/chain';
import type { Incident } from '../../shared/sync/incident';
import { devicesResponseSchema, syncAckSchema, syncBatchSchema, type DeviceSummary, type SyncBatchInput, type WireRating } from '../../shared/sync/wire';
import { postBatch, request, startCentral, storeFactories, tempDir, wireRating, type CentralHarness } from '../support/central-fixture';
import { runCentral } from '../support/cli-runners';
import { makeIncident } from '../support/incident-fixture';

interface Device {
  deviceId: string;
  token: string;
  keys: KeyPairText;
}

type Chained = WireRating & { chainPosition: number; chainLink: string };

/** Ratings seq 1..n at chain positions 1..n, linked from genesis. */
function history(deviceId: string, n: number): Chained[] {
  const out: Chained[] = [];
  for (let seq = 1; seq <= n; seq += 1) {
    const record = wireRating(deviceId, seq);
    out.push({ ...record, chainPosition: seq, chainLink: recordLink(out.at(-1)?.chainLink ?? GENESIS_LINK, seq, 'rating', record) });
  }
  return out;
}

async function addDevice(c: CentralHarness, withKey = true): Promise<Device> {
  const keys = await generateSigningKeyPair();
  const { deviceId, token } = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 3, publicKey: withKey ? keys.publicKey : null });
  return { deviceId, token, keys };
}

function head(device: Device, records: readonly Chained[], position: number, key = device.keys.privateKeyPkcs8): Promise<ChainHead> {
  const at = records.find((r) => r.chainPosition === position);
  if (at === undefined) throw new Error(`no record at ${position}`);
  return signChainHead({ deviceId: device.deviceId, position, link: at.chainLink, migratedThrough: null, migratedLink: null, signedAt: '2026-11-23T10:00:00.000+07:00' }, key);
}

function batch(deviceId: string, ratings: readonly Chained[], chainHead: ChainHead, incidents?: Incident[]): SyncBatchInput {
  const seqs = ratings.map((r) => r.seq);
  return {
    formatVersion: 2,
    deviceId,
    batchId: randomUUID(),
    seqFrom: Math.min(...seqs),
    seqTo: Math.max(...seqs),
    sentAt: '2026-11-23T09:19:58.892+07:00',
    appVersion: '0.2.0',
    ratings: [...ratings],
    reasonAnswers: [],
    chainHead,
    ...(incidents === undefined ? {} : { incidents }),
  };
}

let fileNumber = 0;
async function syncFile(device: Device, ratings: readonly Chained[], chainHead: ChainHead, incidents: Incident[]): Promise<Uint8Array> {
  fileNumber += 1;
  const facts = {
    deviceId: device.deviceId,
    officeCode: '000.00.21.H56',
    counter: 3,
    fileNumber,
    createdAt: '2026-11-23T17:00:00.000+07:00',
    health: { appVersion: '0.2.0', pendingCount: ratings.length, pendingReasonAnswers: 0, integrityCheck: 'ok', clock: '2026-11-23T17:00:00.000+07:00', lastBootAt: null },
    chainHead,
    incidents,
  };
  return (await buildSyncFile(facts, { ratings: [...ratings], reasonAnswers: [] }, await importPrivateKey(device.keys.privateKeyPkcs8))).bytes;
}

async function summaryOf(c: CentralHarness, deviceId: string): Promise<DeviceSummary> {
  const admin = await c.store.addAdminToken('IT tỉnh');
  const response = await request(`${c.url}/api/v1/devices`, { headers: { Authorization: `Bearer ${admin}` } });
  expect(response.status).toBe(200);
  const device = devicesResponseSchema.parse(response.body).devices.find((d) => d.deviceId === deviceId);
  if (device === undefined) throw new Error(`device ${deviceId} not listed`);
  return device;
}

/** Seq 1..8 at positions 1..8; 4 and 5 were lost in a rebuild whose chain ended at 3. */
async function rebuiltKiosk(device: Device, key = device.keys.privateKeyPkcs8) {
  const records = history(device.deviceId, 8);
  const incident = await makeIncident(device.deviceId, key, {
    lostSeqRanges: [{ from: 4, to: 5 }],
    lostChainRanges: [{ from: 4, to: 5 }],
    head: { position: 3, link: records[2]?.chainLink ?? '' },
  });
  return { records, incident, kept: [...records.slice(0, 3), ...records.slice(5)] };
}

const reported = (incident: Incident, verified: boolean) => {
  const { id, kind, detectedAt, lostSeqRanges, lostChainRanges, detail } = incident;
  return { id, kind, detectedAt, lostSeqRanges, lostChainRanges, detail, verified };
};

describe('storage incidents on the wire', () => {
  it('a format 2 batch with incidents of its device parses; one with another device\'s incident does not', async () => {
    const keys = await generateSigningKeyPair();
    const device = { deviceId: randomUUID(), token: '', keys };
    const { records, incident } = await rebuiltKiosk(device);
    const h = await head(device, records, 8);
    expect(syncBatchSchema.safeParse(batch(device.deviceId, records, h, [incident])).success).toBe(true);
    expect(syncBatchSchema.safeParse(batch(device.deviceId, records, h)).success).toBe(true);
    const other = await makeIncident(randomUUID(), keys.privateKeyPkcs8);
    const refused = syncBatchSchema.safeParse(batch(device.deviceId, records, h, [incident, other]));
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['incidents.1.deviceId', 'incidents.1.chainHead.deviceId']);
    expect(syncBatchSchema.safeParse(batch(device.deviceId, records, h, [incident, incident])).success).toBe(false);
    expect(syncBatchSchema.safeParse(batch(device.deviceId, records, h, Array.from({ length: 21 }, () => incident))).success).toBe(false);
    // And the sync file manifest: the same rule.
    await expect(syncFile(device, records, h, [other])).rejects.toThrow(/not the file device/);
    expect((await syncFile(device, records, h, [incident])).length).toBeGreaterThan(0);
  });
});

describe.each(storeFactories)('storage incidents at central on $storage', (factory) => {
  it('over HTTP: stored once however often it comes, shown on the device, its losses declared rather than gaps', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const { records, incident, kept } = await rebuiltKiosk(device);
    const h = await head(device, records, 8);
    for (const part of [kept.slice(0, 3), kept.slice(3)]) {
      // Sent with every batch until one is acknowledged; the second resends it (ack lost, say).
      const response = await postBatch(c, batch(device.deviceId, part, h, [incident]), { token: device.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(syncAckSchema.parse(response.body).accepted).toHaveLength(3);
    }
    expect(await c.store.deviceIncidents(device.deviceId)).toEqual([{ incident, verified: true }]);
    const summary = await summaryOf(c, device.deviceId);
    expect(summary.incidents).toEqual([reported(incident, true)]);
    expect(summary.gaps).toEqual([]);
    expect(summary.chain).toMatchObject({ headPosition: 8, verifiedThrough: 3, gaps: [], breaks: [] });
    expect(summary.declaredLost).toEqual({ seq: [{ from: 4, to: 5 }], chain: [{ from: 4, to: 5 }] });
  });

  it('in a sync file: verified with the device key, stored once, the same report', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const { records, incident, kept } = await rebuiltKiosk(device);
    const h = await head(device, records, 8);
    expect(await importSyncFile(c.store, await syncFile(device, kept.slice(0, 3), h, [incident]), c.clock.now)).toMatchObject({ outcome: 'imported', accepted: 3 });
    expect(await importSyncFile(c.store, await syncFile(device, kept.slice(3), h, [incident]), c.clock.now)).toMatchObject({ outcome: 'imported', accepted: 3 });
    expect(await c.store.deviceIncidents(device.deviceId)).toEqual([{ incident, verified: true }]);
    const summary = await summaryOf(c, device.deviceId);
    expect(summary.incidents).toEqual([reported(incident, true)]);
    expect(summary.gaps).toEqual([]);
    expect(summary.declaredLost).toEqual({ seq: [{ from: 4, to: 5 }], chain: [{ from: 4, to: 5 }] });
  });

  it('a forged incident (another key) refuses the whole batch or file: nothing stored', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const stranger = await generateSigningKeyPair();
    const { records, incident, kept } = await rebuiltKiosk(device, stranger.privateKeyPkcs8);
    const h = await head(device, records, 8);
    const response = await postBatch(c, batch(device.deviceId, kept, h, [incident]), { token: device.token });
    expect(response).toEqual({
      status: 422,
      body: { error: { code: 'INVALID_BATCH', message: 'Lô dữ liệu không hợp lệ.', detail: `incidents: chữ ký không hợp lệ (${incident.id})` } },
    });
    const error = await importSyncFile(c.store, await syncFile(device, kept, h, [incident]), c.clock.now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncFileRejection);
    expect(error).toMatchObject({ code: 'BAD_SIGNATURE', detail: expect.stringContaining(device.deviceId) });
    // Its head signed by the device but the incident itself by another key: refused as well.
    const own = (await rebuiltKiosk(device)).incident;
    const resigned = { ...own, signature: incident.signature };
    expect((await postBatch(c, batch(device.deviceId, kept, h, [resigned]), { token: device.token })).status).toBe(422);

    expect(await c.store.storedRatings(device.deviceId)).toEqual([]);
    expect(await c.store.deviceIncidents(device.deviceId)).toEqual([]);
    expect((await summaryOf(c, device.deviceId)).incidents).toEqual([]);
  });

  it('from a device without a registered key: kept unverified, its losses still gaps', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c, false);
    const { records, incident, kept } = await rebuiltKiosk(device);
    const response = await postBatch(c, batch(device.deviceId, kept, await head(device, records, 8), [incident]), { token: device.token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await c.store.deviceIncidents(device.deviceId)).toEqual([{ incident, verified: false }]);
    const summary = await summaryOf(c, device.deviceId);
    expect(summary.incidents).toEqual([reported(incident, false)]);
    expect(summary.gaps).toEqual([{ from: 4, to: 5 }]);
    expect(summary.chain).toMatchObject({ gaps: [{ from: 4, to: 5 }], unverifiedHeads: true });
    expect(summary.declaredLost).toEqual({ seq: [], chain: [] });
  });

  it('a declared loss never hides what central holds: held positions stay verified, a break stays a break', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const records = history(device.deviceId, 8);
    // Declares 2..5 lost, but central holds 2 and 3 (sent before the crash).
    const incident = await makeIncident(device.deviceId, device.keys.privateKeyPkcs8, {
      lostSeqRanges: [{ from: 2, to: 5 }],
      lostChainRanges: [{ from: 2, to: 5 }],
      head: { position: 3, link: records[2]?.chainLink ?? '' },
    });
    const h = await head(device, records, 8);
    expect((await postBatch(c, batch(device.deviceId, records.slice(0, 3), h), { token: device.token })).status).toBe(200);
    // Another record at held position 2 arrives with the incident: a position conflict, declared or not.
    const other = { ...wireRating(device.deviceId, 20, { level: 1 }) };
    const forgedAt2 = { ...other, chainPosition: 2, chainLink: recordLink(records[0]?.chainLink ?? '', 2, 'rating', other) };
    const response = await postBatch(c, batch(device.deviceId, [forgedAt2, ...records.slice(5)], h, [incident]), { token: device.token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const summary = await summaryOf(c, device.deviceId);
    expect(summary.declaredLost).toEqual({ seq: [{ from: 4, to: 5 }], chain: [{ from: 4, to: 5 }] });
    expect(summary.gaps).toEqual([{ from: 9, to: 19 }]);
    expect(summary.chain.gaps).toEqual([]);
    expect(summary.chain.breaks.map((b) => ({ position: b.position, kind: b.kind }))).toEqual([{ position: 2, kind: 'position-conflict' }]);
    expect(summary.chain.verifiedThrough).toBe(1);
  });
});

describe('central verify with a declared loss', () => {
  it('prints DECLARED_LOST per declared chain range and does not count it as a break; device list names it', async () => {
    const dir = tempDir();
    const store = openSqliteCentralStore(dir);
    const keys = await generateSigningKeyPair();
    const { deviceId } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1, publicKey: keys.publicKey });
    const device = { deviceId, token: '', keys };
    const { records, incident, kept } = await rebuiltKiosk(device);
    const at = new Date('2026-11-23T03:00:00.000Z');
    await store.ingestBatch(syncBatchSchema.parse(batch(deviceId, kept, await head(device, records, 8), [incident])), { receivedAt: at, now: at });
    await store.close();
    expect(await runCentral(dir, 'verify')).toEqual({
      code: 0,
      out: `DEVICE=${deviceId} HEAD=8 VERIFIED_THROUGH=3 BREAKS=0\nDECLARED_LOST DEVICE=${deviceId} POSITIONS=4-5\n`,
      err: '',
    });
    // `device list` names the declared loss in the missing-seq column, not as a gap.
    const list = await runCentral(dir, 'device', 'list');
    expect(list.out).toContain('—; khai báo mất sau phục hồi: 4–5');
  });
});
