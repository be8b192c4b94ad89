// A stand-in for the part of Electron the shell uses (electron/shell/shell-electron.ts), for
// running the shell's real start-up (`startShell`) where the Electron binary cannot run. Every
// fake records what the shell did to it, and tests emit the events Electron would
// (render-process-gone, unresponsive, before-input-event, will-navigate, web-contents-created,
// second-instance, display changes…).
//
// It cannot drift from Electron: each fake `implements` a `Pick` of Electron's own declarations
// (node_modules/electron/electron.d.ts), and the whole `satisfies ShellElectron`; a method with
// the wrong shape fails typecheck. Where Electron refuses a call at the wrong moment (a scheme
// registered or the sandbox enabled after 'ready', protocol.handle before it), so does this.
import type {
  App,
  BrowserWindowConstructorOptions,
  CommandLine,
  Event as ElectronEvent,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  OpenDialogOptions,
  OpenDialogReturnValue,
  PowerSaveBlocker,
  Protocol,
  RelaunchOptions,
  SafeStorage,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Screen,
  Session,
  Settings,
  WebContents,
  WebFrameMain,
} from 'electron';
import type { ShellApp, ShellDialog, ShellElectron, ShellSession, ShellWebContents, ShellWindow } from '../../electron/shell/shell-electron';

type Listener = (...args: never[]) => unknown;

/**
 * Electron's emitters, as far as the shell uses them: on/once, and `emit` for the tests.
 * `on` returns the emitter at run time, but is typed `never`: Electron declares it as returning
 * `this` of its own class (WebContents, App…), which no stand-in is; `never` fits every
 * overload. The event names and listener types are Electron's where the shell registers them
 * (ShellWebContents & co. are Picks of Electron's classes); tests emit with Electron's
 * parameter types through `electronEvent` and the typed details they build.
 */
class Emitter {
  readonly listeners = new Map<string, { listener: Listener; once: boolean }[]>();

  on(event: string, listener: Listener): never {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: false }]);
    return this as unknown as never;
  }

  once(event: string, listener: Listener): never {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: true }]);
    return this as unknown as never;
  }

  /** Calls each listener as Electron would; answers what they returned. */
  emit(event: string, ...args: unknown[]): unknown[] {
    const current = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      current.filter((l) => !l.once),
    );
    return current.map(({ listener }) => (listener as (...a: unknown[]) => unknown)(...args));
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron `Event` (with its params, as will-navigate's), whose preventDefault is recorded. */
export type StandInEvent<P extends object = object> = ElectronEvent<P> & { defaultPrevented: boolean };

export function electronEvent<P extends object>(params: P = {} as P): StandInEvent<P> {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event as unknown as StandInEvent<P>;
}

/** A frame: what IPC's senderFrame and webContents.mainFrame are compared by. */
export type StandInFrame = Pick<WebFrameMain, 'url' | 'parent'>;

export function standInFrame(url: string, parent: StandInFrame | null = null): StandInFrame {
  return { url, parent: parent as WebFrameMain | null };
}

type WindowOpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];

export class StandInWebContents extends Emitter implements ShellWebContents {
  readonly mainFrame: StandInFrame = standInFrame('about:blank');
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly zoomFactors: number[] = [];
  readonly visualZoomLimits: [number, number][] = [];
  readonly loaded: string[] = [];
  readonly sent: unknown[][] = [];
  reloads = 0;
  crashesForced = 0;
  destroyed = false;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void> {
    this.visualZoomLimits.push([minimumLevel, maximumLevel]);
    return Promise.resolve();
  }

  setZoomFactor(factor: number): void {
    this.zoomFactors.push(factor);
  }

  reload(): void {
    this.reloads += 1;
  }

