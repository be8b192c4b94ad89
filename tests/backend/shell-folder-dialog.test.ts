// The native folder dialog, the contract's `chooseFolder` (host: 'electron', access it-admin),
// without the Electron binary, which cannot run here: the dialog is a recorder typed against the
// part of Electron's API the shell uses, and the shell's endpoint is the one its main builds
// (the backend's handlers plus the shell's), bound to IPC like every method — own page only,
// access checked by dispatch, input and output parsed. Browser mode has no such handler: its
// host answers NOT_SUPPORTED.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { ipcChannel, type ElectronHandlers } from '../../shared/contract';
import { chooseFolderHandler, type FolderDialog } from '../../electron/shell/folder-dialog';
import { bindContractToIpc, type IpcRegistrar } from '../../electron/shell/ipc-binding';
import { KioskFailure } from '../../electron/backend/dispatch';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import type { Logger } from '../../electron/backend/logger';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession } from '../support/it-admin-fixture';
import { sectionHeadSession } from '../support/staff-fixture';

const win = { id: 1 } as BrowserWindow;
const trusted = { senderFrame: { url: 'file:///app/index.html' } } as IpcMainInvokeEvent;
const stranger = { senderFrame: { url: 'https://evil.example/' } } as IpcMainInvokeEvent;

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

/** The shell's IPC, as electron/shell/main.ts binds it: the backend's handlers plus chooseFolder. */
function bindShell(backend: KioskBackend, chooseFolder: ElectronHandlers['chooseFolder'], log: Logger = backend.context.log) {
  const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcRegistrar = { handle: (channel, listener) => void registered.set(channel, listener) };
  const savePdfReport: ElectronHandlers['savePdfReport'] = () => ({ path: '/tmp/bao-cao.pdf' });
  bindContractToIpc(ipc, { ...backend.endpoint, log, handlers: { ...backend.handlers, savePdfReport, chooseFolder } }, (e) => e === trusted);
  return { registered, call: (event: IpcMainInvokeEvent, input: unknown) => registered.get(ipcChannel('chooseFolder'))?.(event, input) };
}

describe('folder dialog', () => {
  it('opens a directory dialog on the kiosk window and answers the chosen path', async () => {
    const { dialog, calls } = recordingDialog({ canceled: false, filePaths: ['/media/it/USB'] });
    expect(await chooseFolderHandler(win, dialog)({})).toEqual({ path: '/media/it/USB' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.win).toBe(win);
    expect(calls[0]?.options.properties).toEqual(['openDirectory', 'createDirectory']);
    expect(calls[0]?.options.title).toBe('Chọn thư mục USB');
  });

  it('answers CANCELLED when the dialog is closed without a folder', async () => {
    const { dialog } = recordingDialog({ canceled: true, filePaths: [] }, { canceled: false, filePaths: [] });
    const choose = chooseFolderHandler(win, dialog);
    await expect(choose({})).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(choose({})).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('never opens for a citizen or an officer, only for the IT admin or the section head (a PIN reset file); dispatch checks its declared access', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const { dialog, calls } = recordingDialog({ canceled: false, filePaths: ['/'] }, { canceled: false, filePaths: ['/'] });
    const { call } = bindShell(backend, chooseFolderHandler(win, dialog));
    expect(await call(trusted, {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    const officerId = '01900000-0000-7000-8000-0000000000aa';
    backend.staff.open({ subject: { kind: 'officer', officerId }, role: 'officer', officerId, displayName: 'Lan', mustChangePin: false });
    expect(await call(trusted, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
    sectionHeadSession(backend);
    expect(await call(trusted, {})).toEqual({ ok: true, data: { path: '/' } });
    itAdminSession(backend);
    expect(await call(trusted, {})).toEqual({ ok: true, data: { path: '/' } });
    expect(calls).toHaveLength(2);
  });
});

describe('chooseFolder over the shell IPC binding', () => {
  it('is one channel among the contract methods, for our own page only, input checked', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    itAdminSession(backend);
    let opened = 0;
    const { registered, call } = bindShell(backend, () => Promise.resolve({ path: `/media/it/USB${++opened}` }));
    expect(registered.has(ipcChannel('chooseFolder'))).toBe(true);
    expect(await call(trusted, {})).toEqual({ ok: true, data: { path: '/media/it/USB1' } });
    expect(await call(trusted, undefined)).toEqual({ ok: true, data: { path: '/media/it/USB2' } });
    expect(await call(stranger, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(trusted, { defaultPath: '/etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(opened).toBe(2);
  });

  it('sends expected failures as data and a bug as INTERNAL, logged, without its stack', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    itAdminSession(backend);
    expect(await bindShell(backend, () => Promise.reject(new KioskFailure('CANCELLED'))).call(trusted, {})).toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'Đã hủy.' },
    });
    const { log, lines } = capturingLogger();
    const broken = bindShell(backend, () => Promise.reject(new Error('secret stack detail')), log);
    const reply = await broken.call(trusted, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack detail');
    expect(lines().filter((l) => l.msg === 'contract call failed' && l.method === 'chooseFolder')).toHaveLength(1);
    // An answer outside the schema (an empty path) never reaches the page as a path.
    expect(await bindShell(backend, () => Promise.resolve({ path: '' })).call(trusted, {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('browser mode', () => {
  let host: BrowserHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('answers chooseFolder and savePdfReport NOT_SUPPORTED (after access), generically from the contract', async () => {
    const dataDir = tempDataDir();
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const backend = openTestBackend({ dataDir });
    host = await startBrowserHost({ endpoint: backend.endpoint, subscribe: backend.events.subscribe, log: backend.context.log, rendererDir, port: 0, token: 'test-token' });
    const post = async (name: string, input: unknown) => {
      const response = await fetch(new URL(`/api/${name}`, host?.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer test-token' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as unknown;
    };
    expect(await post('chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    itAdminSession(backend);
    expect(await post('chooseFolder', {})).toEqual({ ok: false, error: { code: 'NOT_SUPPORTED', message: 'Chức năng này không có ở chế độ hiện tại.' } });
    sectionHeadSession(backend);
    expect(await post('savePdfReport', { fileName: 'bao-cao.pdf' })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
  });
});
