import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type IpcMainInvokeEvent } from 'electron';

export interface KioskWindowPaths {
  preload: string;
  rendererIndex: string;
}

/** The one window: full screen kiosk, sandboxed, no Node in the page, no navigation away. */
export function createKioskWindow(paths: KioskWindowPaths, kioskMode: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    kiosk: kioskMode,
    autoHideMenuBar: true,
    backgroundColor: '#F4F1EA',
    show: false,
    webPreferences: {
      preload: paths.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  const home = pathToFileURL(paths.rendererIndex).href;
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== home) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(paths.rendererIndex);
  return win;
}

/** IPC is answered only for our own page loaded from disk, not for anything else. */
export function isOwnPage(rendererIndex: string) {
  const home = pathToFileURL(rendererIndex).href;
  return (event: IpcMainInvokeEvent): boolean => event.senderFrame?.url.split('#')[0] === home;
}

export function bundlePaths(bundleDir: string): KioskWindowPaths {
  return { preload: join(bundleDir, 'preload.cjs'), rendererIndex: join(bundleDir, '..', 'renderer', 'index.html') };
}