  forcefullyCrashRenderer(): void {
    this.crashesForced += 1;
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    (this.mainFrame as { url: string }).url = url;
    return Promise.resolve();
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  printToPDF(): Promise<Buffer> {
    return Promise.resolve(Buffer.from('%PDF-1.7 stand-in'));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class StandInApp extends Emitter implements ShellApp {
  readonly commandLine: CommandLine;
  readonly switches: [string, string | undefined][] = [];
  readonly calls: string[] = [];
  readonly relaunches: (RelaunchOptions | undefined)[] = [];
  readonly exits: (number | undefined)[] = [];
  readonly loginItemSettings: Settings[] = [];
  quits = 0;
  isReady = false;
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(
    readonly isPackaged: boolean,
    private readonly hasLock: boolean,
    private readonly userData: string,
  ) {
    super();
    const switches = this.switches;
    this.commandLine = {
      appendArgument: () => undefined,
      appendSwitch: (name: string, value?: string) => void switches.push([name, value]),
      getSwitchValue: (name: string) => switches.find(([s]) => s === name)?.[1] ?? '',
      hasSwitch: (name: string) => switches.some(([s]) => s === name),
      removeSwitch: () => undefined,
    } satisfies Pick<CommandLine, keyof CommandLine>;
  }

  /** What the tests call where Electron would become ready. */
  ready(): void {
    this.isReady = true;
    this.calls.push('ready');
    this.emit('ready', electronEvent(), {});
    this.resolveReady();
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  quit(): void {
    this.quits += 1;
    this.calls.push('quit');
    this.emit('before-quit', electronEvent());
  }

  exit(exitCode?: number): void {
    this.exits.push(exitCode);
    this.calls.push('exit');
  }

  relaunch(options?: RelaunchOptions): void {
    this.relaunches.push(options);
    this.calls.push('relaunch');
  }

  enableSandbox(): void {
    if (this.isReady) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.calls.push('enableSandbox');
  }

  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.hasLock;
  }

  getPath(name: Parameters<App['getPath']>[0]): string {
    return name === 'userData' ? this.userData : `/stand-in/${name}`;
  }

  getVersion(): string {
    return '0.0.0-stand-in';
  }

  setLoginItemSettings(settings: Settings): void {
    this.loginItemSettings.push(settings);
    this.calls.push('setLoginItemSettings');
  }
}

export class StandInSession extends Emitter implements ShellSession {
  permissionRequestHandler: Parameters<Session['setPermissionRequestHandler']>[0] = null;
  permissionCheckHandler: Parameters<Session['setPermissionCheckHandler']>[0] = null;
  devicePermissionHandler: Parameters<Session['setDevicePermissionHandler']>[0] = null;
  bluetoothPairingHandler: Parameters<Session['setBluetoothPairingHandler']>[0] = null;

  setPermissionRequestHandler(handler: Parameters<Session['setPermissionRequestHandler']>[0]): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Parameters<Session['setPermissionCheckHandler']>[0]): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: Parameters<Session['setDevicePermissionHandler']>[0]): void {
    this.devicePermissionHandler = handler;
  }

  setBluetoothPairingHandler(handler: Parameters<Session['setBluetoothPairingHandler']>[0]): void {
    this.bluetoothPairingHandler = handler;
  }
}

type ProtocolHandler = Parameters<Protocol['handle']>[1];

export class StandInProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> {
  readonly privileged: Parameters<Protocol['registerSchemesAsPrivileged']>[0] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly app: StandInApp) {}

  registerSchemesAsPrivileged(customSchemes: Parameters<Protocol['registerSchemesAsPrivileged']>[0]): void {
    if (this.app.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.app.calls.push('registerSchemesAsPrivileged');
    this.privileged.push(...customSchemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady) throw new Error('protocol.handle can only be called after app is ready');
    this.handlers.set(scheme, handler);
  }

  /** A request as Chromium would make it (its URL parsed, dot segments folded). */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const request = new Request(url, init);
    const handler = this.handlers.get(new URL(request.url).protocol.replace(/:$/, ''));
    if (handler === undefined) throw new Error(`no handler for ${url}`);
    return handler(request);
  }
}

type InvokeListener = Parameters<IpcMain['handle']>[1];

export class StandInIpcMain implements Pick<IpcMain, 'handle'> {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    // Electron throws on a second handler for one channel; so does this.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  /** An ipcRenderer.invoke from `frame` of `sender`. */
  async invoke(channel: string, frame: StandInFrame | null, input: unknown, sender?: StandInWebContents): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frame, sender, frameId: 1, processId: 1 } as unknown as IpcMainInvokeEvent;
    return listener(event, input);
  }
}

