import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../shared/contract';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { describeSync, STALE_DAYS, SyncStatusLine } from '../../renderer/src/sync/SyncStatusLine';
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

  // 10:00 in Vietnam on 23/11/2026.
  const NOW = new Date('2026-11-23T03:00:00.000Z');
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

  it('describes every state of a networked office in Vietnamese, neutral while all is well', () => {
    const at = (patch: Partial<SyncStatus>) => describeSync(status({ endpointConfigured: true, oldestPendingAt: hoursAgo(2), ...patch }), NOW);
    expect(at({ state: 'idle', pendingCount: 0, oldestPendingAt: null })).toEqual({ text: 'Đã đồng bộ', tone: 'ok' });
    expect(at({ state: 'syncing', pendingCount: 1200 })).toEqual({ text: 'Đang đồng bộ… · 1.200 chưa đồng bộ', tone: 'ok' });
    expect(at({ state: 'waiting', pendingCount: 5, nextAttemptAt: '2026-11-23T02:20:00.000Z' })).toEqual({ text: '5 chưa đồng bộ · thử lại lúc 09:20', tone: 'ok' });
    expect(at({ state: 'idle', pendingCount: 2 })).toEqual({ text: '2 chưa đồng bộ', tone: 'ok' });
    // Staff must act: central refused the kiosk, or the endpoint has no token.
    expect(at({ state: 'stopped', pendingCount: 5 })).toEqual({ text: '5 chưa đồng bộ · Đồng bộ tạm dừng, xin báo cán bộ CNTT', tone: 'attention' });
    expect(at({ state: 'not-configured', pendingCount: 2 })).toEqual({
      text: 'Chưa có mã thiết bị cho máy chủ trung tâm, xin báo cán bộ CNTT · 2 chưa đồng bộ',
      tone: 'attention',
    });
  });

  it(`turns amber when ratings have waited ${STALE_DAYS} days with neither a sync nor a USB export (issue 14)`, () => {
    const waiting = { endpointConfigured: true, state: 'waiting' as const, pendingCount: 40, nextAttemptAt: '2026-11-23T02:20:00.000Z' };
    expect(describeSync(status({ ...waiting, oldestPendingAt: hoursAgo(71) }), NOW).tone).toBe('ok');
    expect(describeSync(status({ ...waiting, oldestPendingAt: hoursAgo(73) }), NOW)).toEqual({
      text: '40 chưa đồng bộ · thử lại lúc 09:20 · quá 3 ngày chưa gửi được, xin báo cán bộ CNTT',
      tone: 'attention',
    });
    // A USB export within the last three days counts as sent.
    expect(describeSync(status({ ...waiting, oldestPendingAt: hoursAgo(100), lastExportAt: hoursAgo(20) }), NOW).tone).toBe('ok');
  });

  it('in an office without network speaks of USB export, never of a missing connection (issue 14)', () => {
    const usb = (patch: Partial<SyncStatus>) => describeSync(status({ state: 'not-configured', endpointConfigured: false, ...patch }), NOW);
    expect(usb({ pendingCount: 12, oldestPendingAt: hoursAgo(30), lastExportAt: '2026-11-21T09:30:00.000Z' })).toEqual({
      text: 'Xuất tệp USB lần cuối 16:30 21/11/2026 · 12 chưa đồng bộ',
      tone: 'ok',
    });
    expect(usb({ pendingCount: 0, lastExportAt: '2026-11-21T09:30:00.000Z' })).toEqual({ text: 'Xuất tệp USB lần cuối 16:30 21/11/2026 · Đã đồng bộ', tone: 'ok' });
    expect(usb({ pendingCount: 0, lastExportAt: null })).toEqual({ text: 'Không có đánh giá chờ xuất tệp USB', tone: 'ok' });
    expect(usb({ pendingCount: 3, oldestPendingAt: hoursAgo(5), lastExportAt: null })).toEqual({ text: 'Chưa xuất tệp USB lần nào · 3 chưa đồng bộ', tone: 'ok' });
    expect(usb({ pendingCount: 80, oldestPendingAt: hoursAgo(24 * 5), lastExportAt: hoursAgo(24 * 4) })).toEqual({
      text: `Xuất tệp USB lần cuối ${'10:00 19/11/2026'} · 80 chưa đồng bộ, xin xuất tệp đồng bộ`,
      tone: 'attention',
    });
    for (const line of [usb({ pendingCount: 3, oldestPendingAt: hoursAgo(5) }), usb({ pendingCount: 80, oldestPendingAt: hoursAgo(200) })]) {
      expect(line.text).not.toMatch(/kết nối|máy chủ/);
    }
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
