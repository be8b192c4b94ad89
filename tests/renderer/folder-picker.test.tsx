// The native "Chọn thư mục" dialog is a shell-only capability: the button exists only when the
// Electron preload exposes it, fills the path in, and the chosen folder is still checked by the
// backend when used (here: the listing of importable files is asked for that exact path).
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { kioskError } from '../../shared/errors';
import { shellBridgeKey, type ShellBridge } from '../../shared/shell-bridge';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { ShellApiProvider } from '../../renderer/src/api/shell-api-context';
import { createShellClient, shellApiForThisWindow, type ShellApi } from '../../renderer/src/api/shell-client';
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

function renderUsbTab(shell: ShellApi | null, methods: FakeMethods = {}) {
  const listImportableFiles = vi.fn(() => ok([]));
  const api = fakeKioskApi({ listUsbFolders: () => ok([]), listImportableFiles, ...methods });
  render(
    <KioskApiProvider api={api}>
      <ShellApiProvider shell={shell}>{asStaff(<UsbTab />, itAdmin)}</ShellApiProvider>
    </KioskApiProvider>,
  );
  return { listImportableFiles };
}

/** A preload bridge answering each call with the next reply, recording what it was sent. */
function fakeBridge(...replies: unknown[]) {
  const sent: unknown[] = [];
  const bridge: ShellBridge = {
    chooseFolder: (input) => {
      sent.push(input);
      return Promise.resolve(replies.shift());
    },
  };
  return { bridge, sent };
}

const pathBox = () => screen.getByLabelText<HTMLInputElement>('Đường dẫn thư mục');
const dialogButton = () => screen.queryByRole('button', { name: 'Chọn thư mục' });

describe('folder picker: native dialog', () => {
  it('offers no dialog button in browser mode, and the typed path still works', async () => {
    const { listImportableFiles } = renderUsbTab(null);
    await settle();
    expect(dialogButton()).toBeNull();
    fireEvent.change(pathBox(), { target: { value: ' /media/it/USB ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Dùng thư mục này' }));
    await settle();
    expect(screen.getByTestId('chosen-folder')).toHaveTextContent('Đang chọn: /media/it/USB');
    expect(listImportableFiles).toHaveBeenCalledWith({ folder: '/media/it/USB' });
  });

  it('in Electron, fills the path the dialog chose and hands it to the backend to check', async () => {
    const { bridge, sent } = fakeBridge(ok({ path: STICK }));
    const { listImportableFiles } = renderUsbTab(createShellClient(bridge));
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
    const { bridge } = fakeBridge(ok({ path: STICK }));
    renderUsbTab(createShellClient(bridge), {
      listImportableFiles: () => ({ ok: false, error: kioskError('FOLDER_UNAVAILABLE', `Không có quyền đọc/ghi: ${STICK}`) }),
    });
    await settle();
    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(`Không có quyền đọc/ghi: ${STICK}`);
  });

  it('changes nothing when the dialog is cancelled, and says why when it fails', async () => {
    const { bridge } = fakeBridge({ ok: false, error: kioskError('CANCELLED') }, { ok: true, data: { path: '' } });
    const { listImportableFiles } = renderUsbTab(createShellClient(bridge));
    await settle();

    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(pathBox().value).toBe('');
    expect(screen.queryByTestId('chosen-folder')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    // A reply that does not match the shell bridge's schema (an empty path) is refused.
    fireEvent.click(dialogButton() as HTMLElement);
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(kioskError('INTERNAL').message);
    expect(screen.queryByTestId('chosen-folder')).toBeNull();
    expect(listImportableFiles).not.toHaveBeenCalled();
  });
});

describe('shell client', () => {
  it('is absent without the preload (browser mode) and present with it', async () => {
    expect(shellApiForThisWindow(window)).toBeNull();
    const { bridge } = fakeBridge(ok({ path: STICK }));
    const electronWindow = Object.assign(Object.create(window) as Window, { [shellBridgeKey]: bridge });
    expect(await shellApiForThisWindow(electronWindow)?.chooseFolder()).toEqual(ok({ path: STICK }));
  });

  it('turns a broken channel into UNAVAILABLE', async () => {
    const shell = createShellClient({ chooseFolder: () => Promise.reject(new Error('ipc closed')) });
    expect(await shell.chooseFolder()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
