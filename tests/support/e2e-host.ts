// End-to-end helpers: the built browser host as a real child process on a real data folder,
// a real Chromium, and the SQLite file read back behind the app's back. Nothing here is
// mocked: what the tests see is what a counter clerk's machine would do.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { listRatings, type RatingRow } from '../../electron/backend/ratings-repo';
import { saveKioskSettings } from '../../electron/backend/settings-repo';
import { httpPath, type MethodName } from '../../shared/contract';
import { type KioskSettings } from '../../shared/settings';
import { ALL_DAY_EVERY_DAY } from './opening-hours-fixture';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Node 22 from the `node` devDependency: the system node may be older than better-sqlite3 needs. */
export const nodeBinary = join(repoRoot, 'node_modules', '.bin', 'node');
export const hostScript = join(repoRoot, 'dist', 'host', 'browser-host.mjs');
export const outputDir = join(repoRoot, 'test-output');
export const screenshotDir = join(outputDir, 'screenshots');

const URL_LINE = /^KIOSK_URL=(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/;
const KEEP_STDERR_CHARS = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Data folders

/** A new, empty data folder: test-output/e2e/<name>-<random>. Kept after the run for inspection. */
export function freshDataDir(name: string): string {
  const base = join(outputDir, 'e2e');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name}-`));
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/**
 * Write kiosk settings into a data folder before the host starts (creates the database). Open
 * all day unless the patch gives hours: e2e tests run at any hour of the real clock.
 */
export function provision(dataDir: string, patch: Partial<KioskSettings>): KioskSettings {
  const db = openDatabase(databaseFile(dataDir));
  try {
    return saveKioskSettings(db, { openingHours: ALL_DAY_EVERY_DAY, ...patch });
  } finally {
    db.close();
  }
}

export interface DatabaseSnapshot {
  ratings: RatingRow[];
  /** `PRAGMA integrity_check`: exactly ['ok'] when the file is sound. */
  integrity: string[];
  /** The device id stored in settings, or undefined before the first host start. */
  deviceId: string | undefined;
}

/**
 * Read the database read-only, the way a reporting tool would. Safe while the host runs (WAL)
 * and after it was killed (the committed WAL frames are read, nothing is checkpointed).
 */
export function readDatabase(dataDir: string): DatabaseSnapshot {
  const db = new BetterSqlite3(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const ratings = listRatings(db);
    const row = db.prepare("SELECT value FROM settings WHERE key = 'device_id'").get() as { value: string } | undefined;
    const deviceId = row === undefined ? undefined : (JSON.parse(row.value) as string);
    return { ratings, integrity, deviceId };
  } finally {
    db.close();
  }
}

/**
 * One contract call to a running host exactly as the page makes it (POST /api/<method>, the
 * launch's bearer token), for tests that need the backend's answer but not the screen. Returns
 * the parsed `Result` body; throws if the host does not answer.
 */
export async function callHost(hostUrl: string, name: MethodName, input: unknown): Promise<unknown> {
  const { url, authorization } = hostRoute(hostUrl, name);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(input) });
  return (await response.json()) as unknown;
}

/** Where a contract method answers on a running host, and the header the page sends with it. */
export function hostRoute(hostUrl: string, name: MethodName): { url: URL; authorization: string } {
  const printed = new URL(hostUrl);
  const token = new URLSearchParams(printed.hash.slice(1)).get('token') ?? '';
  return { url: new URL(httpPath(name), printed.origin), authorization: `Bearer ${token}` };
}

export function readRatings(dataDir: string): RatingRow[] {
  return readDatabase(dataDir).ratings;
}

// ---------------------------------------------------------------------------------------------
// The browser host process

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface KioskHost {
  /** `http://127.0.0.1:<port>/#token=<token>`, as printed by the host. */
  url: string;
  process: ChildProcess;
  /** Everything the host wrote to stdout so far, line by line. */
  stdoutLines: () => string[];
  /** The tail of what the host wrote to stderr. */
  stderr: () => string;
  /** SIGTERM, then wait for the exit (SIGKILL and throw if it hangs). */
  stop: () => Promise<ExitInfo>;
  /** SIGKILL, then wait for the exit: a crash or a power cut, as far as the app can tell. */
  kill: () => Promise<ExitInfo>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test run is torn down without its hooks: never leave a host behind.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

function exited(child: ChildProcess): ExitInfo | undefined {
  return child.exitCode !== null || child.signalCode !== null ? { code: child.exitCode, signal: child.signalCode } : undefined;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<ExitInfo | undefined> {
  const already = exited(child);
  if (already !== undefined) return Promise.resolve(already);
  return new Promise((resolve) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      resolve({ code, signal });
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(undefined);
    }, timeoutMs);
    child.once('exit', onExit);
  });
}

export interface StartHostOptions {
  /** How long to wait for the KIOSK_URL line. */
  readyTimeoutMs?: number;
  /** Extra environment for the host (e.g. KIOSK_USB_DIRS); KIOSK_DATA_DIR is always cleared. */
  env?: NodeJS.ProcessEnv;
  /**
   * 'remembered': no --port, as people start it — the data folder's remembered port, so a restart
   * keeps the URL. Otherwise --port (default 0: any free port, this launch only).
   */
  port?: number | 'remembered';
  /** --storage-retry-ms: the wait between two attempts to open the storage (default the host's 10 s). */
  storageRetryMs?: number;
  /** --events-keep-alive-ms: the event stream's keep-alive (default the host's 10 s). */
  eventsKeepAliveMs?: number;
}

