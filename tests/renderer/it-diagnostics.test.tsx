// The diagnostics screen's storage lines (issue 12): the space logs, snapshots and quarantine
// take, the newest snapshot's time, the storage incidents, and an integrity check that reports
// damage as damage.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../shared/contract/it-admin';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DiagnosticsScreen } from '../../renderer/src/it/DiagnosticsScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, itAdminSession } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});

const diagnostics: Diagnostics = {
  appVersion: '1.2.3',
  deviceId: '01900000-0000-7000-8000-000000000001',
  publicKey: 'AAAA',
  publicKeyFingerprint: 'ABCD-EFGH',
  officeCode: '000.00.21.H56',
  officeName: 'UBND xã Tân Lập',
  counterNumber: 3,
  needsSetup: false,
  endpoint: null,
  tokenSet: false,
  clock: '2026-11-25T10:00:00.000+07:00',
  timeZone: 'Asia/Ho_Chi_Minh',
  ratingsCount: 12,
  pendingCount: 0,
  pendingReasonAnswers: 0,
  oldestPendingAt: null,
  quarantinedCount: 0,
  syncState: 'not-configured',
  lastSyncSuccessAt: null,
  lastSyncProblem: null,
  lastExportAt: null,
  lastFileNumber: 0,
  lastAckAt: null,
  databaseBytes: 3 * 1024 * 1024,
  freeDiskBytes: 20 * 1024 ** 3,
  logsBytes: 12 * 1024 * 1024,
  snapshotsBytes: 15 * 1024 * 1024,
  quarantineBytes: 0,
  newestSnapshotAt: '2026-11-25T02:00:00.000Z',
  storageIncidents: [],
  dataDir: '/var/lib/hai-long',
  recentErrors: [],
};

function renderScreen(methods: FakeMethods) {
  render(<KioskApiProvider api={fakeKioskApi(methods)}>{asStaff(<DiagnosticsScreen folder={null} onChooseFolder={() => {}} />, itAdminSession())}</KioskApiProvider>);
}

const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('diagnostics storage lines', () => {
  it('shows the space of logs, snapshots and quarantine and the newest snapshot in local time', async () => {
    renderScreen({ getDiagnostics: () => ok(diagnostics) });
    await settle();
    expect(fact('Nhật ký (log)')).toMatch(/^12\s?MB$/);
    expect(fact('Bản sao lưu')).toMatch(/^15\s?MB$/);
    expect(fact('Bản sao lưu gần nhất')).toContain('09:00');
    expect(fact('CSDL hỏng đã cách ly')).toMatch(/^0\s?byte$/);
  });

  it('before the first snapshot, shows a dash', async () => {
    renderScreen({ getDiagnostics: () => ok({ ...diagnostics, snapshotsBytes: 0, newestSnapshotAt: null }) });
    await settle();
    expect(fact('Bản sao lưu gần nhất')).toBe('—');
  });

  it('reports a damaged database as damaged', async () => {
    renderScreen({
      getDiagnostics: () => ok(diagnostics),
      runIntegrityCheck: () => ok({ ok: false, result: ['sqlite-corrupt: database disk image is malformed'] }),
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra CSDL' }));
    await settle();
    expect(screen.getByText('Cơ sở dữ liệu có lỗi:')).toBeInTheDocument();
    expect(screen.getByText('sqlite-corrupt: database disk image is malformed')).toBeInTheDocument();
  });
});

describe('storage incidents', () => {
  it('none: says so', async () => {
    renderScreen({ getDiagnostics: () => ok(diagnostics) });
    await settle();
    expect(screen.getByText('Chưa có sự cố nào.')).toBeInTheDocument();
  });

  it('a rebuild and a lost WAL: what happened, when, what was declared lost, whether central was told', async () => {
    const storageIncidents: Diagnostics['storageIncidents'] = [
      {
        id: '01900000-0000-7000-8000-0000000000f2',
        kind: 'wal-lost',
        detectedAt: '2026-11-25T03:00:00.000+07:00',
        detail: 'Tệp -wal biến mất khi máy đang chạy; đã mở lại.',
        lostSeqRanges: [],
        lostChainRanges: [],
        sentAt: null,
      },
      {
        id: '01900000-0000-7000-8000-0000000000f1',
        kind: 'database-rebuilt',
        detectedAt: '2026-11-24T08:00:00.000+07:00',
        detail: 'Dựng lại từ bản sao lưu 2026-11-24T00:00Z, 12 bản ghi từ nhật ký chạm.',
        lostSeqRanges: [{ from: 41, to: 42 }],
        lostChainRanges: [{ from: 57, to: 57 }],
        sentAt: '2026-11-24T01:05:00.000Z',
      },
    ];
    renderScreen({ getDiagnostics: () => ok({ ...diagnostics, storageIncidents }) });
    await settle();
    const items = within(screen.getByRole('list', { name: 'Sự cố lưu trữ' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toContain('Mất tệp nhật ký ghi (-wal) khi máy đang chạy');
    expect(items[0]).toContain('Không mất đánh giá nào. Chưa báo về máy chủ trung tâm.');
    expect(items[1]).toContain('Cơ sở dữ liệu hỏng, đã được dựng lại');
    expect(items[1]).toContain('Khai báo mất: đánh giá số 41–42; vị trí chuỗi 57.');
    expect(items[1]).toContain('Đã báo về máy chủ trung tâm (08:05');
  });
});
