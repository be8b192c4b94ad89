// The one logger factory. JSON lines (pino) in <data dir>/logs/kiosk.log so IT staff can read
// them and later issues can bundle them for diagnostics. Never log secrets or PINs. The log
// names officers, office and sign-in events: its folder is 0700 and the file 0600 (issue 10),
// also when an older version left them 0755/0644 (file-modes.ts; no-ops on Windows).
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { ensurePrivateDir, makePrivateIfExists } from '../../shared/node/file-modes';

export type { Logger } from 'pino';

export function createLogger(dataDir: string, level: pino.LevelWithSilent = 'info'): Logger {
  const dir = join(dataDir, 'logs');
  ensurePrivateDir(dir);
  const file = join(dir, 'kiosk.log');
  makePrivateIfExists(file);
  // sync: an error logged just before a crash or power cut must still be in the file.
  const destination = pino.destination({ dest: file, sync: true, mode: 0o600 });
  return pino({ level, base: { app: 'hai-long-kiosk' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** For tests and tools that must not write files. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
