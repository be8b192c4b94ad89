// The one logger factory. JSON lines (pino) in <data dir>/logs/kiosk.log so IT staff can read
// them and later issues can bundle them for diagnostics. Never log secrets or PINs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(dataDir: string, level: pino.LevelWithSilent = 'info'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  // sync: an error logged just before a crash or power cut must still be in the file.
  const destination = pino.destination({ dest: join(dir, 'kiosk.log'), sync: true, mkdir: true });
  return pino({ level, base: { app: 'hai-long-kiosk' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** For tests and tools that must not write files. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
