// What the "Trạng thái & chẩn đoán" screen shows and the diagnostics bundle carries. Counts,
// times, sizes and identifiers only; the device token is reported as set or not, never shown.
import { statSync, statfsSync } from 'node:fs';
import type { Diagnostics } from '../../../shared/contract/it-admin';
import { toLocalIso } from '../../../shared/local-time';
import { readSyncFileState } from '../settings-repo';
import { listIncidents } from '../storage/incidents-repo';
import { ensureDeviceKey } from '../sync-files/device-key';
import { readDeviceSettings } from './device-settings';
import { ratingsCount } from './diagnostics-repo';
import type { ItAdminDeps } from './it-admin-deps';
import { keyFingerprint } from '../../../shared/sync-files/enrollment-file';
import { readLogTail } from './log-tail';
import { currentLogFile, logsDir } from '../logger';
import { quarantineDir } from '../storage/quarantine';
import { listSnapshots, snapshotsDir } from '../storage/snapshots';
import { folderBytes } from '../storage/storage-files';
import { secretScrubber } from './secret-scrub';

/** The log file being written now (logs rotate: logger.ts). */
export function logFileOf(dataDir: string): string {
  return currentLogFile(dataDir);
}

export async function collectDiagnostics({ ctx, secrets, sync, dataDir, databaseFile }: ItAdminDeps): Promise<Diagnostics> {
  const { db } = ctx;
  // The key pair is made on first use; diagnostics is a use (IT staff read the fingerprint to central).
  const { publicKey } = await ensureDeviceKey(db, secrets);
  const settings = readDeviceSettings(db, secrets);
  const status = sync.status();
  const files = readSyncFileState(db);
  const scrub = secretScrubber(secrets);
  return {
    appVersion: ctx.appVersion,
    deviceId: ctx.deviceId,
    publicKey,
    publicKeyFingerprint: await keyFingerprint(publicKey),
    officeCode: settings.officeCode,
    officeName: settings.officeName,
    counterNumber: settings.counterNumber,
    needsSetup: settings.needsSetup,
    endpoint: settings.endpoint,
    tokenSet: settings.tokenSet,
    clock: toLocalIso(ctx.now(), settings.timeZone),
    timeZone: settings.timeZone,
    ratingsCount: ratingsCount(db),
    pendingCount: status.pendingCount,
    pendingReasonAnswers: status.pendingReasonAnswers,
    oldestPendingAt: status.oldestPendingAt,
    quarantinedCount: status.quarantinedCount,
    syncState: status.state,
    lastSyncSuccessAt: status.lastSuccessAt,
    lastSyncProblem: status.lastProblem,
    lastExportAt: files.lastExportAt,
    lastFileNumber: files.lastFileNumber,
    lastAckAt: files.lastAckAt,
    databaseBytes: fileSize(databaseFile) + fileSize(`${databaseFile}-wal`),
    freeDiskBytes: freeBytes(dataDir),
    logsBytes: folderBytes(logsDir(dataDir)),
    snapshotsBytes: folderBytes(snapshotsDir(dataDir)),
    quarantineBytes: folderBytes(quarantineDir(dataDir)),
    newestSnapshotAt: listSnapshots(dataDir)[0]?.takenAt ?? null,
    storageIncidents: listIncidents(db)
      .slice(0, 20)
      .map(({ incident: i, sentAt }) => ({ id: i.id, kind: i.kind, detectedAt: i.detectedAt, detail: i.detail, lostSeqRanges: i.lostSeqRanges, lostChainRanges: i.lostChainRanges, sentAt })),
    dataDir,
    recentErrors: readLogTail(logFileOf(dataDir), 2000)
      .filter((line) => line.level === 'warn' || line.level === 'error')
      .slice(-20)
      .map((line) => ({ at: line.at, level: line.level as 'warn' | 'error', message: scrub(line.message) })),
  };
}

/** Bytes of a file, 0 when it does not exist (also `kiosk diagnostics`). */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Free bytes for this user on the folder's file system; null when it cannot be asked. */
export function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