export class StandInDialog<W> implements ShellDialog<W> {
  readonly opened: { win: W; options: OpenDialogOptions }[] = [];
  readonly saved: { win: W; options: SaveDialogOptions }[] = [];
  openReplies: OpenDialogReturnValue[] = [];
  saveReplies: SaveDialogReturnValue[] = [];

  showOpenDialog(win: W, options: OpenDialogOptions): Promise<OpenDialogReturnValue> {
    this.opened.push({ win, options });
    return Promise.resolve(this.openReplies.shift() ?? { canceled: true, filePaths: [] });
  }

  showSaveDialog(win: W, options: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    this.saved.push({ win, options });
    return Promise.resolve(this.saveReplies.shift() ?? { canceled: true, filePath: '' });
  }
}

type StorageBackend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

export class StandInSafeStorage implements Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'> {
  constructor(
    public available: boolean,
    public backend: StorageBackend,
  ) {}

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }

  encryptString(plainText: string): Buffer {
    return Buffer.from(`sealed:${Buffer.from(plainText).toString('base64')}`);
  }

  decryptString(encrypted: Buffer): string {
    return Buffer.from(encrypted.toString().replace(/^sealed:/, ''), 'base64').toString();
  }
}

export class StandInPowerSaveBlocker implements Pick<PowerSaveBlocker, 'start' | 'stop'> {
  readonly started: Parameters<PowerSaveBlocker['start']>[0][] = [];
  readonly stopped: number[] = [];
  /** The blockers started and not stopped (Electron's ids). */
  readonly active = new Set<number>();

  start(type: Parameters<PowerSaveBlocker['start']>[0]): number {
    this.started.push(type);
    this.active.add(this.started.length);
    return this.started.length;
  }

  stop(id: number): boolean {
    this.stopped.push(id);
    return this.active.delete(id);
  }
}

export class StandInScreen extends Emitter implements Pick<Screen, 'on'> {}

export class StandInMenu implements Pick<typeof Menu, 'setApplicationMenu'> {
  readonly applicationMenus: (Menu | null)[] = [];

  setApplicationMenu(menu: Menu | null): void {
    this.applicationMenus.push(menu);
  }
}

export interface StandInOptions {
  isPackaged?: boolean;
  /** false: another instance holds the lock. */
  singleInstanceLock?: boolean;
  encryptionAvailable?: boolean;
  storageBackend?: StorageBackend;
  userData?: string;
}

/** A fresh stand-in per test: nothing is shared between them. */
export function createElectronStandIn(options: StandInOptions = {}) {
  const app = new StandInApp(options.isPackaged ?? true, options.singleInstanceLock ?? true, options.userData ?? '/stand-in/userData');
  const windows: StandInBrowserWindow[] = [];

  class StandInBrowserWindow extends Emitter implements ShellWindow {
    readonly webContents = new StandInWebContents();
    shown = false;
    focused = 0;
    minimized = false;
    destroyed = false;

    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
      // As Electron does: every new webContents is announced to the app.
      app.emit('web-contents-created', electronEvent(), this.webContents);
    }

    show(): void {
      this.shown = true;
    }

    focus(): void {
      this.focused += 1;
    }

    restore(): void {
      this.minimized = false;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    loadURL(url: string): Promise<void> {
      return this.webContents.loadURL(url);
    }
  }

  const electron = {
    app,
    BrowserWindow: StandInBrowserWindow,
    protocol: new StandInProtocol(app),
    session: { defaultSession: new StandInSession() },
    ipcMain: new StandInIpcMain(),
    Menu: new StandInMenu(),
    dialog: new StandInDialog<StandInBrowserWindow>(),
    safeStorage: new StandInSafeStorage(options.encryptionAvailable ?? true, options.storageBackend ?? 'gnome_libsecret'),
    powerSaveBlocker: new StandInPowerSaveBlocker(),
    screen: new StandInScreen(),
  } satisfies ShellElectron<StandInBrowserWindow>;
  return { electron, windows };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
export type StandInWindow = ElectronStandIn['windows'][number];
