// Importing a sync file at central (CLI `import` and POST /api/v1/sync-files): verify with the
// device's registered key, refuse anything tampered, then store through the same ingestBatch as
// HTTP sync and answer with a signed ack file. A refused file writes nothing.
import { buildAckFile, type AckFile } from '../shared/sync-files/ack-file';
import { refuse } from '../shared/sync-files/rejections';
import { importPublicKey } from '../shared/sync-files/signed-file';
import { issueText, syncFileBatchId, verifySyncFile, type SyncFileManifest } from '../shared/sync-files/sync-file';
import { MAX_BATCH_RATINGS, syncBatchSchema, type SyncAck, type SyncBatch } from '../shared/sync/wire';
import { verifyChainHead } from '../shared/sync/chain';
import { verifyIncident } from '../shared/sync/incident';
import { centralSigningKey } from './signing-key';
import type { CentralStore } from './store/central-store';

export interface SyncFileImportResult {
  outcome: 'imported' | 'replayed';
  manifest: SyncFileManifest;
  /** Record counts, ratings and reason answers together (the ack lists both kinds). */
  accepted: number;
  duplicate: number;
  conflicts: number;
  /** The signed ack file; null for a replayed file older than the last one imported. */
  ackFile: Uint8Array | null;
}

type AckLists = Pick<AckFile, 'accepted' | 'duplicate' | 'conflicts' | 'receivedAt'>;

/**
 * `afterBatch` (issue 17, the alerts): called after each of the file's batches committed, with what
 * central answered; a throw there is the caller's (it never undoes what was stored).
 */
