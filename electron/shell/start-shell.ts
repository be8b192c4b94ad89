// The Electron shell's start-up, against the part of Electron it uses (`ShellElectron`): main.ts
// passes the real module, tests/shell/ a recording stand-in. Each rule lives in its own module;
// this file only wires them in order — what must happen before 'ready' (single instance, the
// sandbox, the app:// scheme, the guard on every webContents) and after it (no menu, no
// permissions, the protocol, secrets checked, the backend, the window, IPC, crash recovery, start
// at login).
import { parseArgs } from 'node:util';
import { eventChannel, type ElectronHandlers, type Handlers } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { KioskError } from '../../shared/result';
import { resolveDataDir } from '../backend/data-dir';
import type { ContractEndpoint } from '../backend/dispatch';
import type { EventHub } from '../backend/event-hub';
import type { Logger } from '../backend/logger';
import { fileSecretStore, type SecretStore } from '../backend/secret-store';
import { appProtocolHandler, appScheme, APP_SCHEME } from './app-protocol';
import { createCrashRecovery, parseRelaunches, RELAUNCHES_FLAG } from './crash-recovery';
import { chooseFolderHandler } from './folder-dialog';
import { bindContractToIpc } from './ipc-binding';
import { createRateLimiter, ipcRateLimit } from './ipc-rate-limit';
import { createKeepAwake } from './keep-awake';
import { bundlePaths, createKioskWindow, isAppMainFrame } from './kiosk-window';
import { applyStartAtLogin } from './login-item';
import { pdfReportHandler } from './pdf-report';
import { sealedSecretStore } from './sealed-secret-store';
import { secretsProtection } from './secrets-guard';
import { denyAllPermissions } from './session-permissions';
import type { ShellElectron, ShellWindow } from './shell-electron';
import { guardWebContents } from './web-contents-guard';

/** What the shell needs of the backend: kiosk-service.ts's service (or the plain backend). */
export interface ShellBackend {
  endpoint: ContractEndpoint;
  events: Pick<EventHub, 'subscribe'>;
  close: () => Promise<void>;
}

export interface ShellOptions {
  /** process.argv. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The folder of main.cjs: preload.cjs beside it, the renderer in ../renderer. */
  bundleDir: string;
  /** process.execPath: what start at login starts (on Linux, an AppImage's $APPIMAGE instead). */
  execPath: string;
  /** The account's home (os.homedir()): where Linux keeps its autostart entries. */
  homeDir: string;
  createLog: (dataDir: string) => Logger;
  openBackend: (options: { dataDir: string; appVersion: string; secrets: SecretStore; log: Logger }) => ShellBackend;
  now?: () => number;
  setTimeout?: (run: () => void, ms: number) => unknown;
}

/** What start-up built, for the tests (and nothing else: main.ts ignores it). */
export interface ShellRun<W extends ShellWindow = ShellWindow> {
  win: W;
  log: Logger;
  backend: ShellBackend | undefined;
  /** Set when the kiosk is out of service: what every call answers. */
  outOfService: () => KioskError | undefined;
}

