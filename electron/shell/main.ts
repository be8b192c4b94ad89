// The Electron shell: lifecycle, the window, the IPC binding. Everything else is the plain-Node
// backend, which this file only opens and closes.
import { app, dialog, ipcMain, safeStorage } from 'electron';
import { parseArgs } from 'node:util';
import { eventChannel, type ElectronHandlers } from '../../shared/contract';
import { resolveDataDir } from '../backend/data-dir';
import { startKioskService } from '../backend/kiosk-service';
import { chooseFolderHandler } from './folder-dialog';
import { bindContractToIpc } from './ipc-binding';
import { pdfReportHandler } from './pdf-report';
import { sealedSecretStore } from './sealed-secret-store';
import { bundlePaths, createKioskWindow, isOwnPage } from './kiosk-window';

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Chromium's own widgets (date inputs, number formats) follow the app locale, not the page's
  // lang: officials read dd/mm/yyyy. Must be set before 'ready'.
  app.commandLine.appendSwitch('lang', 'vi');
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { 'data-dir': { type: 'string' }, windowed: { type: 'boolean' } },
    strict: false,
  });
  const flag = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const dataDir = resolveDataDir({ flag, env: process.env, userDataDir: app.getPath('userData') });

  void app.whenReady().then(() => {
    // Never a modal and an exit: a storage that cannot be opened puts the window's citizen screen
    // out of service, and the service retries until it opens (kiosk-service.ts), as in browser mode.
    const backend = startKioskService({ dataDir, appVersion: app.getVersion(), secrets: sealedSecretStore(dataDir, safeStorage) });
    const paths = bundlePaths(__dirname);
    const win = createKioskWindow(paths, values.windowed !== true);
    // The `host: 'electron'` methods, which only the shell can run, beside the backend's; dispatch
    // checks their access like every method's.
    const shellHandlers: ElectronHandlers = { savePdfReport: pdfReportHandler(win), chooseFolder: chooseFolderHandler(win, dialog) };
    bindContractToIpc(ipcMain, { ...backend.endpoint, handlers: { ...backend.endpoint.handlers, ...shellHandlers } }, isOwnPage(paths.rendererIndex));
    backend.events.subscribe((name, payload) => {
      if (!win.isDestroyed()) win.webContents.send(eventChannel, name, payload);
    });
    // Quit waits for the backend's shutdown snapshot (storage/snapshots.ts), then quits for real.
    let closed = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void backend.close().finally(() => {
        closed = true;
        app.quit();
      });
    });
    // Electron's main process has no "online" event; the page's online event calls syncNow.
  });
  app.on('window-all-closed', () => app.quit());
}

start();
