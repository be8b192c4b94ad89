// Issue 11: central verifies each device's record chain. Device histories are crafted with the
// shared chain functions (links with recordLink, heads signed with the device key) and sent to a
// real central (SQLite and PostgreSQL) over HTTP and as sync files; each tampering case must be
// reported with the device and the position, a clean history must verify to its head.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importSyncFile } from '../../central/sync-file-import';
import { recordLink } from '../../shared/node/record-chain';
import { generateSigningKeyPair, importPrivateKey, type KeyPairText } from '../../shared/sync-files/signed-file';
import { buildSyncFile } from '../../shared/sync-files/sync-file';
import { GENESIS_LINK, signChainHead, type ChainHead, type ChainRecordKind } from '../../shared/sync/chain';
import { deviceSummarySchema, devicesResponseSchema, syncAckSchema, syncBatchSchema, type DeviceSummary, type SyncBatchInput, type WireRating, type WireReasonAnswer } from '../../shared/sync/wire';
import { batchOf, postBatch, reasonAnswer, request, startCentral, storeFactories, tempDir, wireRating, type CentralHarness } from '../support/central-fixture';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { runCentral } from '../support/cli-runners';
import { SyncFileRejection } from '../../shared/sync-files/rejections';

type Plain = WireRating | WireReasonAnswer;
interface Entry {
  position: number;
  kind: ChainRecordKind;
  record: Plain;
  link: string;
}

/** A kiosk's history: ratings seq 1..n, a reason answer after each rating in `answersAfter`, chained from genesis. */
function history(deviceId: string, n: number, answersAfter: readonly number[] = []): Entry[] {
  const plain: { kind: ChainRecordKind; record: Plain }[] = [];
  for (let seq = 1; seq <= n; seq += 1) {
    plain.push({ kind: 'rating', record: wireRating(deviceId, seq) });
    if (answersAfter.includes(seq)) plain.push({ kind: 'reason-answer', record: reasonAnswer(deviceId, seq) });
  }
  return chain(plain);
}

/** Positions 1.. and links from genesis, as the kiosk computes them. */
function chain(plain: readonly { kind: ChainRecordKind; record: Plain }[], from: readonly Entry[] = []): Entry[] {
  const out = [...from];
  for (const p of plain) {
    const position = out.length + 1;
    out.push({ position, kind: p.kind, record: p.record, link: recordLink(out.at(-1)?.link ?? GENESIS_LINK, position, p.kind, p.record) });
  }
  return out;
}

/** Recomputes every link from `position` on (what a kiosk holding its key and database could do). */
function relink(entries: readonly Entry[], position: number): Entry[] {
  const out: Entry[] = [];
  for (const e of entries) {
    const previous = out.at(-1)?.link ?? GENESIS_LINK;
    out.push(e.position < position ? e : { ...e, link: recordLink(previous, e.position, e.kind, e.record) });
  }
  return out;
}

interface Device {
  deviceId: string;
  token: string;
  keys: KeyPairText;
}

async function addDevice(c: CentralHarness, withKey = true): Promise<Device> {
  const keys = await generateSigningKeyPair();
  const { deviceId, token } = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 3, publicKey: withKey ? keys.publicKey : null });
  return { deviceId, token, keys };
}

let signedAtSecond = 0;
function head(device: Device, entries: readonly Entry[], position: number, migrated: { through: number; link: string } | null = null, key = device.keys.privateKeyPkcs8): Promise<ChainHead> {
  const at = entries.find((e) => e.position === position);
  if (at === undefined) throw new Error(`no entry at ${position}`);
  signedAtSecond += 1;
  return signChainHead(
    {
      deviceId: device.deviceId,
      position,
      link: at.link,
      migratedThrough: migrated?.through ?? null,
      migratedLink: migrated?.link ?? null,
      signedAt: new Date(Date.parse('2026-11-23T10:00:00.000Z') + signedAtSecond * 1000).toISOString(),
    },
    key,
  );
}

const wired = (e: Entry) => ({ ...e.record, chainPosition: e.position, chainLink: e.link });

function batchV2(deviceId: string, entries: readonly Entry[], chainHead: ChainHead): SyncBatchInput {
  const ratings = entries.filter((e) => e.kind === 'rating').map(wired) as (WireRating & { chainPosition: number; chainLink: string })[];
  const reasonAnswers = entries.filter((e) => e.kind === 'reason-answer').map(wired) as (WireReasonAnswer & { chainPosition: number; chainLink: string })[];
  const seqs = ratings.map((r) => r.seq);
  return {
    formatVersion: 2,
    deviceId,
    batchId: randomUUID(),
    seqFrom: seqs.length === 0 ? null : Math.min(...seqs),
    seqTo: seqs.length === 0 ? null : Math.max(...seqs),
    sentAt: '2026-11-23T09:19:58.892+07:00',
    appVersion: '0.2.0',
    ratings,
    reasonAnswers,
    chainHead,
  };
}

