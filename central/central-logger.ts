// Central's logger: JSON lines (pino) to a stream the caller chooses — stderr when serving, so
// a service manager (systemd, Docker) collects them and stdout keeps its one CENTRAL_URL line.
// Never log tokens.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createCentralLogger(stream: pino.DestinationStream, level: pino.LevelWithSilent = 'info'): Logger {
  return pino({ level, base: { app: 'hai-long-central' }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}
