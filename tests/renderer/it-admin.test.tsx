// The IT admin's screens with a fake backend: the settings form's own Vietnamese messages,
// the first-run setup, the export progress bar fed by pushed events, file imports.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import type { DeviceSettings } from '../../shared/device-settings';
import { defaultDossierSettings } from '../../shared/dossier-code';
import { kioskError } from '../../shared/errors';
import { defaultOpeningHours } from '../../shared/opening-hours';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { AuditLogScreen } from '../../renderer/src/it/AuditLogScreen';
import { DeviceSettingsScreen, SETUP_DONE } from '../../renderer/src/it/DeviceSettingsScreen';
import { ItHome } from '../../renderer/src/it/ItHome';
import { EXPORT_DONE, SyncFileExport } from '../../renderer/src/it/SyncFileExport';
import { UsbFilesScreen } from '../../renderer/src/it/UsbFilesScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, freshDeviceSettings, itAdminSession } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const itAdmin = itAdminSession();
const freshSettings = freshDeviceSettings();

function renderAs(node: ReactNode, methods: FakeMethods) {
  const api = fakeKioskApi(methods);
  render(<KioskApiProvider api={api}>{asStaff(node, itAdmin)}</KioskApiProvider>);
  return api;
}

const input = (label: RegExp | string) => screen.getByLabelText(label);
const type = (label: RegExp | string, value: string) => fireEvent.change(input(label), { target: { value } });