async function send(c: CentralHarness, device: Device, entries: readonly Entry[], chainHead: ChainHead) {
  const response = await postBatch(c, batchV2(device.deviceId, entries, chainHead), { token: device.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return syncAckSchema.parse(response.body);
}

let fileNumber = 0;
async function syncFile(device: Device, entries: readonly Entry[], chainHead: ChainHead, signWith = device.keys.privateKeyPkcs8): Promise<Uint8Array> {
  const ratings = entries.filter((e) => e.kind === 'rating').map(wired) as WireRating[];
  const reasonAnswers = entries.filter((e) => e.kind === 'reason-answer').map(wired) as WireReasonAnswer[];
  fileNumber += 1;
  const facts = {
    deviceId: device.deviceId,
    officeCode: '000.00.21.H56',
    counter: 3,
    fileNumber,
    createdAt: '2026-11-23T17:00:00.000+07:00',
    health: { appVersion: '0.2.0', pendingCount: ratings.length, pendingReasonAnswers: reasonAnswers.length, integrityCheck: 'ok', clock: '2026-11-23T17:00:00.000+07:00', lastBootAt: null },
    chainHead,
  };
  return (await buildSyncFile(facts, { ratings, reasonAnswers }, await importPrivateKey(signWith))).bytes;
}

async function chainOf(c: CentralHarness, deviceId: string): Promise<DeviceSummary['chain']> {
  const admin = await c.store.addAdminToken('IT tỉnh');
  const listed = async () => {
    const response = await request(`${c.url}/api/v1/devices`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    const device = devicesResponseSchema.parse(response.body).devices.find((d) => d.deviceId === deviceId);
    if (device === undefined) throw new Error(`device ${deviceId} not listed`);
    return device;
  };
  const device = await listed();
  // Issue 17: positions held and gaps are kept at ingest; a recount from the stored records agrees.
  await c.store.rebuildDeviceState();
  expect(await listed()).toEqual(device);
  return device.chain;
}

const breaksOf = (chain: DeviceSummary['chain']) => chain.breaks.map((b) => ({ position: b.position, kind: b.kind }));
const clean = (headPosition: number, migratedThrough: number | null = null) => ({ headPosition, migratedThrough, verifiedThrough: headPosition, gaps: [], breaks: [], unverifiedHeads: false });

describe.each(storeFactories)('record chain at central on $storage', (factory) => {
  it('a clean history verifies to its head, ratings and reason answers sharing the positions', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const entries = history(device.deviceId, 6, [2, 5]);
    expect(entries).toHaveLength(8);
    await send(c, device, entries.slice(0, 3), await head(device, entries, 3));
    const ack = await send(c, device, entries.slice(3), await head(device, entries, 8));
    expect(ack.accepted).toHaveLength(5);
    expect(await chainOf(c, device.deviceId)).toEqual(clean(8));
    expect(deviceSummarySchema.shape.chain.safeParse(await chainOf(c, device.deviceId)).success).toBe(true);
  });

  it('history sent unchained (format 1) before the upgrade, chained after it: verified from the migration anchor', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const entries = history(device.deviceId, 8);
    // Seq 1..5 went to central in format 1; the upgrade chained them from seq 1 (migratedThrough 5).
    expect((await postBatch(c, batchOf(entries.slice(0, 5).map((e) => e.record as WireRating)), { token: device.token })).status).toBe(200);
    const migrated = { through: 5, link: entries[4]?.link ?? '' };
    await send(c, device, entries.slice(5), await head(device, entries, 8, migrated));
    expect(await chainOf(c, device.deviceId)).toEqual(clean(8, 5));
    expect(await c.store.storedRatings(device.deviceId)).toHaveLength(8);
  });

  it('records arriving out of order (the later batch first) verify once the gap fills', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const entries = history(device.deviceId, 6);
    const early = await head(device, entries, 3);
    await send(c, device, entries.slice(3), await head(device, entries, 6));
    expect(await chainOf(c, device.deviceId)).toEqual({ ...clean(6), verifiedThrough: 0, gaps: [{ from: 1, to: 3 }] });
    await send(c, device, entries.slice(0, 3), early);
    expect(await chainOf(c, device.deviceId)).toEqual(clean(6));
  });

  it('the same records by HTTP and on a USB stick: no break', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c);
    const entries = history(device.deviceId, 5, [4]);
    const h = await head(device, entries, 6);
    await send(c, device, entries.slice(0, 4), h);
    const imported = await importSyncFile(c.store, await syncFile(device, entries, h), c.clock.now);
    expect(imported).toMatchObject({ outcome: 'imported', accepted: 2, duplicate: 4, conflicts: 0 });
    expect(await chainOf(c, device.deviceId)).toEqual(clean(6));
  });

  it('a format 1 batch and a format 2 batch from two devices to the same central: both accepted', async () => {
    const c = await startCentral(factory);
    const old = await addDevice(c);
    const upgraded = await addDevice(c);
    const v1 = await postBatch(c, batchOf([wireRating(old.deviceId, 1), wireRating(old.deviceId, 2)]), { token: old.token });
    expect(v1.status).toBe(200);
    expect(syncAckSchema.parse(v1.body).accepted).toHaveLength(2);
    const entries = history(upgraded.deviceId, 2);
    expect((await send(c, upgraded, entries, await head(upgraded, entries, 2))).accepted).toHaveLength(2);
    expect(await chainOf(c, old.deviceId)).toEqual({ headPosition: null, migratedThrough: null, verifiedThrough: 0, gaps: [], breaks: [], unverifiedHeads: false });
    expect(await chainOf(c, upgraded.deviceId)).toEqual(clean(2));
  });

  it('a device registered without a public key: its heads kept, reported unverified', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c, false);
    const entries = history(device.deviceId, 3);
    await send(c, device, entries, await head(device, entries, 3));
    expect(await chainOf(c, device.deviceId)).toEqual({ ...clean(3), unverifiedHeads: true });
  });

  it('a head kept unverified (no key yet) verifies when it comes again after the key was registered', async () => {
    const c = await startCentral(factory);
    const device = await addDevice(c, false);
    const entries = history(device.deviceId, 3);
    const h = await head(device, entries, 3);
    await send(c, device, entries, h);
    expect((await chainOf(c, device.deviceId)).unverifiedHeads).toBe(true);
    await c.store.changeDevicePublicKey({ deviceId: device.deviceId, oldPublicKey: null, oldFingerprint: null, newPublicKey: device.keys.publicKey, newFingerprint: 'AAAA BBBB CCCC DDDD EEEE', method: 'first', actor: 'test' });
    await send(c, device, entries, h);
    expect(await chainOf(c, device.deviceId)).toEqual(clean(3));
  });

  describe('tampering, reported by device and position', () => {
    it('a record deleted: a gap at its position, the chain verified up to it', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 6);
      await send(c, device, entries.filter((e) => e.position !== 4), await head(device, entries, 6));
      expect(await chainOf(c, device.deviceId)).toMatchObject({ headPosition: 6, verifiedThrough: 3, gaps: [{ from: 4, to: 4 }], breaks: [] });
    });

    it('a record deleted after a head central holds, the history renumbered and re-signed: position conflicts', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 6);
      await send(c, device, entries.slice(0, 4), await head(device, entries, 4));
      // Record 3 deleted, 4.. moved down one place, relinked, a new head signed with the device key.
      const renumbered = relink(entries.filter((e) => e.position !== 3).map((e, i) => ({ ...e, position: i + 1 })), 3);
      await send(c, device, renumbered.slice(2), await head(device, renumbered, 5));
      const chain = await chainOf(c, device.deviceId);
      expect(breaksOf(chain)).toEqual(expect.arrayContaining([{ position: 3, kind: 'position-conflict' }, { position: 4, kind: 'position-conflict' }]));
      expect(chain.verifiedThrough).toBe(2);
    });

    it('a truncated history: the head central holds shows the positions never received', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 5);
      await send(c, device, entries.slice(0, 2), await head(device, entries, 5));
      // Records 3..5 deleted, the history ends at 2 now, re-signed: central still holds head 5.
      await send(c, device, entries.slice(0, 2), await head(device, entries, 2));
      expect(await chainOf(c, device.deviceId)).toMatchObject({ headPosition: 5, verifiedThrough: 2, gaps: [{ from: 3, to: 5 }], breaks: [] });
    });

    it('content altered, its old link kept: link-mismatch at its position', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 6);
      const altered = entries.map((e) => (e.position === 4 ? { ...e, record: { ...(e.record as WireRating), level: 3 === (e.record as WireRating).level ? 1 : 3 } } : e));
      await send(c, device, altered, await head(device, altered, 6));
      const chain = await chainOf(c, device.deviceId);
      expect(breaksOf(chain)).toEqual([{ position: 4, kind: 'link-mismatch' }]);
      expect(chain.verifiedThrough).toBe(3);
    });

    it('content altered and re-linked onward after a head central holds: head-mismatch at the head', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 6);
      await send(c, device, entries.slice(0, 3), await head(device, entries, 5));
      const altered = relink(entries.map((e) => (e.position === 4 ? { ...e, record: { ...(e.record as WireRating), level: 3 === (e.record as WireRating).level ? 1 : 3 } } : e)), 4);
      await send(c, device, altered.slice(3), await head(device, altered, 6));
      const chain = await chainOf(c, device.deviceId);
      expect(breaksOf(chain)).toEqual([{ position: 5, kind: 'head-mismatch' }]);
      expect(chain.verifiedThrough).toBe(4);
    });

    it('the history re-signed at a position central holds a head for: head-conflict, then head-mismatch once the records come', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 5);
      await send(c, device, entries.slice(0, 3), await head(device, entries, 5));
      const altered = relink(entries.map((e) => (e.position === 4 ? { ...e, record: { ...(e.record as WireRating), level: 3 === (e.record as WireRating).level ? 1 : 3 } } : e)), 4);
      await send(c, device, altered.slice(0, 3), await head(device, altered, 5));
      expect(breaksOf(await chainOf(c, device.deviceId))).toEqual([{ position: 5, kind: 'head-conflict' }]);
      await send(c, device, altered.slice(3), await head(device, altered, 5));
      const chain = await chainOf(c, device.deviceId);
      expect(breaksOf(chain)).toEqual([{ position: 5, kind: 'head-mismatch' }, { position: 5, kind: 'head-conflict' }]);
      expect(chain.verifiedThrough).toBe(4);
    });

    it('two records reordered: link-mismatch', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 6);
      const swapped = entries.map((e) => {
        const other = e.position === 3 ? entries[3] : e.position === 4 ? entries[2] : undefined;
        return other === undefined ? e : { ...e, record: other.record };
      });
      await send(c, device, swapped, await head(device, swapped, 6));
      const chain = await chainOf(c, device.deviceId);
      expect(breaksOf(chain)).toEqual([{ position: 3, kind: 'link-mismatch' }, { position: 4, kind: 'link-mismatch' }]);
      expect(chain.verifiedThrough).toBe(2);
    });

    it('a record inserted into history central holds: position-conflict; into history it does not: link-mismatch', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 5);
      await send(c, device, entries.slice(0, 4), await head(device, entries, 4));
      const forged = { kind: 'rating' as const, record: wireRating(device.deviceId, 99, { createdAt: entries[1]?.record.createdAt ?? '', level: 1 }) };
      const inserted = chain([...entries.slice(0, 2).map((e) => ({ kind: e.kind, record: e.record })), forged, ...entries.slice(2).map((e) => ({ kind: e.kind, record: e.record }))]);
      await send(c, device, inserted.slice(2), await head(device, inserted, 6));
      expect(breaksOf(await chainOf(c, device.deviceId))).toEqual(expect.arrayContaining([{ position: 3, kind: 'position-conflict' }]));

      const other = await addDevice(c);
      const clean5 = history(other.deviceId, 5);
      // Inserted at 3 with the links of the original records kept (not re-linked).
      const shifted = [...clean5.slice(0, 2), { position: 3, kind: 'rating' as const, record: wireRating(other.deviceId, 99, { level: 1 }), link: clean5[2]?.link ?? '' }, ...clean5.slice(2).map((e) => ({ ...e, position: e.position + 1 }))];
      await send(c, other, shifted, await head(other, shifted, 6));
      const chain2 = await chainOf(c, other.deviceId);
      expect(breaksOf(chain2)).toContainEqual({ position: 3, kind: 'link-mismatch' });
      expect(chain2.verifiedThrough).toBe(2);
    });

    it('a truncated history re-signed with another key: refused by HTTP and on a USB stick, nothing stored', async () => {
      const c = await startCentral(factory);
      const device = await addDevice(c);
      const entries = history(device.deviceId, 4);
      await send(c, device, entries.slice(0, 2), await head(device, entries, 4));
      const stranger = await generateSigningKeyPair();
      const forged = await head(device, entries, 3, null, stranger.privateKeyPkcs8);

      const response = await postBatch(c, batchV2(device.deviceId, entries.slice(2, 3), forged), { token: device.token });
      expect(response).toEqual({ status: 422, body: { error: { code: 'INVALID_BATCH', message: 'Lô dữ liệu không hợp lệ.', detail: 'chainHead: chữ ký không hợp lệ' } } });
      expect(c.logLines()).toContainEqual(expect.objectContaining({ code: 'INVALID_BATCH', deviceId: device.deviceId }));

      // The file signed with the device key, its head with another: BAD_SIGNATURE naming the device.
      const error = await importSyncFile(c.store, await syncFile(device, entries.slice(2, 3), forged), c.clock.now).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncFileRejection);
      expect(error).toMatchObject({ code: 'BAD_SIGNATURE', detail: expect.stringContaining(device.deviceId) });
      // All of it with the other key: the file's own signature fails first, naming the device too.
      const whole = await importSyncFile(c.store, await syncFile(device, entries.slice(2, 3), forged, stranger.privateKeyPkcs8), c.clock.now).catch((e: unknown) => e);
      expect(whole).toMatchObject({ code: 'BAD_SIGNATURE', detail: expect.stringContaining(device.deviceId) });

      expect(await c.store.storedRatings(device.deviceId)).toHaveLength(2);
      expect(await chainOf(c, device.deviceId)).toMatchObject({ headPosition: 4, verifiedThrough: 2, gaps: [{ from: 3, to: 4 }], breaks: [] });
    });
  });
});

