// The diagnostics screen's storage lines (issue 12): the space logs, snapshots and quarantine
// take, the newest snapshot's time, and an integrity check that reports damage as damage.
import { act, fireEvent, render, screen } from '@testing-library/react';
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
