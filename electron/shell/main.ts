// The Electron shell's entry: the real `electron` module and this process handed to the shell's
// start-up (start-shell.ts), which tests run against a stand-in. Nothing else belongs here.
import { homedir } from 'node:os';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, screen, session } from 'electron';
import { startKioskService } from '../backend/kiosk-service';
import { createLogger } from '../backend/logger';
import type { ShellElectron } from './shell-electron';
import { startShell } from './start-shell';

const electron = {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  // Electron's screen module may not be touched before 'ready'; the shell reads it after.
  get screen() {
    return screen;
  },
} satisfies ShellElectron<BrowserWindow>;

void startShell(electron, {
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  bundleDir: __dirname,
  execPath: process.execPath,
  homeDir: homedir(),
  createLog: (dataDir) => createLogger(dataDir),
  // Never a modal and an exit: a storage that cannot be opened puts the citizen screen out of
  // service, and the service retries until it opens (kiosk-service.ts), as in browser mode.
  openBackend: (options) => startKioskService(options),
});
