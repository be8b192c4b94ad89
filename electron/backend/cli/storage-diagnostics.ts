// `npm run kiosk -- diagnostics [--data-dir DIR]`: the storage's health for IT, without the staff
// area (which needs the database, and a PIN). Opens the database the way the kiosk does but
// never rebuilds or moves anything; prints the data folder, whether the database opens (or the
// cause and incident code the citizen screen shows), free disk, the space snapshots, quarantine
// and logs use, and the latest storage incidents. Exit 0 when the storage is fine, 1 otherwise.
// Safe while the kiosk runs (WAL: one more reader); a missing database is reported, not created.
import { formatBytes } from '../../../shared/format-bytes';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { fileSize, freeBytes } from '../it-admin/diagnostics';
import { DATABASE_FILE } from '../kiosk-backend';
import { logsDir } from '../logger';
import { integrityCheck } from '../storage/corruption';
import { listIncidents } from '../storage/incidents-repo';
import { openDatabase } from '../database';
import { classifyStorageError } from '../storage/corruption';
import { storageOutage } from '../storage/storage-outage';
import { quarantineDir } from '../storage/quarantine';
import { listSnapshots, snapshotsDir } from '../storage/snapshots';
import { folderBytes } from '../storage/storage-files';
import type { StorageOpening } from '../storage/storage-status';

export interface StorageDiagnosticsIo {
  stdout: (line: string) => void;
}

const LATEST_INCIDENTS = 5;

export function runStorageDiagnostics(dataDir: string, io: StorageDiagnosticsIo, open: (file: string) => StorageOpening = openWithoutRebuild): number {
  const file = join(dataDir, DATABASE_FILE);
  io.stdout(`Thư mục dữ liệu: ${dataDir}`);
  let healthy: boolean;
  if (!existsSync(file)) {
    io.stdout(`Cơ sở dữ liệu: chưa có (${DATABASE_FILE} được tạo ở lần khởi động đầu tiên)`);
    healthy = existsSync(dataDir);
  } else {
    const opening = open(file);
    if (opening.kind === 'out-of-service') {
      io.stdout(`Cơ sở dữ liệu: KHÔNG mở được — ${opening.message}`);
      io.stdout(`Mã sự cố: ${opening.incidentCode} (${opening.reason})`);
      io.stdout(`Chi tiết: ${opening.detail}`);
      healthy = false;
    } else {
      try {
        healthy = reportOpenDatabase(opening.db, file, io);
      } finally {
        opening.db.close();
      }
    }
  }
  io.stdout(`Dung lượng trống: ${formatBytes(freeBytes(dataDir), 'không rõ')}`);
  const snapshots = listSnapshots(dataDir);
  io.stdout(
    `Bản chụp dữ liệu (snapshots): ${snapshots.length} tệp, ${formatBytes(folderBytes(snapshotsDir(dataDir)))}` +
      (snapshots[0] === undefined ? '' : `, mới nhất ${snapshots[0].takenAt}`),
  );
  io.stdout(`Thư mục cách ly (quarantine): ${formatBytes(folderBytes(quarantineDir(dataDir)))}`);
  io.stdout(`Nhật ký (logs): ${formatBytes(folderBytes(logsDir(dataDir)))}`);
  io.stdout(healthy ? 'Kết luận: lưu trữ bình thường.' : 'Kết luận: lưu trữ có sự cố (xem trên).');
  return healthy ? 0 : 1;
}

/**
 * The kiosk's own open (database.ts) with what stops it classified as the kiosk classifies it,
 * but never the rebuild of open-storage.ts: diagnostics looks, it does not repair. A damaged file
 * is reported HL-DB-CORRUPT; the kiosk rebuilds it at its next open.
 */
function openWithoutRebuild(file: string): StorageOpening {
  try {
    return { kind: 'open', db: openDatabase(file), recovered: null };
  } catch (error) {
    const verdict = classifyStorageError(error);
    if (verdict.verdict === 'not-corrupt') return storageOutage(verdict.reason, error);
    return { ...storageOutage('unknown', error), incidentCode: 'HL-DB-CORRUPT', message: 'Tệp dữ liệu bị hỏng; máy đánh giá sẽ tự khôi phục khi mở lại.' };
  }
}

function reportOpenDatabase(db: Database, file: string, io: StorageDiagnosticsIo): boolean {
  const size = fileSize(file) + fileSize(`${file}-wal`);
  const check = integrityCheck(db);
  io.stdout(`Cơ sở dữ liệu: mở được (${DATABASE_FILE}, ${formatBytes(size)})`);
  io.stdout(check.ok ? 'Kiểm tra toàn vẹn: ok' : `Kiểm tra toàn vẹn: HỎNG — ${check.problems.slice(0, 3).join('; ')}`);
  const hasIncidents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'storage_incidents'").get() !== undefined;
  if (hasIncidents) {
    const incidents = listIncidents(db).slice(0, LATEST_INCIDENTS);
    io.stdout(incidents.length === 0 ? 'Sự cố lưu trữ: không có' : `Sự cố lưu trữ gần nhất (${incidents.length}):`);
    for (const { incident, sentAt } of incidents) {
      const lost = incident.lostSeqRanges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
      io.stdout(
        `  ${incident.detectedAt} ${incident.kind}${lost === '' ? '' : `, mất seq ${lost}`} — ${incident.detail}` +
          (sentAt === null ? ' (chưa gửi trung tâm)' : ` (đã gửi ${sentAt})`),
      );
    }
  }
  return check.ok;
}

