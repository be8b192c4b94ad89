// Import central's ack file on the kiosk: verify it with the pinned central key, check it is
// for this kiosk, and mark exactly the ratings and reason answers it lists synced (commitAck,
// as for HTTP: one list of ids for both kinds), and the storage incidents that file carried sent.
// Importing the same ack twice changes nothing the second time.
import type { Database } from 'better-sqlite3';
import { FILE_LIMITS, readRegularFile } from '../../../shared/node/safe-file-read';
import { verifyAckFile, type AckFile } from '../../../shared/sync-files/ack-file';
import { refuse } from '../../../shared/sync-files/rejections';
import { importPublicKey } from '../../../shared/sync-files/signed-file';
import { syncFileBatchId } from '../../../shared/sync-files/sync-file';
import { ensureDeviceId, readPinnedCentralKey, readSyncFileState, saveSyncFileState } from '../settings-repo';
import { commitAck, outboxStats } from '../sync/outbox-repo';
import { directoryFileAcked } from '../sync/directory-repo';

export interface ImportedAck {
  ack: AckFile;
  /** Records (ratings and reason answers) that left their outbox now (0 for a second import). */
  changed: number;
  /** Ratings still pending. */
  pendingCount: number;
  pendingReasonAnswers: number;
}

export async function importAckFile(options: { db: Database; file: string; now: () => Date }): Promise<ImportedAck> {
  const { db } = options;
  const pinned = readPinnedCentralKey(db);
  if (pinned === undefined) throw refuse('CENTRAL_KEY_UNKNOWN');
  const ack = await verifyAckFile(new Uint8Array(readRegularFile(options.file, FILE_LIMITS.ackFile)), await importPublicKey(pinned));
  const deviceId = ensureDeviceId(db);
  if (ack.deviceId !== deviceId) throw refuse('WRONG_DEVICE', `tệp của thiết bị ${ack.deviceId}, máy này là ${deviceId}`);
  const at = options.now().toISOString();
  const state = readSyncFileState(db);
  // The storage incidents that file carried are central's now: marked sent with the records.
  const carried = (state.incidentsInFiles ?? []).find((f) => f.fileNumber === ack.fileNumber)?.ids ?? [];
  const changed = commitAck(
    db,
    { batchId: syncFileBatchId(ack.payloadSha256, 0), accepted: ack.accepted, duplicate: ack.duplicate, conflicts: ack.conflicts, receivedAt: ack.receivedAt },
    at,
    carried,
  );
  const remembered = (state.incidentsInFiles ?? []).filter((f) => f.fileNumber !== ack.fileNumber);
  saveSyncFileState(db, { ...readSyncFileState(db), lastAckAt: at, incidentsInFiles: remembered });
  // The directory that file carried (issue 16), if any, is central's now.
  directoryFileAcked(db, ack.fileNumber);
  const { pendingCount, pendingReasonAnswers } = outboxStats(db);
  return { ack, changed, pendingCount, pendingReasonAnswers };
}
