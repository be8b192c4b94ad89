// The out-of-service side of a StorageOpening: for each cause that is not corruption, the short
// code IT reads off the citizen screen's notice and one Vietnamese sentence saying what is wrong.
// The codes are stable: IT staff search for them in docs and logs.
import type { NotCorruptReason } from './corruption';
import type { StorageOpening } from './storage-status';

export type StorageOutage = Extract<StorageOpening, { kind: 'out-of-service' }>;

const causes: Record<NotCorruptReason, { incidentCode: string; message: string }> = {
  'database-too-new': { incidentCode: 'HL-DB-TOO-NEW', message: 'Dữ liệu do một phiên bản phần mềm mới hơn tạo ra; cần cài phiên bản mới.' },
  locked: { incidentCode: 'HL-DB-LOCKED', message: 'Tệp dữ liệu đang bị một chương trình khác giữ.' },
  'no-permission': { incidentCode: 'HL-NO-WRITE', message: 'Không mở hoặc không ghi được tệp dữ liệu (thư mục chỉ đọc, hoặc không có quyền).' },
  'disk-full': { incidentCode: 'HL-DISK-FULL', message: 'Ổ đĩa đã đầy.' },
  'io-error': { incidentCode: 'HL-DISK-IO', message: 'Lỗi đọc/ghi ổ đĩa.' },
  unknown: { incidentCode: 'HL-DB-UNOPENABLE', message: 'Không mở được tệp dữ liệu.' },
};

export function storageOutage(reason: NotCorruptReason, error: unknown): StorageOutage {
  return { kind: 'out-of-service', reason, ...causes[reason], detail: errorText(error) };
}

/** The -wal file vanished or was replaced under the running kiosk (storage/wal-watch.ts). */
export function walLostOutage(detail: string): StorageOutage {
  return { kind: 'out-of-service', reason: 'io-error', incidentCode: 'HL-WAL-LOST', message: 'Tệp nhật ký ghi (-wal) của dữ liệu bị xoá hoặc thay thế.', detail };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
