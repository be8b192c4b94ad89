// A discreet line at the foot of the citizen screen for staff walking by: is everything synced?
// Neutral while all is well; amber only when staff must act (issue 14): central refused the
// kiosk, the endpoint has no token, or ratings have waited STALE_DAYS days with neither a sync
// nor a USB export. An office without network (no endpoint) speaks of its USB exports, never of
// a missing connection: that is how it is meant to work.
import type { SyncStatus } from '../../../shared/contract';
import { formatCount, formatInstant, formatTime } from '../dashboard/figures-format';
import { useSyncStatus } from './use-sync-status';

/** Days ratings may wait unsent (no sync, no USB export) before the line asks staff to act. */
export const STALE_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SyncTone = 'ok' | 'attention';

const dayAndTime = (iso: string) => formatInstant(new Date(iso));

/** Ratings have waited STALE_DAYS days and no sync file was exported in that time either. */
function isStale(status: SyncStatus, now: Date): boolean {
  if (status.pendingCount === 0 || status.oldestPendingAt === null) return false;
  const limit = now.getTime() - STALE_DAYS * DAY_MS;
  const exportedSince = status.lastExportAt != null && new Date(status.lastExportAt).getTime() >= limit;
  return new Date(status.oldestPendingAt).getTime() < limit && !exportedSince;
}

export function describeSync(status: SyncStatus, now: Date = new Date()): { text: string; tone: SyncTone } {
  const pending = `${formatCount(status.pendingCount)} chưa đồng bộ`;
  const stale = isStale(status, now);
  if (status.endpointConfigured === false) {
    const lastExport = status.lastExportAt == null ? 'Chưa xuất tệp USB lần nào' : `Xuất tệp USB lần cuối ${dayAndTime(status.lastExportAt)}`;
    if (stale) return { text: `${lastExport} · ${pending}, xin xuất tệp đồng bộ`, tone: 'attention' };
    if (status.pendingCount > 0) return { text: `${lastExport} · ${pending}`, tone: 'ok' };
    // Nothing waiting: after an export and its acknowledgement all is synced; before any, there was nothing to send.
    return { text: status.lastExportAt == null ? 'Không có đánh giá chờ xuất tệp USB' : `${lastExport} · Đã đồng bộ`, tone: 'ok' };
  }
  const waitedTooLong = stale ? ` · quá ${STALE_DAYS} ngày chưa gửi được, xin báo cán bộ CNTT` : '';
  switch (status.state) {
    case 'not-configured':
      return { text: `Chưa có mã thiết bị cho máy chủ trung tâm, xin báo cán bộ CNTT · ${pending}`, tone: 'attention' };
    case 'syncing':
      return { text: `Đang đồng bộ… · ${pending}`, tone: 'ok' };
    case 'waiting':
      return {
        text: `${pending} · thử lại lúc ${status.nextAttemptAt === null ? '—' : formatTime(new Date(status.nextAttemptAt))}${waitedTooLong}`,
        tone: stale ? 'attention' : 'ok',
      };
    case 'stopped':
      return { text: `${pending} · Đồng bộ tạm dừng, xin báo cán bộ CNTT`, tone: 'attention' };
    case 'idle':
      if (status.pendingCount === 0) return { text: 'Đã đồng bộ', tone: 'ok' };
      return { text: `${pending}${waitedTooLong}`, tone: stale ? 'attention' : 'ok' };
  }
}

export function SyncStatusLine() {
  const status = useSyncStatus();
  if (status === null) return null;
  const { text, tone } = describeSync(status);
  return (
    <p className={`sync-line sync-line--${tone}`} data-testid="sync-status" data-tone={tone} title={status.lastProblem?.message ?? ''}>
      <span className="sync-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
