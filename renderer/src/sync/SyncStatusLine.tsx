// A discreet line at the foot of the citizen screen for staff walking by: is everything synced?
import type { SyncStatus } from '../../../shared/contract';
import { formatTime } from '../dashboard/figures-format';
import { useSyncStatus } from './use-sync-status';


export function describeSync(status: SyncStatus): { text: string; tone: 'ok' | 'pending' | 'problem' } {
  const pending = `${status.pendingCount.toLocaleString('vi-VN')} chưa đồng bộ`;
  switch (status.state) {
    case 'not-configured':
      return { text: `Chưa kết nối máy chủ trung tâm · ${pending}`, tone: 'pending' };
    case 'syncing':
      return { text: `Đang đồng bộ… · ${pending}`, tone: 'pending' };
    case 'waiting':
      return {
        text: `${pending} · thử lại lúc ${status.nextAttemptAt === null ? '—' : formatTime(new Date(status.nextAttemptAt))}`,
        tone: 'pending',
      };
    case 'stopped':
      return { text: `${pending} · Đồng bộ tạm dừng, xin báo cán bộ CNTT`, tone: 'problem' };
    case 'idle':
      return status.pendingCount === 0 ? { text: 'Đã đồng bộ', tone: 'ok' } : { text: pending, tone: 'pending' };
  }
}

export function SyncStatusLine() {
  const status = useSyncStatus();
  if (status === null) return null;
  const { text, tone } = describeSync(status);
  return (
    <p className={`sync-line sync-line--${tone}`} data-testid="sync-status" title={status.lastProblem?.message ?? ''}>
      <span className="sync-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