/** Start dist/host/browser-host.mjs on `dataDir` and wait until it prints its URL. */
export async function startHost(dataDir: string, options: StartHostOptions = {}): Promise<KioskHost> {
  if (!existsSync(hostScript)) {
    throw new Error(`The browser host is not built (${hostScript} is missing): run npm run build first.`);
  }
  if (!existsSync(nodeBinary)) {
    throw new Error(`${nodeBinary} is missing: run npm ci (the "node" devDependency provides Node 22).`);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  installExitHook();
  const portArgs = options.port === 'remembered' ? [] : ['--port', String(options.port ?? 0)];
  const retryArgs = [
    ...(options.storageRetryMs === undefined ? [] : ['--storage-retry-ms', String(options.storageRetryMs)]),
    ...(options.eventsKeepAliveMs === undefined ? [] : ['--events-keep-alive-ms', String(options.eventsKeepAliveMs)]),
  ];
  const child = spawn(nodeBinary, [hostScript, '--data-dir', dataDir, ...portArgs, ...retryArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The folder comes from --data-dir only; a KIOSK_DATA_DIR from the caller must not matter.
    env: { ...process.env, ...options.env, KIOSK_DATA_DIR: '' },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // A failed kill() after start is reported through the exit wait, not as an unhandled 'error'.
  child.on('error', () => undefined);

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-KEEP_STDERR_CHARS);
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8');

  const url = await new Promise<string>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('close', onEarlyExit);
    };
    const fail = (reason: string) => {
      settle();
      child.kill('SIGKILL');
      reject(new Error(`Browser host on ${dataDir} ${reason}.\nstdout: ${[...lines, partial].join('\n')}\nstderr: ${stderr}`));
    };
    const onError = (error: Error) => fail(`could not be started: ${error.message}`);
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited before it was ready (code ${code}, signal ${signal}; if dist/ is older than the sources, run npm run build)`);
    const timer = setTimeout(() => fail(`printed no KIOSK_URL line within ${readyTimeoutMs} ms`), readyTimeoutMs);
    child.once('error', onError);
    // 'close', not 'exit': by then stderr has been read to the end, so the error shows it all.
    child.once('close', onEarlyExit);
    child.stdout?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const match = URL_LINE.exec(line);
        if (match?.[1] !== undefined) {
          settle();
          resolve(match[1]);
        }
      }
    });
  });

  const stop = async (): Promise<ExitInfo> => {
    const done = exited(child);
    if (done !== undefined) return done;
    child.kill('SIGTERM');
    const info = await waitForExit(child, 15_000);
    if (info !== undefined) return info;
    child.kill('SIGKILL');
    await waitForExit(child, 15_000);
    throw new Error(`Browser host did not exit within 15 s of SIGTERM; killed it.\nstderr: ${stderr}`);
  };
  const kill = async (): Promise<ExitInfo> => {
    const done = exited(child);
    if (done !== undefined) return done;
    child.kill('SIGKILL');
    const info = await waitForExit(child, 15_000);
    if (info === undefined) throw new Error(`Browser host (pid ${child.pid}) did not die within 15 s of SIGKILL.`);
    return info;
  };

  return { url, process: child, stdoutLines: () => [...lines], stderr: () => stderr, stop, kill };
}

/** For afterEach/afterAll: SIGKILL every host still running and wait until each is gone. */
export async function killAllHosts(): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      if (exited(child) === undefined) child.kill('SIGKILL');
      await waitForExit(child, 15_000);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Chromium

/** CHROMIUM_PATH, else the Debian package's /usr/bin/chromium. Never downloaded. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : '/usr/bin/chromium';
}

/** Headless Chromium. Throws (the tests fail, never skip) when the browser is not installed. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian: apt-get install chromium) ` +
        `or set CHROMIUM_PATH. End-to-end tests never skip for a missing browser.`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface SharedBrowser {
  /** The file's Chromium, launched on first use; every later call gets the same one. */
  get: () => Promise<Browser>;
  close: () => Promise<void>;
}

/**
 * One Chromium per test file, launched on first use rather than in beforeAll: when the launch
 * fails, every test that needs the browser fails with the reason (a failing beforeAll would
 * only mark them skipped).
 */
export function sharedBrowser(): SharedBrowser {
  let launching: Promise<Browser> | undefined;
  return {
    get: () => (launching ??= launchBrowser()),
    close: async () => {
      const pending = launching;
      launching = undefined;
      if (pending !== undefined) await pending.then((browser) => browser.close(), () => undefined);
    },
  };
}

/**
 * The usual life of an end-to-end file, registered by calling this at its top: one Chromium for
 * the file; after each test, the pages it tracked are closed and every host is killed; at the
 * end the browser is closed. Screenshots have their folder.
 */
export function e2eFile(): { chromium: SharedBrowser; track: (page: Page) => Page } {
  const browser = sharedBrowser();
  const pages: Page[] = [];
  beforeAll(() => {
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close().catch(() => undefined)));
    await killAllHosts();
  });
  afterAll(async () => {
    await browser.close();
    await killAllHosts();
  });
  return {
    chromium: browser,
    track: (page) => {
      pages.push(page);
      return page;
    },
  };
}