export async function importSyncFile(
  store: CentralStore,
  bytes: Uint8Array,
  now: () => Date,
  afterBatch?: (batch: SyncBatch, ack: SyncAck) => Promise<void>,
): Promise<SyncFileImportResult> {
  let devicePublicKey = '';
  const { manifest, ratings, reasonAnswers, directory, health } = await verifySyncFile(bytes, async (m) => {
    const known = await store.deviceKey(m.deviceId);
    if (known === undefined) throw refuse('UNKNOWN_DEVICE', `thiết bị ${m.deviceId}`);
    if (known.device.revoked) throw refuse('DEVICE_REVOKED', `thiết bị ${m.deviceId}`);
    if (known.publicKey === null) throw refuse('UNKNOWN_DEVICE', `thiết bị ${m.deviceId} chưa có khóa công khai (device key hoặc device enroll)`);
    devicePublicKey = known.publicKey;
    return importPublicKey(known.publicKey);
  });
  // The file's signature covers its chain head, but the head is the device's own statement too:
  // it must verify with the device key on its own, before anything of the file is stored.
  if (manifest.formatVersion === 2 && !(await verifyChainHead(manifest.chainHead, devicePublicKey))) {
    throw refuse('BAD_SIGNATURE', `chainHead của thiết bị ${manifest.deviceId}: chữ ký không hợp lệ`);
  }
  // So are its storage incidents: a loss is declared by the device key alone.
  const incidents = manifest.formatVersion === 2 ? (manifest.incidents ?? []) : [];
  for (const incident of incidents) {
    if (!(await verifyIncident(incident, devicePublicKey))) throw refuse('BAD_SIGNATURE', `incidents của thiết bị ${manifest.deviceId}: chữ ký không hợp lệ (${incident.id})`);
  }
  const key = await centralSigningKey(store);

  const latest = await store.latestSyncFileImport(manifest.deviceId);
  if (latest !== undefined && manifest.fileNumber <= latest.fileNumber) {
    // The very file imported before (its ack lost on the way back?): issue its ack again.
    const previous = await store.findSyncFileImport(manifest.deviceId, manifest.fileNumber);
    if (previous !== undefined && previous.payloadSha256 === manifest.payloadSha256) {
      const lists = previous.ack as AckLists;
      return {
        outcome: 'replayed',
        manifest,
        accepted: 0,
        duplicate: 0,
        conflicts: 0,
        ackFile: await signAck(manifest, 'replayed', lists, key.privateKey),
      };
    }
    return { outcome: 'replayed', manifest, accepted: 0, duplicate: 0, conflicts: 0, ackFile: null };
  }

  const receivedAt = now();
  const batches: SyncBatch[] = [];
  // Chunk i holds the i-th 500 ratings and the i-th 500 answers, as an HTTP batch may.
  const chunks = Math.ceil(Math.max(ratings.length, reasonAnswers.length) / MAX_BATCH_RATINGS);
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const part = <T>(from: readonly T[]): T[] => from.slice(chunk * MAX_BATCH_RATINGS, (chunk + 1) * MAX_BATCH_RATINGS);
    const chunkRatings = part(ratings);
    const seqs = chunkRatings.map((r) => r.seq);
    // A format 2 file's chunks are format 2 batches carrying the file's head: one ingest path.
    const batch = {
      ...(manifest.formatVersion === 2 ? { formatVersion: 2, chainHead: manifest.chainHead } : { formatVersion: 1 }),
      deviceId: manifest.deviceId,
      batchId: syncFileBatchId(manifest.payloadSha256, chunk),
      // Null for a chunk of reason answers only, as in an HTTP batch.
      seqFrom: seqs.length === 0 ? null : Math.min(...seqs),
      seqTo: seqs.length === 0 ? null : Math.max(...seqs),
      // A file's export time says nothing about the kiosk clock at arrival (it travelled for
      // days): sentAt = receivedAt records the clock offset as 0, i.e. "not measured".
      sentAt: receivedAt.toISOString(),
      appVersion: manifest.health.appVersion,
      ratings: chunkRatings,
      reasonAnswers: part(reasonAnswers),
      // The file's incidents travel with its first chunk (stored once by id in any case).
      ...(chunk === 0 && incidents.length > 0 ? { incidents } : {}),
      // So does its directory (issue 16): the payload's, covered by the file's signature.
      ...(chunk === 0 && manifest.formatVersion === 2 && directory !== undefined ? { directory } : {}),
      // And its health record (issue 16), read by the store on its own as from a batch.
      ...(chunk === 0 && manifest.formatVersion === 2 && health !== undefined ? { health } : {}),
    };
    // The one batch schema decides what central stores, also from a file (e.g. localDay is
    // createdAt's date): every chunk is checked before any is stored, so a refused file writes nothing.
    const checked = syncBatchSchema.safeParse(batch);
    if (!checked.success) throw refuse('MALFORMED', `bản ghi không hợp lệ: ${issueText(checked.error)}`);
    batches.push(checked.data);
  }
  const acks: SyncAck[] = [];
  // via 'sync-file': the health record's clock is not compared with the arrival (no drift measured).
  for (const batch of batches) {
    const ack = await store.ingestBatch(batch, { receivedAt, now: receivedAt, via: 'sync-file' });
    acks.push(ack);
    await afterBatch?.(batch, ack);
  }
  const lists: AckLists = {
    accepted: acks.flatMap((a) => a.accepted),
    duplicate: acks.flatMap((a) => a.duplicate),
    conflicts: acks.flatMap((a) => a.conflicts),
    receivedAt: receivedAt.toISOString(),
  };
  // Recorded after the records: a crash in between leaves a file that re-imports as duplicates.
  await store.recordSyncFileImport({
    deviceId: manifest.deviceId,
    fileNumber: manifest.fileNumber,
    payloadSha256: manifest.payloadSha256,
    receivedAt: lists.receivedAt,
    ack: lists,
  });
  return {
    outcome: 'imported',
    manifest,
    accepted: lists.accepted.length,
    duplicate: lists.duplicate.length,
    conflicts: lists.conflicts.length,
    ackFile: await signAck(manifest, 'imported', lists, key.privateKey),
  };
}

function signAck(manifest: SyncFileManifest, outcome: AckFile['outcome'], lists: AckLists, privateKey: CryptoKey): Promise<Uint8Array> {
  return buildAckFile({ deviceId: manifest.deviceId, fileNumber: manifest.fileNumber, payloadSha256: manifest.payloadSha256, outcome, ...lists }, privateKey);
}