describe('central verify', () => {
  it('recomputes each chain from storage, records new breaks, prints one line per device and per break; exit 1 on a break', async () => {
    const dir = tempDir();
    const store = openSqliteCentralStore(dir);
    const keys = await generateSigningKeyPair();
    const good = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1, publicKey: keys.publicKey });
    const bad = await store.addDevice({ officeCode: '000.00.21.H56', counter: 2, publicKey: keys.publicKey });
    const ingest = async (device: { deviceId: string }, entries: Entry[], position: number) => {
      const h = await head({ deviceId: device.deviceId, token: '', keys }, entries, position);
      const at = new Date('2026-11-23T03:00:00.000Z');
      await store.ingestBatch(syncBatchSchema.parse(batchV2(device.deviceId, entries, h)), { receivedAt: at, now: at });
    };
    const goodEntries = history(good.deviceId, 4);
    await ingest(good, goodEntries, 4);
    const badEntries = history(bad.deviceId, 4);
    await ingest(bad, badEntries, 4);
    await store.close();

    expect(await runCentral(dir, 'verify')).toEqual({
      code: 0,
      out: `DEVICE=${good.deviceId} HEAD=4 VERIFIED_THROUGH=4 BREAKS=0\nDEVICE=${bad.deviceId} HEAD=4 VERIFIED_THROUGH=4 BREAKS=0\n`,
      err: '',
    });

    // A row written behind central's back (not through ingest): only the full check sees it.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${dir}/central.db`);
    db.prepare(`INSERT INTO chain_records (device_id, position, kind, record_id, link, content, received_at) VALUES (?, 5, 'rating', ?, ?, '{}', '2026-11-23T03:00:00.000Z')`).run(bad.deviceId, randomUUID(), 'f'.repeat(64));
    db.close();

    const run = await runCentral(dir, 'verify');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      `DEVICE=${good.deviceId} HEAD=4 VERIFIED_THROUGH=4 BREAKS=0\n` +
        `DEVICE=${bad.deviceId} HEAD=4 VERIFIED_THROUGH=4 BREAKS=1\n` +
        `BREAK DEVICE=${bad.deviceId} POSITION=5 KIND=link-mismatch\n`,
    );
    // Recorded: the summary reports it without another full check.
    const reopened = openSqliteCentralStore(dir);
    const summary = (await reopened.deviceSummaries()).find((d) => d.deviceId === bad.deviceId);
    await reopened.close();
    expect(summary?.chain.breaks).toEqual([{ position: 5, kind: 'link-mismatch', detectedAt: expect.any(String) }]);

    expect(await runCentral(dir, 'verify', '--device', good.deviceId)).toEqual({ code: 0, out: `DEVICE=${good.deviceId} HEAD=4 VERIFIED_THROUGH=4 BREAKS=0\n`, err: '' });
    expect((await runCentral(dir, 'verify', '--device', bad.deviceId)).code).toBe(1);
    expect((await runCentral(dir, 'verify', '--device', randomUUID())).code).toBe(1);
  });
});
