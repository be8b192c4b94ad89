// The shell locked down (issue 13), proven without the Electron binary: the shell's real
// start-up (`startShell`) runs against the typed stand-in (tests/support/electron-stand-in.ts),
// and each row of the checklist asserts what the stand-in recorded.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerDetails, Input, WebContents } from 'electron';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import { ipcChannel, type MethodName } from '../../shared/contract';
import { APP_HOME, appScheme, CONTENT_SECURITY_POLICY } from '../../electron/shell/app-protocol';
import { ipcRateLimit } from '../../electron/shell/ipc-rate-limit';
import { autostartFile, desktopExecArgument } from '../../electron/shell/login-item';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { electronEvent, standInFrame, StandInWebContents, type StandInFrame } from '../support/electron-stand-in';
import { itAdminSession, validSettings } from '../support/it-admin-fixture';
import { startTestShell, type TestShellOptions } from '../support/shell-fixture';
import { sectionHeadSession } from '../support/staff-fixture';

type Shell = Awaited<ReturnType<typeof startTestShell>>;

function mainWindow(shell: Shell) {
  const win = shell.win;
  if (win === undefined) throw new Error('no window');
  return win;
}

function appFrame(shell: Shell): StandInFrame {
  return mainWindow(shell).webContents.mainFrame;
}

function call(shell: Shell, name: MethodName, input: unknown = {}, frame: StandInFrame | null = appFrame(shell)) {
  return shell.electron.ipcMain.invoke(ipcChannel(name), frame, input, mainWindow(shell).webContents);
}

const prefs = (shell: Shell) => mainWindow(shell).options.webPreferences ?? {};

function key(keyName: string, modifiers: Partial<Pick<Input, 'control' | 'meta' | 'shift' | 'alt'>> = {}, code = ''): Input {
  return { type: 'keyDown', key: keyName, code, isAutoRepeat: false, isComposing: false, shift: false, control: false, alt: false, meta: false, location: 0, modifiers: [], ...modifiers };
}

/** Every navigation-like event a guarded webContents refuses, each answered by preventDefault. */
function refusesLeaving(contents: StandInWebContents): boolean {
  const navigate = electronEvent({ url: 'https://evil.example/', isMainFrame: true });
  contents.emit('will-navigate', navigate, 'https://evil.example/');
  const sameApp = electronEvent({ url: APP_HOME, isMainFrame: true });
  contents.emit('will-navigate', sameApp, APP_HOME);
  const frame = electronEvent({ url: 'https://evil.example/frame', isMainFrame: false });
  contents.emit('will-frame-navigate', frame);
  const appFrame = electronEvent({ url: APP_HOME, isMainFrame: false });
  contents.emit('will-frame-navigate', appFrame);
  const redirect = electronEvent({ url: 'https://evil.example/redirected', isMainFrame: true });
  contents.emit('will-redirect', redirect, 'https://evil.example/redirected');
  const webview = electronEvent();
  contents.emit('will-attach-webview', webview, {}, { src: 'https://evil.example/' });
  const menu = electronEvent();
  contents.emit('context-menu', menu, {});
  const opened = contents.windowOpenHandler?.({ url: 'https://evil.example/popup' } as HandlerDetails);
  return [navigate, sameApp, frame, appFrame, redirect, webview, menu].every((e) => e.defaultPrevented) && opened?.action === 'deny';
}

/** The IT admin saves the setup form through IPC, as the page would. */
async function saveStartAtLogin(shell: Shell, startAtLogin: boolean): Promise<boolean> {
  itAdminSession(shell.opened[0] as KioskBackend);
  return ((await call(shell, 'saveDeviceSettings', validSettings({ startAtLogin }))) as { ok: boolean }).ok;
}

const loginItems = (s: Shell) => s.electron.app.loginItemSettings;

/**
 * One row per item of the checklist: what the stand-in recorded after start-up (a
 * default shell: packaged, Linux, setting off; or the row's own options).
 */
