// The one window: full screen kiosk without frame or menu, sandboxed, no Node in the page, the
// page from app://kiosk only, zoom locked, keys that would leave or break the page refused, and
// closing refused unless staff exit through `exitKiosk` (exit-kiosk.ts).
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, WebPreferences } from 'electron';
import { APP_HOME, isAppUrl } from './app-protocol';
import { blockedKey } from './kiosk-keys';
import type { ShellElectron, ShellWebContents, ShellWindow } from './shell-electron';

export interface KioskWindowPaths {
  preload: string;
  rendererDir: string;
}

export interface KioskWindowOptions {
  preload: string;
  /** Kiosk mode (full screen, no frame); off only with --windowed in an unpackaged build. */
  kioskMode: boolean;
  /** Devtools exist only in an unpackaged build (`!app.isPackaged`). */
  devTools: boolean;
}

/** Electron's security checklist, every item, for the kiosk window (and asserted by tests/shell). */
export function kioskWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    webviewTag: false,
    devTools,
  };
}

export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    kiosk: options.kioskMode,
    fullscreen: options.kioskMode,
    frame: !options.kioskMode,
    autoHideMenuBar: true,
    backgroundColor: '#F4F1EA',
    show: false,
    webPreferences: kioskWebPreferences(options.preload, options.devTools),
  };
}

/** No pinch or keyboard zoom: limits and factor, set again after every load and display change. */
export function lockZoom(contents: ShellWebContents): void {
  if (contents.isDestroyed()) return;
  contents.setZoomFactor(1);
  void contents.setVisualZoomLevelLimits(1, 1);
}

export function createKioskWindow<W extends ShellWindow>(electron: Pick<ShellElectron<W>, 'BrowserWindow' | 'screen'>, options: KioskWindowOptions, mayClose: () => boolean): W {
  const win = new electron.BrowserWindow(kioskWindowOptions(options));
  const contents = win.webContents;
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (!mayClose()) event.preventDefault();
  });
  contents.on('before-input-event', (event, input) => {
    if (blockedKey(input) !== undefined) event.preventDefault();
  });
  contents.on('did-finish-load', () => lockZoom(contents));
  for (const change of ['display-added', 'display-removed', 'display-metrics-changed'] as const) {
    electron.screen.on(change as 'display-added', () => lockZoom(contents));
  }
  lockZoom(contents);
  void win.loadURL(APP_HOME);
  return win;
}

/**
 * IPC is answered only for the kiosk window's main frame showing the app (not a subframe, not
 * another window, not any other origin). Electron hands out one wrapper per frame and per
 * webContents, so either identity names the main frame: the frame itself, or a frame without
 * parent sent by the kiosk window's webContents.
 */
export function isAppMainFrame(contents: Pick<ShellWebContents, 'mainFrame'>) {
  return (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean => {
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    const ours = frame === contents.mainFrame || (event.sender as unknown) === contents;
    return ours && isAppUrl(frame.url);
  };
}

export function bundlePaths(bundleDir: string): KioskWindowPaths {
  return { preload: join(bundleDir, 'preload.cjs'), rendererDir: join(bundleDir, '..', 'renderer') };
}