export function startShell<W extends ShellWindow>(electron: ShellElectron<W>, options: ShellOptions): Promise<ShellRun<W> | undefined> {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(undefined);
  }
  // Before 'ready': every renderer sandboxed, the app's own privileged scheme, Chromium's widgets
  // in Vietnamese (officials read dd/mm/yyyy: the app locale decides, not the page's lang).
  app.enableSandbox();
  app.commandLine.appendSwitch('lang', 'vi');
  electron.protocol.registerSchemesAsPrivileged([appScheme]);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  const { values } = parseArgs({
    args: options.argv.slice(app.isPackaged ? 1 : 2),
    options: { 'data-dir': { type: 'string' }, windowed: { type: 'boolean' } },
    strict: false,
  });
  const flag = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const dataDir = resolveDataDir({ flag, env: options.env, userDataDir: app.getPath('userData') });
  // A packaged kiosk is always a kiosk: --windowed is for developers only.
  const kioskMode = app.isPackaged || values.windowed !== true;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimeout ?? ((run: () => void, ms: number) => setTimeout(run, ms));

  let win: W | undefined;
  app.on('second-instance', () => {
    if (win === undefined || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());

  return app.whenReady().then((): Promise<ShellRun<W>> => {
    electron.Menu.setApplicationMenu(null);
    denyAllPermissions(electron.session.defaultSession);
    const paths = bundlePaths(options.bundleDir);
    electron.protocol.handle(APP_SCHEME, appProtocolHandler(paths.rendererDir));
    const log = options.createLog(dataDir);

    let outOfService: KioskError | undefined;
    const goOutOfService = (incidentCode: string, message: string) => {
      outOfService = { ...kioskError('OUT_OF_SERVICE', message), incidentCode };
    };
    let backend: ShellBackend | undefined;
    const protection = secretsProtection(electron.safeStorage, options.platform, options.env);
    if (protection.kind === 'refused') {
      log.error({ incident: protection.incidentCode, detail: protection.detail }, 'secrets would be unprotected: out of service');
      goOutOfService(protection.incidentCode, protection.message);
    } else {
      if (protection.kind === 'file-allowed') log.warn({ why: protection.why }, 'secrets kept in plain files (KIOSK_ALLOW_FILE_SECRETS=1)');
      const secrets = protection.kind === 'sealed' ? sealedSecretStore(dataDir, electron.safeStorage) : fileSecretStore(dataDir);
      try {
        backend = options.openBackend({ dataDir, appVersion: app.getVersion(), secrets, log });
      } catch (error) {
        // Never a modal box and an exit (a crash loop): the notice, with the cause in the log.
        log.error({ incident: 'HL-BACKEND-UNAVAILABLE', err: error }, 'the backend could not start: out of service');
        goOutOfService('HL-BACKEND-UNAVAILABLE', 'Máy đánh giá không khởi động được phần lưu trữ. IT: xem nhật ký (logs) hoặc chạy `npm run kiosk -- diagnostics`.');
      }
    }

    let exiting = false;
    let quitting = false;
    const kiosk = createKioskWindow(electron, { preload: paths.preload, kioskMode, devTools: !app.isPackaged }, () => exiting || quitting);
    win = kiosk;

    // The `host: 'electron'` methods, which only the shell can run, beside the backend's;
    // dispatch checks their access like every method's.
    const shellHandlers: ElectronHandlers = {
      savePdfReport: pdfReportHandler(kiosk, electron.dialog, app),
      chooseFolder: chooseFolderHandler(kiosk, electron.dialog),
      exitKiosk: () => {
        exiting = true;
        log.info('staff left kiosk mode (exitKiosk)');
        setTimer(() => app.quit(), 0); // after the reply has reached the page
        return { closing: true } as const;
      },
    };

    // Start at login (a device setting) applied to the OS at start and after every settings save.
    // The hook is the shell's own wrapper of `saveDeviceSettings`: the only method that changes
    // the setting (provisioning files and the CLI leave it as it is), so no contract event.
    // Never a reason to fail a call: the setting is saved and audited either way; IT reads the log.
    // The display stays on only within the opening hours (keep-awake.ts), read through the
    // backend like any caller's; without a backend (out of service) it stays on.
    const keepAwake = createKeepAwake({
      powerSaveBlocker: electron.powerSaveBlocker,
      readHours: async () => {
        if (endpoint === undefined || outOfService !== undefined) return undefined;
        const { openingHours, timeZone } = await endpoint.handlers.getHomeScreen({});
        return { openingHours, timeZone };
      },
      now,
      setTimeout: setTimer,
      log,
    });
    // An AppImage runs from a mount that changes each run: its own file is what must start.
    const exePath = options.platform === 'linux' && options.env.APPIMAGE !== undefined && options.env.APPIMAGE !== '' ? options.env.APPIMAGE : options.execPath;
    const applyLoginItem = (enabled: boolean) => {
      try {
        const how = applyStartAtLogin({ electron, platform: options.platform, enabled, exePath, homeDir: options.homeDir });
        log.info({ startAtLogin: enabled, how }, 'start at login applied');
      } catch (error) {
        log.error({ err: error, startAtLogin: enabled }, 'start at login could not be applied');
      }
    };
    // The backend's endpoint with the shell's handlers beside its own; undefined without a backend.
    let endpoint: ContractEndpoint | undefined;
    if (backend !== undefined) {
      const backendHandlers = backend.endpoint.handlers;
      const saveDeviceSettings: Handlers['saveDeviceSettings'] = async (input) => {
        const saved = await backendHandlers.saveDeviceSettings(input);
        applyLoginItem(saved.startAtLogin);
        void keepAwake.evaluate();
        return saved;
      };
      endpoint = { ...backend.endpoint, handlers: { ...backendHandlers, saveDeviceSettings, ...shellHandlers } };
    }
    bindContractToIpc(
      electron.ipcMain,
      () =>
        outOfService !== undefined || endpoint === undefined ? { refusal: outOfService ?? kioskError('OUT_OF_SERVICE') } : endpoint,
      { isTrustedSender: isAppMainFrame(kiosk.webContents), rateLimiter: createRateLimiter(ipcRateLimit, now) },
    );
    backend?.events.subscribe((name, payload) => {
      if (!kiosk.isDestroyed()) kiosk.webContents.send(eventChannel, name, payload);
    });

    let killingHungPage = false;
    const recovery = createCrashRecovery(
      {
        now,
        setTimeout: setTimer,
        log,
        reload: (hung) => {
          if (kiosk.isDestroyed()) return;
          if (hung) {
            // Electron's way out of a hung renderer: end its process, then reload in a new one.
            // The 'killed' this causes is ours, not another failure.
            killingHungPage = true;
            kiosk.webContents.forcefullyCrashRenderer();
          }
          kiosk.webContents.reload();
        },
        relaunch: (relaunches) => {
          const args = options.argv.slice(1).filter((a) => !a.startsWith(`${RELAUNCHES_FLAG}=`));
          app.relaunch({ args: [...args, `${RELAUNCHES_FLAG}=${relaunches.join(',')}`] });
          app.exit(0);
        },
        outOfService: () => {
          goOutOfService('HL-PAGE-CRASH-LOOP', 'Trang của máy đánh giá liên tục bị lỗi, kể cả sau khi khởi động lại. IT: xem nhật ký (logs).');
          if (!kiosk.isDestroyed()) kiosk.webContents.reload();
        },
      },
      parseRelaunches(options.argv),
    );
    kiosk.webContents.on('render-process-gone', (_event, details) => {
      if (killingHungPage && details.reason === 'killed') {
        killingHungPage = false;
        return;
      }
      recovery.onFailure(details.reason, details.exitCode);
    });
    kiosk.webContents.on('did-finish-load', () => (killingHungPage = false));
    kiosk.on('unresponsive', () => recovery.onFailure('unresponsive'));
    // Windows shutting down, restarting or logging off: the window must not hold it up.
    kiosk.on('session-end', () => (quitting = true));
    kiosk.on('responsive', () => recovery.onResponsive());

    // Quit waits for the backend's shutdown snapshot (storage/snapshots.ts), then quits for real.
    let closed = false;
    app.on('before-quit', (event) => {
      quitting = true;
      keepAwake.stop();
      if (closed || backend === undefined) return;
      event.preventDefault();
      void backend.close().finally(() => {
        closed = true;
        app.quit();
      });
    });
    // The stored value, read through the backend like any caller's. Storage out of service at
    // start: not applied this run until a save (the OS keeps the last registration meanwhile).
    const applyStoredStartAtLogin = async (): Promise<void> => {
      if (endpoint === undefined) return;
      try {
        applyLoginItem((await endpoint.handlers.getDeviceSettings({})).startAtLogin);
      } catch (error) {
        log.warn({ err: error }, 'start at login not applied: the settings could not be read');
      }
    };
    return Promise.all([applyStoredStartAtLogin(), keepAwake.evaluate()]).then(() => ({ win: kiosk, log, backend, outOfService: () => outOfService }));
  });
}
