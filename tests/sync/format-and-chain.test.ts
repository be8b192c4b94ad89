// Issue 11, end to end with real kiosks and a real central on 127.0.0.1:
// - kiosks of two releases (format 1 and format 2) sync to one central, side by side;
// - a format 2 batch with keys central does not know is stored, the keys covered by the chain;
//   a format 1 batch with one is refused (docs/sync-protocol.md, "How the format grows");
// - a kiosk database altered or pruned before sync is named by device and position at central,
//   over HTTP and on a USB stick.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { importSyncFile } from '../../central/sync-file-import';
import { recordLink } from '../../shared/node/record-chain';
import { GENESIS_LINK, signChainHead } from '../../shared/sync/chain';
import { generateSigningKeyPair } from '../../shared/sync-files/signed-file';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { readFileSync } from 'node:fs';
import { enrolledKiosk, picture, startCentral, type Central, type Kiosk } from '../support/sync-rig';
import { tempFolder } from '../support/sync-file-kiosk';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function rig(): Promise<Central> {
  const central = await startCentral();
  opened.push(central);
  return central;
}

async function kiosk(central: Central, wireFormatVersion?: 1 | 2): Promise<Kiosk> {
  const k = await enrolledKiosk(central, { direct: true, ...(wireFormatVersion === undefined ? {} : { wireFormatVersion }) });
  opened.push(k);
  return k;
}

/** n ratings (a negative one every third, answered with a reason), then drained to central. */
async function rateAndSync(k: Kiosk, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const level = i % 3 === 2 ? 3 : 1;
    const reply = await k.backend.handlers.submitRating({ scale: 'vn-3', level });
    if (level === 3) await k.backend.handlers.submitReasons({ ratingId: reply.id, reasonCodes: ['CHO-LAU'] });
  }
  await drain(k);
}

async function drain(k: Kiosk): Promise<void> {
  const pending = () => k.backend.context.db.prepare('SELECT (SELECT count(*) FROM sync_outbox) + (SELECT count(*) FROM reason_outbox)').pluck().get();
  for (let round = 0; round < 20 && pending() !== 0; round++) {
    await k.backend.sync.trigger('manual');
  }
}

async function chainOf(central: Central, deviceId: string) {
  const summary = (await central.store.deviceSummaries()).find((d) => d.deviceId === deviceId);
  if (summary === undefined) throw new Error(`no device ${deviceId}`);
  return summary.chain;
}

const chainLength = (k: Kiosk) => k.backend.context.db.prepare('SELECT count(*) FROM record_chain').pluck().get() as number;

describe('kiosks of two releases, one central', () => {
  it('a format 1 kiosk and a format 2 kiosk are both stored in full; the second is chained and verifies', async () => {
    const central = await rig();
    const older = await kiosk(central, 1);
    const current = await kiosk(central);
    await rateAndSync(older, 6);
    await rateAndSync(current, 6);
    for (const k of [older, current]) {
      const p = await picture(k, central);
      expect(p.pending).toBe(0);
      expect([...p.centralIds].sort()).toEqual([...p.kioskIds].sort());
      expect(p.contentMismatches).toEqual([]);
    }
    // 6 ratings and 2 reason answers on one chain.
    expect(chainLength(current)).toBe(8);
    expect(await chainOf(central, current.deviceId)).toMatchObject({ headPosition: 8, verifiedThrough: 8, gaps: [], breaks: [], unverifiedHeads: false });
    // Format 1 carries no chain: unchained history, neither gaps nor breaks.
    expect(await chainOf(central, older.deviceId)).toMatchObject({ headPosition: null, gaps: [], breaks: [] });
  });
  it('on a USB stick too: a format 1 file (an older kiosk) and a format 2 file are both imported', async () => {
    const central = await rig();
    for (const formatVersion of [1, 2] as const) {
      const k = await kiosk(central);
      for (let i = 0; i < 3; i++) await k.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
      const done = await exportSyncFile({ db: k.backend.context.db, secrets: fileSecretStore(k.dataDir), outDir: tempFolder(), now: () => new Date(), appVersion: '0.1.0', formatVersion });
      expect(done.manifest.formatVersion).toBe(formatVersion);
      const imported = await importSyncFile(central.store, new Uint8Array(readFileSync(done.path)), () => new Date());
      expect(imported).toMatchObject({ outcome: 'imported', accepted: 3 });
      expect((await central.store.storedRatings(k.deviceId)).map((r) => r.rating.id).sort()).toEqual((await picture(k, central)).kioskIds.sort());
      expect((await chainOf(central, k.deviceId)).headPosition).toBe(formatVersion === 2 ? 3 : null);
    }
  });
});