describe('device settings form', () => {
  it('shows a Vietnamese message under each bad field and sends nothing', async () => {
    const saveDeviceSettings = vi.fn();
    renderAs(<DeviceSettingsScreen />, { getDeviceSettings: () => ok(freshSettings), saveDeviceSettings });
    await settle();
    expect(screen.getByRole('heading', { name: 'Cài đặt lần đầu' })).toBeInTheDocument();
    type('Mã đơn vị', '000 00 21');
    type('Số quầy', '0');
    type('Thời gian lời cảm ơn (giây)', 'năm');
    type('Múi giờ', 'Asia/Sai_Gon');
    type('Mã lĩnh vực dòng 1', '');
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm lý do' }));
    type('Mã lý do dòng 2', 'cho-lau');
    fireEvent.click(screen.getByRole('radio', { name: /Có mạng/ }));
    type('Địa chỉ máy chủ trung tâm', 'ftp://trung-tam');
    type('Token thiết bị', 'ngan');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();

    expect(saveDeviceSettings).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Có giá trị chưa hợp lệ');
    for (const message of [
      'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _ (ví dụ 000.00.21.H56)',
      'Số quầy từ 1 đến 999',
      'Thời gian cảm ơn phải là một số',
      'Múi giờ không hợp lệ',
      'Mã lĩnh vực: chữ in hoa, số, - hoặc _',
      'Mã lý do bị trùng: CHO-LAU',
      'Địa chỉ máy chủ trung tâm phải bắt đầu bằng http:// hoặc https://',
      'Token thiết bị quá ngắn (ít nhất 16 ký tự)',
    ]) {
      expect(screen.getByText(message)).toBeInTheDocument();
    }
    expect(input('Mã đơn vị')).toHaveAttribute('aria-invalid', 'true');
    expect(input('Mã đơn vị')).toHaveAccessibleDescription('Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _ (ví dụ 000.00.21.H56)');
  });

  it('shows the burst limit next to the thank-you time, checks it, and sends it', async () => {
    const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...freshSettings, ...(sent as object), needsSetup: false } as DeviceSettings));
    renderAs(<DeviceSettingsScreen />, { getDeviceSettings: () => ok(freshSettings), saveDeviceSettings });
    await settle();
    expect(input('Số đánh giá tối đa trong một phút')).toHaveValue('6');
    type('Mã đơn vị', '000.00.21.H56');
    for (const [typed, message] of [
      ['1', 'Số đánh giá tối đa trong một phút từ 2 đến 60'],
      ['61', 'Số đánh giá tối đa trong một phút từ 2 đến 60'],
      ['sáu', 'Số đánh giá tối đa trong một phút phải là một số'],
    ] as const) {
      type('Số đánh giá tối đa trong một phút', typed);
      fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
      await settle();
      expect(input('Số đánh giá tối đa trong một phút')).toHaveAccessibleDescription(message);
    }
    expect(saveDeviceSettings).not.toHaveBeenCalled();
    type('Số đánh giá tối đa trong một phút', '10');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(saveDeviceSettings).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ thankYouSeconds: 5, burstMaxPerMinute: 10 }));
  });

  it('offers start at login as a switch, off by default, with the hint against a second launcher, and sends it', async () => {
    const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...freshSettings, ...(sent as object), needsSetup: false } as DeviceSettings));
    renderAs(<DeviceSettingsScreen />, { getDeviceSettings: () => ok(freshSettings), saveDeviceSettings });
    await settle();
    const toggle = screen.getByRole('switch', { name: 'Tự khởi động khi đăng nhập' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAccessibleDescription(
      'Chỉ bật trên máy không dùng Shell Launcher, Assigned Access hay cage (docs/deploy.md): những cách đó đã tự khởi động ứng dụng.',
    );
    type('Mã đơn vị', '000.00.21.H56');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(saveDeviceSettings).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ startAtLogin: true }));
    expect(screen.getByRole('switch', { name: 'Tự khởi động khi đăng nhập' })).toHaveAttribute('aria-checked', 'true');
  });

  it('asks for a token when the office has network and none is set', async () => {
    renderAs(<DeviceSettingsScreen />, { getDeviceSettings: () => ok(freshSettings), saveDeviceSettings: vi.fn() });
    await settle();
    type('Mã đơn vị', '000.00.21.H56');
    fireEvent.click(screen.getByRole('radio', { name: /Có mạng/ }));
    type('Địa chỉ máy chủ trung tâm', 'https://dvc.example.gov.vn');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(input('Token thiết bị')).toHaveAccessibleDescription(/^Cần token thiết bị để đồng bộ qua mạng/);
  });

  it('saves a first-run setup for an office without network, sending the typed values', async () => {
    const onSaved = vi.fn();
    const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...freshSettings, ...(sent as object), tokenSet: false, needsSetup: false } as DeviceSettings));
    renderAs(<DeviceSettingsScreen onSaved={onSaved} />, { getDeviceSettings: () => ok(freshSettings), saveDeviceSettings });
    await settle();
    type('Mã đơn vị', ' 000.00.21.H56 ');
    type('Tên cơ quan (hiện trên màn hình)', 'UBND xã Tân Lập');
    type('Số quầy', '3');
    fireEvent.click(screen.getByRole('radio', { name: /^4 mức/ }));
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm lĩnh vực' }));
    type('Mã lĩnh vực dòng 2', 'dat-dai');
    type('Tên lĩnh vực dòng 2', 'Đất đai');
    fireEvent.click(screen.getByRole('radio', { name: /Tiếng Việt và tiếng Anh/ }));
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm lý do' }));
    type('Mã lý do dòng 2', 'tre-hen');
    type('Lý do dòng 2', 'Trả kết quả trễ hẹn');
    // A new reason starts outside the survey's factors until IT places it.
    const factor = screen.getByRole('combobox', { name: 'Nhóm tiêu chí của lý do dòng 2' });
    expect(factor).toHaveDisplayValue('Chưa xếp nhóm tiêu chí');
    expect(screen.getByRole('combobox', { name: 'Nhóm tiêu chí của lý do dòng 1' })).toHaveDisplayValue('Tiếp cận dịch vụ');
    fireEvent.change(factor, { target: { value: 'result' } });
    expect(factor).toHaveDisplayValue('Kết quả giải quyết công việc');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(saveDeviceSettings).toHaveBeenCalledExactlyOnceWith({
      officeCode: ' 000.00.21.H56 ',
      officeName: 'UBND xã Tân Lập',
      counterNumber: 3,
      kioskLabel: null,
      scaleId: 'vn-4',
      timeZone: 'Asia/Ho_Chi_Minh',
      thankYouSeconds: 5,
      burstMaxPerMinute: 6,
      serviceAreas: [
        { code: 'HO-TICH', name: 'Hộ tịch', active: true },
        { code: 'DAT-DAI', name: 'Đất đai', active: true },
      ],
      languages: ['vi', 'en'],
      reasons: [
        { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access', reportPath: false },
        { code: 'TRE-HEN', label: 'Trả kết quả trễ hẹn', labelEn: null, factor: 'result', reportPath: false },
      ],
      startAtLogin: false,
      reportContact: { hotline: null, place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn', placeEn: null },
      dossier: { ...defaultDossierSettings },
      // Untouched: the hours the kiosk had (issue 15).
      openingHours: defaultOpeningHours,
      directoryPhotos: false,
      endpoint: null,
      deviceToken: null,
    });
    expect(screen.getByRole('status')).toHaveTextContent(SETUP_DONE);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ needsSetup: false }));
  });

  it('never shows a stored token, only that one is set, and shows the backend refusal with its detail', async () => {
    renderAs(<DeviceSettingsScreen />, {
      getDeviceSettings: () => ok({ ...freshSettings, officeCode: '000.00.21.H56', endpoint: 'https://dvc.example.gov.vn', tokenSet: true, needsSetup: false }),
      saveDeviceSettings: () => ({ ok: false, error: kioskError('INVALID_INPUT', '✖ Múi giờ không hợp lệ\n  → at timeZone') }),
    });
    await settle();
    expect(screen.getByText('Đã có token. Token không bao giờ được hiển thị lại.')).toBeInTheDocument();
    expect(input(/Token thiết bị mới/)).toHaveValue('');
    expect(input(/Token thiết bị mới/)).toHaveAttribute('type', 'password');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Dữ liệu gửi lên không hợp lệ.');
    expect(screen.getByRole('alert')).toHaveTextContent('Múi giờ không hợp lệ');
  });
});

