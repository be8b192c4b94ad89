// The section head's "Đặt lại mã PIN bằng tệp" page (issue 10): the stick's folder, only PIN
// reset files listed, one tap imports central's file, and a refusal says why in Vietnamese.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kioskError } from '../../shared/errors';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { StaffHome } from '../../renderer/src/staff/StaffHome';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, session } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const sectionHead = session({ role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận' });
const resetFile = { name: 'quay-3.hlreset', path: '/media/usb/quay-3.hlreset', kind: 'pin-reset' as const, bytes: 600, modifiedAt: '2026-11-29T02:00:00.000Z' };

async function openPage(methods: FakeMethods) {
  render(<KioskApiProvider api={fakeKioskApi(methods)}>{asStaff(<StaffHome />, sectionHead)}</KioskApiProvider>);
  await settle();
  fireEvent.click(screen.getByRole('button', { name: 'Đặt lại mã PIN bằng tệp' }));
  await settle();
  fireEvent.click(screen.getByRole('radio', { name: /\/media\/usb/ }));
  await settle();
}

afterEach(cleanup);

describe('PIN reset file, from the section head’s home', () => {
  it('lists only reset files and imports one: the IT admin’s PIN is reset, the stick copy is to be deleted', async () => {
    const listImportableFiles = vi.fn(() => ok([resetFile]));
    const importPinResetFile = vi.fn(() => ok({ role: 'it-admin' as const }));
    await openPage({ listUsbFolders: () => ok([{ path: '/media/usb', source: 'removable' as const }]), listImportableFiles, importPinResetFile });
    expect(listImportableFiles).toHaveBeenCalledWith({ folder: '/media/usb', kinds: ['pin-reset'] });
    expect(screen.getByText('Tệp đặt lại mã PIN')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Nhập quay-3.hlreset' }));
    await settle();
    expect(importPinResetFile).toHaveBeenCalledExactlyOnceWith({ path: '/media/usb/quay-3.hlreset' });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Đã đặt lại mã PIN của Cán bộ CNTT.');
    expect(status).toHaveTextContent('mã dùng một lần do máy chủ trung tâm cung cấp');
    expect(status).toHaveTextContent('hãy xóa tệp khỏi USB');
  });

  it('says why a file was refused (used before) and that the folder has none', async () => {
    const detail = 'RESET_FILE_USED: Tệp đặt lại mã PIN này đã được dùng; mỗi tệp chỉ dùng được một lần.';
    await openPage({
      listUsbFolders: () => ok([{ path: '/media/usb', source: 'removable' as const }]),
      listImportableFiles: () => ok([resetFile]),
      importPinResetFile: () => ({ ok: false, error: kioskError('FILE_REJECTED', detail) }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Nhập quay-3.hlreset' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('chỉ dùng được một lần');
    cleanup();
    await openPage({ listUsbFolders: () => ok([{ path: '/media/usb', source: 'removable' as const }]), listImportableFiles: () => ok([]) });
    expect(screen.getByText('Không có tệp đặt lại mã pin trong thư mục này.')).toBeInTheDocument();
  });
});
