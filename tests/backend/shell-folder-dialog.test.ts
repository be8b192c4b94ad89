// The native folder dialog (a shell-only capability) without the Electron binary, which cannot
// run here: the dialog is a recorder typed against the part of Electron's API the shell uses,
// and the IPC binding is checked like the contract's (own page only, input and output parsed).
import type { BrowserWindow, IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { shellCapabilityNames, shellChannel, type ShellHandlers } from '../../shared/shell-bridge';
import { chooseFolderHandler, type FolderDialog } from '../../electron/shell/folder-dialog';
import { bindShellToIpc, type IpcRegistrar } from '../../electron/shell/ipc-binding';
import { KioskFailure } from '../../electron/backend/dispatch';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession } from '../support/it-admin-fixture';
import { sectionHeadSession } from '../support/staff-fixture';

const win = { id: 1 } as BrowserWindow;

/** Records every call and answers with the next reply. */
function recordingDialog(...replies: OpenDialogReturnValue[]) {
  const calls: { win: BrowserWindow; options: OpenDialogOptions }[] = [];
  const dialog: FolderDialog = {
    showOpenDialog: (w, options) => {
      calls.push({ win: w, options });
      return Promise.resolve(replies.shift() ?? { canceled: true, filePaths: [] });
    },
  };
  return { dialog, calls };
}

describe('folder dialog', () => {
  it('opens a directory dialog on the kiosk window and answers the chosen path', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    itAdminSession(backend);
    const { dialog, calls } = recordingDialog({ canceled: false, filePaths: ['/media/it/USB'] });
    expect(await chooseFolderHandler(win, dialog, backend.staff)()).toEqual({ path: '/media/it/USB' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.win).toBe(win);
    expect(calls[0]?.options.properties).toEqual(['openDirectory', 'createDirectory']);
    expect(calls[0]?.options.title).toBe('Chọn thư mục USB');
  });

  it('answers CANCELLED when the dialog is closed without a folder', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    itAdminSession(backend);
    const { dialog } = recordingDialog({ canceled: true, filePaths: [] }, { canceled: false, filePaths: [] });
    const choose = chooseFolderHandler(win, dialog, backend.staff);
    await expect(choose()).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(choose()).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('never opens for anyone but a signed-in IT admin', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const { dialog, calls } = recordingDialog({ canceled: false, filePaths: ['/'] });
    const choose = chooseFolderHandler(win, dialog, backend.staff);
    await expect(choose()).rejects.toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    sectionHeadSession(backend);
    await expect(choose()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(calls).toEqual([]);
  });
});

describe('shell IPC binding', () => {
  const trusted = { senderFrame: { url: 'file:///app/index.html' } } as IpcMainInvokeEvent;
  const stranger = { senderFrame: { url: 'https://evil.example/' } } as IpcMainInvokeEvent;

  function bind(chooseFolder: ShellHandlers['chooseFolder']) {
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipc: IpcRegistrar = { handle: (channel, listener) => void registered.set(channel, listener) };
    const { log, lines } = capturingLogger();
    bindShellToIpc(ipc, { chooseFolder }, log, (e) => e === trusted);
    return { registered, lines, call: (event: IpcMainInvokeEvent, input: unknown) => registered.get(shellChannel('chooseFolder'))?.(event, input) };
  }

  it('registers one channel per capability, for our own page only, input checked', async () => {
    let opened = 0;
    const { registered, call } = bind(() => Promise.resolve({ path: `/media/it/USB${++opened}` }));
    expect([...registered.keys()]).toEqual(shellCapabilityNames.map(shellChannel));
    expect(await call(trusted, {})).toEqual({ ok: true, data: { path: '/media/it/USB1' } });
    expect(await call(trusted, undefined)).toEqual({ ok: true, data: { path: '/media/it/USB2' } });
    expect(await call(stranger, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(trusted, { defaultPath: '/etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(opened).toBe(2);
  });

  it('sends expected failures as data and a bug as INTERNAL, logged, without its stack', async () => {
    expect(await bind(() => Promise.reject(new KioskFailure('CANCELLED'))).call(trusted, {})).toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'Đã hủy.' },
    });
    const broken = bind(() => Promise.reject(new Error('secret stack detail')));
    const reply = await broken.call(trusted, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack detail');
    expect(broken.lines().filter((l) => l.msg === 'shell call failed')).toHaveLength(1);
    // An answer outside the schema (an empty path) never reaches the page as a path.
    expect(await bind(() => Promise.resolve({ path: '' })).call(trusted, {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