const checklist: [item: string, holds: (shell: Shell) => boolean | Promise<boolean>, options?: TestShellOptions][] = [
  // Security
  ['content from the privileged app:// scheme, registered before ready', (s) =>
    s.electron.protocol.privileged.some((p) => p.scheme === 'app' && p.privileges?.standard === true && p.privileges.secure === true) &&
    s.electron.app.calls.indexOf('registerSchemesAsPrivileged') < s.electron.app.calls.indexOf('ready') &&
    s.electron.protocol.handlers.has(appScheme.scheme)],
  ['the window loads app://kiosk/index.html, never file:// or a remote URL', (s) =>
    mainWindow(s).webContents.loaded.length === 1 && mainWindow(s).webContents.loaded[0] === APP_HOME],
  ['every response carries the strict CSP header', async (s) =>
    (await s.electron.protocol.fetch(APP_HOME)).headers.get('content-security-policy') === CONTENT_SECURITY_POLICY &&
    (await s.electron.protocol.fetch('app://kiosk/missing.js')).headers.get('content-security-policy') === CONTENT_SECURITY_POLICY],
  ['contextIsolation', (s) => prefs(s).contextIsolation === true],
  ['sandbox, also app.enableSandbox() before ready', (s) => prefs(s).sandbox === true && s.electron.app.calls.indexOf('enableSandbox') < s.electron.app.calls.indexOf('ready') && s.electron.app.calls.includes('enableSandbox')],
  ['no nodeIntegration, in subframes and workers neither', (s) => prefs(s).nodeIntegration === false && prefs(s).nodeIntegrationInSubFrames === false && prefs(s).nodeIntegrationInWorker === false],
  ['webSecurity', (s) => prefs(s).webSecurity === true],
  ['no insecure content', (s) => prefs(s).allowRunningInsecureContent === false],
  ['no experimental features', (s) => prefs(s).experimentalFeatures === false],
  ['navigateOnDragDrop off', (s) => prefs(s).navigateOnDragDrop === false],
  ['spellcheck off', (s) => prefs(s).spellcheck === false],
  ['safeDialogs', (s) => prefs(s).safeDialogs === true],
  ['devtools off in a packaged app', (s) => prefs(s).devTools === false],
  ['no <webview> tag', (s) => prefs(s).webviewTag === false],
  ['the kiosk window refuses navigation, frame navigation, redirects, new windows, webviews, context menu', (s) => refusesLeaving(mainWindow(s).webContents)],
  ['so does EVERY webContents created later (web-contents-created)', (s) => {
    const other = new StandInWebContents();
    s.electron.app.emit('web-contents-created', electronEvent(), other);
    return refusesLeaving(other);
  }],
  ['every permission request denied', (s) => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal'] as const) {
      s.electron.session.defaultSession.permissionRequestHandler?.({} as WebContents, permission, (granted) => answers.push(granted), {} as never);
    }
    return answers.length === 6 && answers.every((a) => !a);
  }],
  ['every permission check denied', (s) => s.electron.session.defaultSession.permissionCheckHandler?.(null, 'media', APP_HOME, {} as never) === false],
  ['every device permission and picker denied (HID, serial, USB, Bluetooth)', (s) => {
    const session = s.electron.session.defaultSession;
    const picked: unknown[] = [];
    const events = (['select-hid-device', 'select-usb-device'] as const).map((name) => {
      const event = electronEvent();
      session.emit(name, event, { deviceList: [{ deviceId: '1' }] }, (id?: string) => picked.push(id));
      return event;
    });
    const serial = electronEvent();
    session.emit('select-serial-port', serial, [{ portId: '1' }], {}, (id: string) => picked.push(id));
    let paired: unknown;
    session.bluetoothPairingHandler?.({} as never, (response) => (paired = response));
    return (
      session.devicePermissionHandler?.({} as never) === false &&
      [...events, serial].every((e) => e.defaultPrevented) &&
      picked.every((id) => id === undefined || id === '') &&
      (paired as { confirmed?: boolean } | undefined)?.confirmed === false
    );
  }],
  ['no shell.openExternal anywhere in the shell: its files pass the lint rule that forbids it (tests/architecture/no-way-out.test.ts)', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const dir = join(root, 'electron', 'shell');
    const files = readdirSync(dir).map((f) => join(dir, f));
    const results = await new ESLint({ cwd: root }).lintFiles(files);
    return files.length > 5 && results.every((r) => r.messages.every((m) => m.ruleId !== 'no-restricted-syntax'));
  }],
  ['IPC answered for the app main frame only', async (s) => {
    const home = await call(s, 'getHomeScreen');
    const subframe = await call(s, 'getHomeScreen', {}, standInFrame(APP_HOME, appFrame(s)));
    const elsewhere = await call(s, 'getHomeScreen', {}, standInFrame('https://evil.example/'));
    const noFrame = await call(s, 'getHomeScreen', {}, null);
    // Another webContents' main frame, even at the app's origin (a window the app never opens).
    const otherWindow = await s.electron.ipcMain.invoke(ipcChannel('getHomeScreen'), standInFrame(APP_HOME), {}, new StandInWebContents());
    return (
      (home as { ok: boolean }).ok &&
      [subframe, elsewhere, noFrame, otherWindow].every((r) => (r as { error?: { code: string } }).error?.code === 'UNAUTHORIZED')
    );
  }],
  ['IPC input parsed by the contract', async (s) => (await call(s, 'submitRating', { scale: 'vn-3', level: 1.5 }) as { error?: { code: string } }).error?.code === 'INVALID_INPUT'],
  // Kiosk behaviour
  ['fullscreen kiosk window without frame', (s) => mainWindow(s).options.kiosk === true && mainWindow(s).options.fullscreen === true && mainWindow(s).options.frame === false],
  ['no application menu', (s) => s.electron.Menu.applicationMenus.length === 1 && s.electron.Menu.applicationMenus[0] === null],
  ['zoom locked: visual limits 1..1 and factor 1', (s) => mainWindow(s).webContents.visualZoomLimits.every(([a, b]) => a === 1 && b === 1) && mainWindow(s).webContents.zoomFactors.every((f) => f === 1) && mainWindow(s).webContents.zoomFactors.length > 0],
  ['zoom locked again on display changes and after each load', (s) => {
    const contents = mainWindow(s).webContents;
    const before = contents.visualZoomLimits.length;
    s.electron.screen.emit('display-metrics-changed', electronEvent(), {}, ['scaleFactor']);
    s.electron.screen.emit('display-added', electronEvent(), {});
    contents.emit('did-finish-load', electronEvent());
    return contents.visualZoomLimits.length === before + 3;
  }],
  // Within the opening hours (a Monday morning; the hours themselves: shell-keep-awake.test.ts).
  ['the screen kept awake', (s) => s.electron.powerSaveBlocker.started.length === 1 && s.electron.powerSaveBlocker.started[0] === 'prevent-display-sleep', { now: () => Date.parse('2026-11-23T09:00:00+07:00') }],
  ['closing the window refused', (s) => {
    const close = electronEvent();
    mainWindow(s).emit('close', close);
    return close.defaultPrevented;
  }],
  ['…but never holding up a Windows shutdown or log-off (session-end)', (s) => {
    mainWindow(s).emit('session-end', electronEvent());
    const close = electronEvent();
    mainWindow(s).emit('close', close);
    return !close.defaultPrevented;
  }],
  ['single instance: the lock asked before ready', (s) => s.electron.app.calls.indexOf('requestSingleInstanceLock') === 0],
  ['a second launch focuses the kiosk', (s) => {
    const win = mainWindow(s);
    win.minimized = true;
    s.electron.app.emit('second-instance', electronEvent(), [], '/', {});
    return win.focused === 1 && !win.minimized;
  }],
  ['Chromium widgets in Vietnamese', (s) => s.electron.app.switches.some(([name, value]) => name === 'lang' && value === 'vi')],
  // Start at login (a device setting), applied only by a packaged app
  ['start at login on, Windows: the login item set (openAtLogin: true)', (s) =>
    JSON.stringify(loginItems(s)) === JSON.stringify([{ openAtLogin: true }]), { platform: 'win32', startAtLogin: true }],
  ['start at login off, Windows: the login item cleared (openAtLogin: false)', (s) =>
    JSON.stringify(loginItems(s)) === JSON.stringify([{ openAtLogin: false }]), { platform: 'win32' }],
  ['start at login on, macOS: the login item set too', (s) =>
    JSON.stringify(loginItems(s)) === JSON.stringify([{ openAtLogin: true }]), { platform: 'darwin', startAtLogin: true }],
  ['start at login on, Linux: ~/.config/autostart/hai-long-kiosk.desktop (0644) starts the executable; removed when turned off', async (s) => {
    const file = autostartFile(s.homeDir);
    const entry = readFileSync(file, 'utf8').split('\n');
    const written =
      entry[0] === '[Desktop Entry]' &&
      ['Type=Application', 'Name=Hài Lòng', 'Exec="/opt/hai-long/hai-long"', 'X-GNOME-Autostart-enabled=true'].every((line) => entry.includes(line)) &&
      (statSync(file).mode & 0o777) === 0o644 &&
      loginItems(s).length === 0;
    return written && (await saveStartAtLogin(s, false)) && !existsSync(file);
  }, { platform: 'linux', startAtLogin: true }],
  ['start at login, Linux AppImage: the entry starts $APPIMAGE, not its temporary mount', (s) =>
    readFileSync(autostartFile(s.homeDir), 'utf8').includes('Exec="/home/kiosk/Hai-Long.AppImage"\n'),
  { platform: 'linux', startAtLogin: true, env: { APPIMAGE: '/home/kiosk/Hai-Long.AppImage' } }],
  ['start at login never registered by a development (unpackaged) run: Windows', (s) => loginItems(s).length === 0, { isPackaged: false, platform: 'win32', startAtLogin: true }],
  ['…nor Linux', (s) => !existsSync(autostartFile(s.homeDir)), { isPackaged: false, platform: 'linux', startAtLogin: true }],
  ['a settings save that changes start at login re-applies it (the shell wraps saveDeviceSettings)', async (s) =>
    (await saveStartAtLogin(s, true)) && JSON.stringify(loginItems(s)) === JSON.stringify([{ openAtLogin: false }, { openAtLogin: true }]), { platform: 'win32' }],
  ['secrets sealed by safeStorage (no plain file store)', (s) => s.logLines().every((l) => l.msg !== 'secrets kept in plain files (KIOSK_ALLOW_FILE_SECRETS=1)') && s.run?.outOfService() === undefined],
];

