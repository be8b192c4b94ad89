// The part of Electron's API the shell uses, as one type: `startShell` takes it, main.ts passes
// the real module, and tests pass a stand-in (tests/support/electron-stand-in.ts). Every member
// is a `Pick` of Electron's own declarations, so neither side can drift from Electron: a
// stand-in method with the wrong shape, or a shell call to something not listed here, fails
// typecheck.
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  Menu,
  OpenDialogOptions,
  OpenDialogReturnValue,
  PowerSaveBlocker,
  Protocol,
  SafeStorage,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Screen,
  Session,
  WebContents,
  WebFrameMain,
} from 'electron';

export type ShellApp = Pick<
  App,
  | 'whenReady'
  | 'on'
  | 'quit'
  | 'exit'
  | 'relaunch'
  | 'enableSandbox'
  | 'requestSingleInstanceLock'
  | 'getPath'
  | 'getVersion'
  | 'isPackaged'
  | 'commandLine'
  | 'setLoginItemSettings'
>;

/** What the shell does with a webContents: its own window's, and any other one created. */
export type ShellWebContents = Pick<
  WebContents,
  | 'on'
  | 'setWindowOpenHandler'
  | 'setVisualZoomLevelLimits'
  | 'setZoomFactor'
  | 'reload'
  | 'forcefullyCrashRenderer'
  | 'loadURL'
  | 'send'
  | 'printToPDF'
  | 'isDestroyed'
> & {
  /** Compared with IPC's senderFrame (kiosk-window.ts `isAppMainFrame`). */
  readonly mainFrame: Pick<WebFrameMain, 'url' | 'parent'>;
};

export type ShellWindow = Pick<BrowserWindow, 'once' | 'on' | 'show' | 'focus' | 'restore' | 'isMinimized' | 'isDestroyed' | 'loadURL'> & {
  readonly webContents: ShellWebContents;
};

export type ShellSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setBluetoothPairingHandler' | 'on'>;

/**
 * Electron's dialog, always parented to the kiosk window (a dialog without a parent opens behind
 * a kiosk window). Generic in the window so that the real dialog takes the real BrowserWindow and
 * the stand-in's takes the stand-in's; options and replies are Electron's own types.
 */
export interface ShellDialog<W> {
  showOpenDialog: (win: W, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;
  showSaveDialog: (win: W, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
}

export interface ShellElectron<W extends ShellWindow = ShellWindow> {
  app: ShellApp;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { readonly defaultSession: ShellSession };
  ipcMain: Pick<IpcMain, 'handle'>;
  Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  dialog: ShellDialog<W>;
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  screen: Pick<Screen, 'on'>;
}
