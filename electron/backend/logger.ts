// The one logger factory. JSON lines (pino) in <data dir>/logs/kiosk.<n>.log so IT staff can
// read them and later issues can bundle them for diagnostics. Never log secrets or PINs. The log
// names officers, office and sign-in events: its folder is 0700 and the files 0600 (issue 10),
// also when an older version left them 0755/0644 (file-modes.ts; no-ops on Windows).
// The files rotate by size with a bounded count (pino-roll, issue 12; docs/DECISIONS.md): the
// kiosk never fills its own disk with logs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { ensurePrivateDir, makePrivateIfExists } from '../../shared/node/file-modes';

export type { Logger } from 'pino';

export interface LogRotation {
  maxFileBytes: number;
  /** Files kept, the one being written included. */
  files: number;
}

export const defaultLogRotation: LogRotation = { maxFileBytes: 10 * 1024 * 1024, files: 5 };

const LOG_NAME = /^kiosk\.(\d+)\.log$/;
/** What versions before rotation wrote; read when no numbered file exists yet, never written. */
const LEGACY_LOG = 'kiosk.log';

export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** The file being written now: the highest-numbered one (or the legacy kiosk.log). */
export function currentLogFile(dataDir: string): string {
  const dir = logsDir(dataDir);
  const numbered = existsSync(dir)
    ? readdirSync(dir)
        .map((name) => LOG_NAME.exec(name))
        .filter((m) => m !== null)
        .sort((a, b) => Number(b[1]) - Number(a[1]))
    : [];
  return join(dir, numbered[0]?.[0] ?? LEGACY_LOG);
}

/** A pino destination whose readiness the caller can await (tests, tools that read the file back). */
export type RotatingDestination = DestinationStream & { ready: Promise<void> };

/**
 * pino-roll opens its first file asynchronously, while the backend opens synchronously: lines
 * logged in that moment (a few milliseconds at start) wait in memory and are written, in order,
 * as soon as the file is open. From then on every line is written synchronously (`sync`): an
 * error logged just before a crash is in the file.
 */
export function rotatingDestination(dir: string, rotation: LogRotation = defaultLogRotation): RotatingDestination {
  ensurePrivateDir(dir);
  for (const name of readdirSync(dir)) if (LOG_NAME.test(name) || name === LEGACY_LOG) makePrivateIfExists(join(dir, name));
  let pending: string[] | null = [];
  let stream: { write: (line: string) => unknown } | null = null;
  const ready = pinoRoll({
    file: join(dir, 'kiosk'),
    extension: '.log',
    size: `${Math.max(1, Math.floor(rotation.maxFileBytes / 1024))}k`,
    limit: { count: Math.max(0, rotation.files - 1), removeOtherLogFiles: true },
    sync: true,
    mode: 0o600,
  }).then(
    (boom) => {
      // A failed write (disk full) must not end the kiosk: it reports on stderr and goes on.
      boom.on('error', (error: unknown) => process.stderr.write(`log write failed: ${String(error)}\n`));
      stream = boom;
      for (const line of pending ?? []) boom.write(line);
      pending = null;
    },
    (error: unknown) => {
      pending = null;
      process.stderr.write(`log file not opened: ${String(error)}\n`);
    },
  );
  return {
    ready,
    write: (line: string) => {
      if (stream !== null) stream.write(line);
      else pending?.push(line);
    },
  };
}

export function createLogger(dataDir: string, level: pino.LevelWithSilent = 'info', rotation: LogRotation = defaultLogRotation): Logger {
  const destination = rotatingDestination(logsDir(dataDir), rotation);
  const log = pino({ level, base: { app: 'hai-long-kiosk' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  readiness.set(log, destination.ready);
  return log;
}

const readiness = new WeakMap<Logger, Promise<void>>();

/** Resolves once `log`'s file is open (at once for a logger createLogger did not make). */
export function logFileReady(log: Logger): Promise<void> {
  return readiness.get(log) ?? Promise.resolve();
}

/** For tests and tools that must not write files. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