describe('the shell locked down: the checklist', () => {
  it.each(checklist)('%s', async (_item, holds, options) => {
    const shell = await startTestShell(options);
    expect(await holds(shell)).toBe(true);
  });
});

describe("start at login: the autostart entry's Exec line (freedesktop quoting)", () => {
  it.each([
    ['/opt/Hài Lòng/hai-long', '"/opt/Hài Lòng/hai-long"'],
    ['/opt/a"b$c`d/x', '"/opt/a\\\\"b\\\\$c\\\\`d/x"'],
    ['/opt/back\\slash/x', '"/opt/back\\\\\\\\slash/x"'],
    ['/opt/100%/x', '"/opt/100%%/x"'],
  ])('%s → %s', (path, exec) => expect(desktopExecArgument(path)).toBe(exec));

  it('refuses a path with a line break (it would end the Exec line)', () => {
    expect(() => desktopExecArgument('/opt/a\nb')).toThrow();
  });
});

describe('keys refused in before-input-event', () => {
  const refused: [what: string, input: Input][] = [
    ['F5 (reload)', key('F5')],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Cmd+R (reload)', key('r', { meta: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['F12 (devtools)', key('F12')],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C (inspect)', key('C', { control: true, shift: true })],
    ['Cmd+Option+I (devtools, macOS)', key('i', { meta: true, alt: true })],
    ['Cmd+Option+J (console, macOS)', key('j', { meta: true, alt: true })],
    ['Alt+F4 (close)', key('F4', { alt: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Cmd+W (close)', key('w', { meta: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Cmd+Q (quit)', key('q', { meta: true })],
    ['Ctrl+= (zoom in)', key('=', { control: true })],
    ['Ctrl++ (zoom in)', key('+', { control: true, shift: true })],
    ['Ctrl+- (zoom out)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Ctrl+numpad + (zoom in)', key('+', { control: true }, 'NumpadAdd')],
    ['Ctrl+numpad - (zoom out)', key('-', { control: true }, 'NumpadSubtract')],
    ['Ctrl+numpad 0 (zoom reset)', key('Insert', { control: true }, 'Numpad0')],
    ['F11 (fullscreen)', key('F11')],
    ['Ctrl+Cmd+F (fullscreen, macOS)', key('f', { control: true, meta: true })],
  ];
  const allowed: [what: string, input: Input][] = [
    ['digits for the PIN pad', key('5')],
    ['letters for a name', key('r')],
    ['Shift+letter', key('R', { shift: true })],
    ['Backspace', key('Backspace')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste)', key('v', { control: true })],
  ];

  it.each(refused)('%s is refused', async (_what, input) => {
    const shell = await startTestShell();
    const event = electronEvent();
    mainWindow(shell).webContents.emit('before-input-event', event, input);
    expect(event.defaultPrevented).toBe(true);
  });

  it.each(allowed)('%s reaches the page', async (_what, input) => {
    const shell = await startTestShell();
    const event = electronEvent();
    mainWindow(shell).webContents.emit('before-input-event', event, input);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('start-up policies', () => {
  it('quits at once, with no window, when another instance holds the lock', async () => {
    const shell = await startTestShell({ singleInstanceLock: false });
    expect(shell.run).toBeUndefined();
    expect(shell.electron.app.quits).toBe(1);
    expect(shell.windows).toHaveLength(0);
    expect(shell.electron.app.calls).toEqual(['requestSingleInstanceLock', 'quit', 'ready']);
  });

  it('honours --windowed only in an unpackaged build; devtools only there', async () => {
    const packaged = await startTestShell({ args: ['--windowed'] });
    expect(mainWindow(packaged).options).toMatchObject({ kiosk: true, frame: false });
    expect(prefs(packaged).devTools).toBe(false);
    const developer = await startTestShell({ isPackaged: false, args: ['--windowed'] });
    expect(mainWindow(developer).options).toMatchObject({ kiosk: false, frame: true });
    expect(prefs(developer).devTools).toBe(true);
    const developerKiosk = await startTestShell({ isPackaged: false });
    expect(mainWindow(developerKiosk).options).toMatchObject({ kiosk: true, frame: false });
  });

  it('rate-limits each method generously, with a typed refusal, but never submitRating', async () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const shell = await startTestShell({ now: () => now });
    const replies = [];
    for (let i = 0; i < ipcRateLimit.calls + 1; i++) replies.push(await call(shell, 'getSyncStatus'));
    expect(replies.slice(0, ipcRateLimit.calls).every((r) => (r as { ok: boolean }).ok)).toBe(true);
    expect(replies.at(-1)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: expect.any(String), retryAt: new Date(now + ipcRateLimit.windowMs).toISOString() } });
    // Another method has its own allowance; the next window a fresh one.
    expect(await call(shell, 'getHomeScreen')).toMatchObject({ ok: true });
    now += ipcRateLimit.windowMs;
    expect(await call(shell, 'getSyncStatus')).toMatchObject({ ok: true });
    // A citizen's tap is never refused (taps beyond any limit, all stored).
    for (let i = 0; i < ipcRateLimit.calls * 2; i++) expect(await call(shell, 'submitRating', { scale: 'vn-3', level: 1 })).toMatchObject({ ok: true });
  });

  it('lets staff (section head, IT) leave kiosk mode through exitKiosk; nobody else; the window then closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const shell = await startTestShell();
      const backend = shell.opened[0] as KioskBackend;
      expect(await call(shell, 'exitKiosk')).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
      const refusedClose = electronEvent();
      mainWindow(shell).emit('close', refusedClose);
      expect(refusedClose.defaultPrevented).toBe(true);
      sectionHeadSession(backend);
      expect(await call(shell, 'exitKiosk')).toEqual({ ok: true, data: { closing: true } });
      expect(shell.electron.app.quits).toBe(0); // the reply reaches the page first
      await vi.runAllTimersAsync();
      expect(shell.electron.app.quits).toBeGreaterThanOrEqual(1);
      const close = electronEvent();
      mainWindow(shell).emit('close', close);
      expect(close.defaultPrevented).toBe(false);
      expect(shell.logLines().some((l) => l.msg === 'staff left kiosk mode (exitKiosk)')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('forwards backend events to the page', async () => {
    const shell = await startTestShell();
    (shell.opened[0] as KioskBackend).events.emit('shiftChanged', {});
    expect(mainWindow(shell).webContents.sent).toEqual([['kiosk:event', 'shiftChanged', {}]]);
  });
});

describe('secrets: never unprotected', () => {
  const refusedCases: [what: string, options: Parameters<typeof startTestShell>[0]][] = [
    ['safeStorage unavailable (no OS key store)', { encryptionAvailable: false }],
    ["Linux's basic_text backend (a key built into Chromium)", { encryptionAvailable: true, storageBackend: 'basic_text' }],
    ['safeStorage unavailable on Windows', { encryptionAvailable: false, platform: 'win32' }],
  ];

  it.each(refusedCases)('%s → out of service with a cause for IT, an incident in the log, no backend, no exit', async (_what, options) => {
    const shell = await startTestShell(options);
    expect(shell.opened).toHaveLength(0);
    expect(shell.electron.app.exits).toEqual([]);
    expect(mainWindow(shell).webContents.loaded).toEqual([APP_HOME]);
    const reply = (await call(shell, 'getHomeScreen')) as { ok: boolean; error: { code: string; incidentCode: string; detail: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-SECRETS-UNPROTECTED' } });
    // The cause for IT, as the error's detail (the notice's own text is the one for every outage).
    expect(reply.error.detail).toMatch(/KIOSK_ALLOW_FILE_SECRETS=1/);
    expect(shell.logLines().filter((l) => l.incident === 'HL-SECRETS-UNPROTECTED' && l.level === 50)).toHaveLength(1);
  });

  it('KIOSK_ALLOW_FILE_SECRETS=1 allows the file store (a dedicated, locked-down PC), said in the log', async () => {
    const shell = await startTestShell({ encryptionAvailable: false, env: { KIOSK_ALLOW_FILE_SECRETS: '1' } });
    expect(shell.opened).toHaveLength(1);
    expect(await call(shell, 'getHomeScreen')).toMatchObject({ ok: true });
    expect(shell.logLines().some((l) => l.msg === 'secrets kept in plain files (KIOSK_ALLOW_FILE_SECRETS=1)')).toBe(true);
  });

  it('a backend that cannot start → out of service, never a modal and exit', async () => {
    const shell = await startTestShell({
      openBackend: () => {
        throw new Error('disk I/O error');
      },
    });
    expect(shell.electron.app.exits).toEqual([]);
    expect(await call(shell, 'submitRating', { scale: 'vn-3', level: 1 })).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-BACKEND-UNAVAILABLE' } });
    expect(shell.logLines().some((l) => l.incident === 'HL-BACKEND-UNAVAILABLE')).toBe(true);
  });
});