describe('a key central does not know', () => {
  async function device(central: Central) {
    const deviceId = randomUUID();
    const { token } = await central.store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 9, label: null });
    return { deviceId, token, keys: await generateSigningKeyPair() };
  }
  const rating = (deviceId: string, seq: number) => ({
    id: randomUUID(),
    deviceId,
    seq,
    createdAt: '2026-11-23T09:15:02.123+07:00',
    localDay: '2026-11-23',
    scale: 'vn-3',
    level: 1,
    officerId: null,
    serviceCode: null,
    dossierCode: null,
    reasons: [],
    flags: [],
    appVersion: '0.9.0',
    bootId: randomUUID(),
  });
  const post = (central: Central, token: string, body: { batchId: string; [key: string]: unknown }) =>
    fetch(`${central.url}/api/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${token}`, 'idempotency-key': body.batchId },
      body: gzipSync(JSON.stringify(body)),
    });

  it('format 2: ignored, stored, and covered by the chain (a newer kiosk’s field); format 1: refused with 422', async () => {
    const central = await rig();
    const { deviceId, token, keys } = await device(central);
    // A newer kiosk added `queueTicket` to its records and `screen` to its batch.
    const record = { ...rating(deviceId, 1), queueTicket: 'A-017' };
    const chained = { ...record, chainPosition: 1, chainLink: recordLink(GENESIS_LINK, 1, 'rating', record) };
    const chainHead = await signChainHead(
      { deviceId, position: 1, link: chained.chainLink, migratedThrough: null, migratedLink: null, signedAt: '2026-11-23T09:20:00.000+07:00' },
      keys.privateKeyPkcs8,
    );
    const v2 = { formatVersion: 2, deviceId, batchId: randomUUID(), seqFrom: 1, seqTo: 1, sentAt: '2026-11-23T09:20:00.000+07:00', appVersion: '0.9.0', screen: '1080x1920', ratings: [chained], reasonAnswers: [], chainHead };
    const accepted = await post(central, token, v2);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { accepted: string[] }).accepted).toEqual([record.id]);
    expect(await chainOf(central, deviceId)).toMatchObject({ headPosition: 1, verifiedThrough: 1, breaks: [] });
    const stored = await central.store.deviceChain(deviceId);
    expect(stored.records[0]?.content).toContain('"queueTicket":"A-017"');

    // The same record with the new field changed in transit: the chain names it.
    const altered = { ...chained, id: record.id, queueTicket: 'A-018' };
    const again = await post(central, token, { ...v2, batchId: randomUUID(), ratings: [altered] });
    expect(again.status).toBe(200);
    expect((await chainOf(central, deviceId)).breaks).toEqual([{ position: 1, kind: 'position-conflict', detectedAt: expect.any(String) }]);

    const v1 = { formatVersion: 1, deviceId, batchId: randomUUID(), seqFrom: 2, seqTo: 2, sentAt: '2026-11-23T09:20:00.000+07:00', appVersion: '0.1.0', ratings: [{ ...rating(deviceId, 2), queueTicket: 'A-019' }] };
    const refused = await post(central, token, v1);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('INVALID_BATCH');
  });
});

describe('a kiosk database tampered with before it syncs', () => {
  /** Ratings not yet at central, by position: the attacker's targets. */
  const ratingAt = (k: Kiosk, position: number) =>
    k.backend.context.db.prepare("SELECT record_id FROM record_chain WHERE position = ? AND kind = 'rating'").pluck().get(position) as string;

  it('over HTTP: a bad rating turned good in place is named by device and position', async () => {
    const central = await rig();
    const k = await kiosk(central);
    await rateAndSync(k, 3); // positions 1..4 (3 ratings, 1 reason answer) at central
    for (let i = 0; i < 3; i++) await k.backend.handlers.submitRating({ scale: 'vn-3', level: 3 }); // positions 5..7, pending
    k.backend.context.db.prepare('UPDATE ratings SET level = 1 WHERE id = ?').run(ratingAt(k, 6));
    await drain(k);
    expect((await chainOf(central, k.deviceId)).breaks).toEqual([{ position: 6, kind: 'link-mismatch', detectedAt: expect.any(String) }]);
  });

  it('on a USB stick: a rating deleted from the database leaves a gap named by position; the rest verifies', async () => {
    const central = await rig();
    const k = await kiosk(central);
    for (let i = 0; i < 5; i++) await k.backend.handlers.submitRating({ scale: 'vn-3', level: 3 }); // positions 1..5
    const db = k.backend.context.db;
    // The attacker removes rating 3 and its queue entry (dropping the guard triggers first).
    const victim = ratingAt(k, 3);
    for (const trigger of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('ratings', 'sync_outbox')").pluck().all() as string[]) db.exec(`DROP TRIGGER "${trigger}"`);
    db.prepare('DELETE FROM sync_outbox WHERE rating_id = ?').run(victim);
    db.prepare('DELETE FROM ratings WHERE id = ?').run(victim);
    const done = await exportSyncFile({ db, secrets: fileSecretStore(k.dataDir), outDir: tempFolder(), now: () => new Date(), appVersion: '0.1.0' });
    await importSyncFile(central.store, new Uint8Array(readFileSync(done.path)), () => new Date());
    const chain = await chainOf(central, k.deviceId);
    expect(chain.gaps).toEqual([{ from: 3, to: 3 }]);
    expect(chain.breaks).toEqual([]);
    expect(chain.headPosition).toBe(5);
  });
});
