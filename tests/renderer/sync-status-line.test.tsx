import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../shared/contract';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { describeSync, SyncStatusLine } from '../../renderer/src/sync/SyncStatusLine';
import { useSyncWhenOnline } from '../../renderer/src/sync/use-sync-status';
import { fakeKioskApi } from '../support/renderer-api';

const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  pendingCount: 0,
  pendingReasonAnswers: 0,
  oldestPendingAt: null,
  quarantinedCount: 0,
  lastSuccessAt: null,
  lastProblem: null,
  nextAttemptAt: null,
  ...patch,
});

describe('SyncStatusLine', () => {
  it('shows the pending count, then "Đã đồng bộ" when the backend pushes the new status', async () => {
    const api = fakeKioskApi({ getSyncStatus: () => ({ ok: true, data: status({ pendingCount: 3 }) }) });
    render(
      <KioskApiProvider api={api}>
        <SyncStatusLine />
      </KioskApiProvider>,
    );
    expect(await screen.findByTestId('sync-status')).toHaveTextContent('3 chưa đồng bộ');
    act(() => api.push('syncStatusChanged', status({ pendingCount: 0, lastSuccessAt: '2026-11-23T02:20:00.000Z' })));
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Đã đồng bộ');
    // A malformed event is ignored rather than breaking the screen.
    act(() => api.push('syncStatusChanged', { state: 'exploded' }));
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Đã đồng bộ');
  });

  it('describes every state in Vietnamese', () => {
    expect(describeSync(status({ state: 'not-configured', pendingCount: 2 })).text).toBe('Chưa kết nối máy chủ trung tâm · 2 chưa đồng bộ');
    expect(describeSync(status({ state: 'syncing', pendingCount: 1200 })).text).toBe('Đang đồng bộ… · 1.200 chưa đồng bộ');
    expect(describeSync(status({ state: 'waiting', pendingCount: 5, nextAttemptAt: '2026-11-23T02:20:00.000Z' })).text).toBe(
      '5 chưa đồng bộ · thử lại lúc 09:20',
    );
    expect(describeSync(status({ state: 'stopped', pendingCount: 5 }))).toEqual({
      text: '5 chưa đồng bộ · Đồng bộ tạm dừng, xin báo cán bộ CNTT',
      tone: 'problem',
    });
  });

  it('asks the backend to sync when the network comes back', () => {
    const syncNow = vi.fn(() => ({ ok: true as const, data: status({}) }));
    function Probe() {
      useSyncWhenOnline();
      return null;
    }
    render(
      <KioskApiProvider api={fakeKioskApi({ syncNow })}>
        <Probe />
      </KioskApiProvider>,
    );
    window.dispatchEvent(new Event('online'));
    expect(syncNow).toHaveBeenCalledExactlyOnceWith({ reason: 'network-restored' });
  });
});