describe('sync file export', () => {
  it('exports a date range when one is chosen, and only a valid one', async () => {
    const exportSyncFile = vi.fn(() => ({ ok: true as const, data: { fileName: 'f.hlsync', path: '/media/it/USB/f.hlsync', count: 3, reasonAnswerCount: 0, fileNumber: 2 } }));
    renderAs(<SyncFileExport folder="/media/it/USB" />, { exportSyncFile });
    fireEvent.click(screen.getByRole('radio', { name: /Theo khoảng/ }));
    const button = screen.getByRole('button', { name: 'Xuất tệp đồng bộ' });
    expect(button).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Từ ngày'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('Đến ngày'), { target: { value: '2026-11-01' } });
    expect(button).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Đến ngày'), { target: { value: '2026-11-23' } });
    fireEvent.click(button);
    await settle();
    expect(exportSyncFile).toHaveBeenCalledExactlyOnceWith({ folder: '/media/it/USB', range: { fromDay: '2026-11-20', toDay: '2026-11-23' } });
  });

  it('fills the progress bar from pushed events, then says the stick may be removed', async () => {
    let finish: (value: { ok: true; data: MethodOutput<'exportSyncFile'> }) => void = () => {};
    const exportSyncFile = vi.fn(() => new Promise<{ ok: true; data: MethodOutput<'exportSyncFile'> }>((resolve) => (finish = resolve)));
    const api = renderAs(<SyncFileExport folder="/media/it/USB" />, { exportSyncFile });
    fireEvent.click(screen.getByRole('button', { name: 'Xuất tệp đồng bộ' }));
    await settle();
    expect(exportSyncFile).toHaveBeenCalledExactlyOnceWith({ folder: '/media/it/USB' });
    expect(screen.getByRole('button', { name: 'Xuất tệp đồng bộ' })).toBeDisabled();
    const bar = screen.getByRole('progressbar', { name: 'Tiến độ xuất tệp đồng bộ' });
    expect(bar).not.toHaveAttribute('value');
    expect(screen.getByText('Đang chuẩn bị dữ liệu…')).toBeInTheDocument();

    act(() => api.push('syncFileExportProgress', { written: 0, total: 20000 }));
    act(() => api.push('syncFileExportProgress', { written: 8000, total: 20000 }));
    expect(bar).toHaveAttribute('value', '8000');
    expect(bar).toHaveAttribute('max', '20000');
    expect(screen.getByText('Đang ghi 8.000 / 20.000 đánh giá… Không rút USB.')).toBeInTheDocument();
    expect(screen.queryByText(EXPORT_DONE)).not.toBeInTheDocument();

    act(() => api.push('syncFileExportProgress', { written: 20000, total: 20000 }));
    await act(async () => finish({ ok: true, data: { fileName: '000.00.21.H56-q3-6f1c2a9e-f7-1-20000.hlsync', path: '/media/it/USB/x.hlsync', count: 20000, reasonAnswerCount: 412, fileNumber: 7 } }));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(EXPORT_DONE);
    expect(screen.getByRole('status')).toHaveTextContent('Tệp số 7: 000.00.21.H56-q3-6f1c2a9e-f7-1-20000.hlsync (20.000 đánh giá, 412 câu trả lời lý do).');
  });

  it('says calmly when there is nothing to export, and names a pulled stick', async () => {
    const replies = [kioskError('NOTHING_TO_EXPORT'), kioskError('FOLDER_UNAVAILABLE', 'Không tìm thấy (USB đã rút?): /media/it/USB')];
    renderAs(<SyncFileExport folder="/media/it/USB" />, { exportSyncFile: () => ({ ok: false, error: replies.shift() ?? kioskError('INTERNAL') }) });
    fireEvent.click(screen.getByRole('button', { name: 'Xuất tệp đồng bộ' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Không có đánh giá nào cần xuất');
    fireEvent.click(screen.getByRole('button', { name: 'Xuất tệp đồng bộ' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Không tìm thấy (USB đã rút?): /media/it/USB');
  });
});

describe('USB folder and imports', () => {
  it('lists the stick, shows a provisioning file’s central key to confirm, then applies it and reports what was applied', async () => {
    // A kiosk with no pinned central key: the first call only inspects (applied: false).
    const importProvisioningFile = vi.fn((input: unknown) =>
      ok({
        applied: (input as { confirmedFingerprint?: string }).confirmedFingerprint !== undefined,
        centralKeyFingerprint: '3F2A 9C41 77D0 B5E2 0C19',
        officeCode: '000.00.21.H99',
        officeName: 'UBND phường Bến Thành',
        counterNumber: 5,
        kioskLabel: 'Quầy 5 – Đất đai',
        scaleId: 'vn-3' as const,
        timeZone: 'Asia/Ho_Chi_Minh',
        endpoint: null,
        serviceAreaCount: 1,
        pinnedCentralKey: true,
      }),
    );
    const onProvisioned = vi.fn();
    let folder: string | null = null;
    const methods: FakeMethods = {
      listUsbFolders: () => ok([{ path: '/media/it/USB', source: 'removable' as const }]),
      listImportableFiles: () => ok([{ name: 'quay-5.hlprov', path: '/media/it/USB/quay-5.hlprov', kind: 'provisioning' as const, bytes: 912, modifiedAt: '2026-11-25T02:00:00.000Z' }]),
      importProvisioningFile,
    };
    const { rerender } = render(
      <KioskApiProvider api={fakeKioskApi(methods)}>{asStaff(<UsbFilesScreen folder={folder} onChooseFolder={(f) => (folder = f)} onProvisioned={onProvisioned} />, itAdmin)}</KioskApiProvider>,
    );
    await settle();
    fireEvent.click(screen.getByRole('radio', { name: /\/media\/it\/USB/ }));
    expect(folder).toBe('/media/it/USB');
    rerender(<KioskApiProvider api={fakeKioskApi(methods)}>{asStaff(<UsbFilesScreen folder={folder} onChooseFolder={(f) => (folder = f)} onProvisioned={onProvisioned} />, itAdmin)}</KioskApiProvider>);
    await settle();
    const row = screen.getByText('quay-5.hlprov').closest('li');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText('Tệp cấu hình')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Nhập quay-5.hlprov' }));
    await settle();
    expect(importProvisioningFile).toHaveBeenCalledExactlyOnceWith({ path: '/media/it/USB/quay-5.hlprov' });
    const dialog = screen.getByRole('dialog', { name: 'Xác nhận khóa máy chủ trung tâm' });
    expect(within(dialog).getByTestId('central-key-fingerprint')).toHaveTextContent('3F2A 9C41 77D0 B5E2 0C19');
    expect(dialog).toHaveTextContent('UBND phường Bến Thành (000.00.21.H99), quầy 5');
    expect(screen.queryByRole('status')).toBeNull();
    expect(onProvisioned).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Dấu vân tay giống hệt: áp dụng cấu hình' }));
    await settle();
    expect(importProvisioningFile).toHaveBeenLastCalledWith({ path: '/media/it/USB/quay-5.hlprov', confirmedFingerprint: '3F2A 9C41 77D0 B5E2 0C19' });
    expect(screen.queryByRole('dialog')).toBeNull();
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Đã áp dụng cấu hình: UBND phường Bến Thành (000.00.21.H99), quầy 5 – Quầy 5 – Đất đai.');
    expect(status).toHaveTextContent('hãy xóa tệp khỏi USB sau khi dùng');
    expect(onProvisioned).toHaveBeenCalledOnce();
  });
});

describe('IT home', () => {
  it('opens on the setup screen on first run, and on the status when set up', async () => {
    renderAs(<ItHome />, { getSetupState: () => ok({ needsSetup: true }), getDeviceSettings: () => ok(freshSettings) });
    await settle();
    expect(screen.getByRole('tab', { name: 'Cài đặt thiết bị' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText(/Máy đánh giá chưa được cài đặt/)).toBeInTheDocument();
    for (const name of ['Tệp đồng bộ (USB)', 'Trạng thái & chẩn đoán', 'Nhật ký thay đổi']) expect(screen.getByRole('tab', { name })).toBeInTheDocument();
  });
});

describe('audit log', () => {
  it('shows the settings changes and, below, every PIN event in words (never a PIN)', async () => {
    renderAs(<AuditLogScreen />, {
      listSettingsAudit: () => ok([]),
      listPinAudit: () =>
        ok([
          { id: 4, at: '2026-11-29T03:00:00.000Z', event: 'reset' as const, account: { kind: 'role' as const, role: 'it-admin' as const }, failures: null, retryAt: null, actorName: 'Trưởng bộ phận', via: 'pin-reset-file' as const },
          {
            id: 3,
            at: '2026-11-29T02:00:00.000Z',
            event: 'locked' as const,
            account: { kind: 'role' as const, role: 'it-admin' as const },
            failures: 5,
            retryAt: '2026-11-29T02:01:00.000Z',
            actorName: null,
            via: 'staff-area' as const,
          },
          { id: 2, at: '2026-11-28T02:00:00.000Z', event: 'default-pin-ended' as const, account: { kind: 'role' as const, role: 'section-head' as const }, failures: null, retryAt: null, actorName: 'Cán bộ CNTT', via: 'setup-screen' as const },
          { id: 1, at: '2026-11-28T01:00:00.000Z', event: 'locked' as const, account: { kind: 'officer' as const, officerName: null }, failures: 6, retryAt: '2026-11-28T01:02:00.000Z', actorName: null, via: 'staff-area' as const },
        ]),
    });
    await settle();
    expect(screen.getByText('Chưa có thay đổi nào.')).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Sự kiện mã PIN' })).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual([
      '10:00:00 29/11/2026Cán bộ CNTTĐặt lại mã PIN (mã dùng một lần)Trưởng bộ phận · tệp đặt lại mã PIN',
      '09:00:00 29/11/2026Cán bộ CNTTKhóa tạm sau 5 lần nhập sai, đến 09:01:00 29/11/2026Người đứng tại máy · khu vực cán bộ',
      '09:00:00 28/11/2026Trưởng bộ phậnMã PIN mặc định 123456 đã bị xóaCán bộ CNTT · màn hình cài đặt',
      '08:00:00 28/11/2026Cán bộ (không còn trên máy)Khóa tạm sau 6 lần nhập sai, đến 08:02:00 28/11/2026Người đứng tại máy · khu vực cán bộ',
    ]);
  });
});
