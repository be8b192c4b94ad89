// The shell's real start-up (`startShell`) run against the Electron stand-in: a throwaway data
// folder, a built-renderer folder with an index.html and one script, a capturing logger, the
// kiosk backend as the tests open it, a throwaway home (where Linux's autostart entry goes).
// `ready: false` stops before Electron's 'ready'.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { startShell, type ShellBackend, type ShellOptions } from '../../electron/shell/start-shell';
import { capturingLogger, openTestBackend, tempDataDir } from './backend-fixture';
import { createElectronStandIn, type StandInOptions } from './electron-stand-in';

export const INDEX_HTML = '<!doctype html><html lang="vi"><title>kiosk</title><script type="module" src="./assets/index.js"></script></html>';

export interface TestShellOptions extends StandInOptions {
  /** Command-line arguments after the executable (and, unpackaged, the app path). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  openBackend?: ShellOptions['openBackend'];
  now?: () => number;
  setTimeout?: ShellOptions['setTimeout'];
  ready?: boolean;
  /** The stored device setting the shell finds at start (seeded before it reads it). */
  startAtLogin?: boolean;
}

export function rendererBundle(): { bundleDir: string; rendererDir: string } {
  const root = tempDataDir();
  const bundleDir = join(root, 'dist', 'electron');
  const rendererDir = join(root, 'dist', 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'index.js'), 'document.title = "kiosk";');
  writeFileSync(join(rendererDir, 'assets', 'index.css'), 'body { margin: 0 }');
  writeFileSync(join(rendererDir, 'assets', 'notes.unknown'), 'no type for this');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  return { bundleDir, rendererDir };
}

export async function startTestShell(options: TestShellOptions = {}) {
  const standIn = createElectronStandIn(options);
  const { bundleDir, rendererDir } = rendererBundle();
  const dataDir = tempDataDir();
  const homeDir = tempDataDir();
  const { log, lines } = capturingLogger();
  const opened: ShellBackend[] = [];
  const isPackaged = options.isPackaged ?? true;
  // A packaged app's argv is [exe, ...args]; an unpackaged one's [electron, app path, ...args].
  const argv = [isPackaged ? '/opt/hai-long/hai-long' : '/usr/bin/electron', ...(isPackaged ? [] : ['.']), '--data-dir', dataDir, ...(options.args ?? [])];
  const started = startShell(standIn.electron, {
    argv,
    env: options.env ?? {},
    platform: options.platform ?? 'linux',
    bundleDir,
    execPath: argv[0] ?? '',
    homeDir,
    createLog: () => log,
    openBackend:
      options.openBackend ??
      ((o) => {
        const backend = openTestBackend({ dataDir: o.dataDir, secrets: o.secrets, log: o.log });
        if (options.startAtLogin !== undefined) saveKioskSettings(backend.context.db, { startAtLogin: options.startAtLogin });
        opened.push(backend);
        return backend;
      }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.setTimeout === undefined ? {} : { setTimeout: options.setTimeout }),
  });
  if (options.ready !== false) standIn.electron.app.ready();
  const run = options.ready === false ? undefined : await started;
  const win = standIn.windows[0];
  return { ...standIn, run, started, win, dataDir, homeDir, rendererDir, bundleDir, argv, logLines: lines, opened };
}
