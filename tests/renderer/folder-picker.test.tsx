// The native "Chọn thư mục" dialog is the contract's `chooseFolder` (host: 'electron'): the button
// exists only when the page's host is Electron (its preload says so), fills the path in, and the
// chosen folder is still checked by the backend when used (here: the listing of importable files
// is asked for that exact path). Browser mode's host would answer NOT_SUPPORTED: no button.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { kioskError } from '../../shared/errors';
import { bridgeKey, methodNames, type HostKind, type KioskBridge, type MethodOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { createKioskClient, ipcTransport } from '../../renderer/src/api/kiosk-client';
import { HostProvider, hostForThisWindow } from '../../renderer/src/api/host-context';
import { UsbFilesScreen } from '../../renderer/src/it/UsbFilesScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, session } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const itAdmin = session({ role: 'it-admin', officerId: null, displayName: 'Cán bộ CNTT' });
const STICK = 'E:\\Hai Long\\Quầy 5';

/** The USB tab with its folder kept in state, as ItHome does. */
function UsbTab() {
  const [folder, setFolder] = useState<string | null>(null);
  return <UsbFilesScreen folder={folder} onChooseFolder={setFolder} />;
}

function renderUsbTab(host: HostKind, methods: FakeMethods = {}) {
  const listImportableFiles = vi.fn(() => ok([]));
  const api = fakeKioskApi({ listUsbFolders: () => ok([]), listImportableFiles, ...methods });
  render(
    <KioskApiProvider api={api}>
      <HostProvider host={host}>{asStaff(<UsbTab />, itAdmin)}</HostProvider>
    </KioskApiProvider>,
  );
  return { listImportableFiles };
}

/** chooseFolder answering each call with the next reply (parsed by the client), recording what it was sent. */
function fakeChooseFolder(...replies: unknown[]) {
  const sent: unknown[] = [];
  const chooseFolder = (input: unknown) => {
    sent.push(input);
    return replies.shift() as Result<MethodOutput<'chooseFolder'>>;
  };
  return { chooseFolder, sent };
}

const pathBox = () => screen.getByLabelText<HTMLInputElement>('Đường dẫn thư mục');
const dialogButton = () => screen.queryByRole('button', { name: 'Chọn thư mục' });

describe('folder picker: native dialog', () => {
  it('offers no dialog button in browser mode, and the typed path still works', async () => {
    const chooseFolder = vi.fn();
    const { listImportableFiles } = renderUsbTab('browser', { chooseFolder });
    await settle();
    expect(dialogButton()).toBeNull();
    fireEvent.change(pathBox(), { target: { value: ' /media/it/USB ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Dùng thư mục này' }));
    await settle();
    expect(screen.getByTestId('chosen-folder')).toHaveTextContent('Đang chọn: /media/it/USB');
    expect(listImportableFiles).toHaveBeenCalledWith({ folder: '/media/it/USB' });
    expect(chooseFolder).not.toHaveBeenCalled();
  });

  it('in Electron, fills the path the dialog chose and hands it to the backend to check', async () => {
    const { chooseFolder, sent } = fakeChooseFolder(ok({ path: STICK }));
    const { listImportableFiles } = renderUsbTab('electron', { chooseFolder });
    await settle();
    expect(listImportableFiles).not.toHaveBeenCalled();

    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(sent).toEqual([{}]);
    expect(pathBox().value).toBe(STICK);
    expect(screen.getByTestId('chosen-folder')).toHaveTextContent(`Đang chọn: ${STICK}`);
    expect(listImportableFiles).toHaveBeenCalledExactlyOnceWith({ folder: STICK });
  });

  it("shows the backend's refusal of the chosen folder like any other", async () => {
    const { chooseFolder } = fakeChooseFolder(ok({ path: STICK }));
    renderUsbTab('electron', {
      chooseFolder,
      listImportableFiles: () => ({ ok: false, error: kioskError('FOLDER_UNAVAILABLE', `Không có quyền đọc/ghi: ${STICK}`) }),
    });
    await settle();
    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(`Không có quyền đọc/ghi: ${STICK}`);
  });

  it('changes nothing when the dialog is cancelled, and says why when it fails', async () => {
    const { chooseFolder } = fakeChooseFolder({ ok: false, error: kioskError('CANCELLED') }, { ok: true, data: { path: '' } });
    const { listImportableFiles } = renderUsbTab('electron', { chooseFolder });
    await settle();

    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(pathBox().value).toBe('');
    expect(screen.queryByTestId('chosen-folder')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    // A reply that does not match the contract's schema (an empty path) is refused.
    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(kioskError('INTERNAL').message);
    expect(screen.queryByTestId('chosen-folder')).toBeNull();
    expect(listImportableFiles).not.toHaveBeenCalled();
  });
});

describe('which host serves the page', () => {
  it('is browser mode without the preload, Electron with it (the preload says so)', () => {
    expect(hostForThisWindow(window)).toBe('browser');
    const bridge = { ...Object.fromEntries(methodNames.map((name) => [name, () => Promise.resolve(ok({}))])), onEvent: () => () => {}, host: 'electron' } as unknown as KioskBridge;
    const electronWindow = Object.assign(Object.create(window) as Window, { [bridgeKey]: bridge });
    expect(hostForThisWindow(electronWindow)).toBe('electron');
  });

  it('chooseFolder goes through the contract client, which turns a broken channel into UNAVAILABLE', async () => {
    const sent: unknown[] = [];
    const bridge = {
      ...Object.fromEntries(methodNames.map((name) => [name, () => Promise.reject(new Error('ipc closed'))])),
      chooseFolder: (input: unknown) => (sent.push(input), Promise.resolve(ok({ path: STICK }))),
      onEvent: () => () => {},
      host: 'electron',
    } as unknown as KioskBridge;
    const api = createKioskClient(ipcTransport(bridge));
    expect(await api.chooseFolder({})).toEqual(ok({ path: STICK }));
    expect(sent).toEqual([{}]);
    const broken = createKioskClient(ipcTransport({ ...bridge, chooseFolder: () => Promise.reject(new Error('ipc closed')) }));
    expect(await broken.chooseFolder({})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
