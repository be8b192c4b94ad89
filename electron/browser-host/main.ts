// `npm run start:browser`: parse the command line, open the backend, serve, print KIOSK_URL.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveDataDir, osUserDataDir } from '../backend/data-dir';
import { openKioskBackend } from '../backend/kiosk-backend';
import { startBrowserHost } from './browser-host';

const argsSchema = z.object({
  'data-dir': z.string().optional(),
  port: z.coerce.number().int().min(0, 'Cổng phải từ 0 đến 65535').max(65535, 'Cổng phải từ 0 đến 65535').default(0),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const dataDir = resolveDataDir({ flag: args['data-dir'], env: process.env, userDataDir: osUserDataDir() });
  const backend = openKioskBackend({ dataDir, appVersion: KIOSK_APP_VERSION });
  const here = dirname(fileURLToPath(import.meta.url));
  const host = await startBrowserHost({
    endpoint: backend.endpoint,
    subscribe: backend.events.subscribe,
    log: backend.context.log,
    rendererDir: join(here, '..', 'renderer'),
    port: args.port,
  });
  const stop = () => {
    void host
      .close()
      .finally(() => backend.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Exactly one line on stdout, for people and for the tests that wait on it.
  process.stdout.write(`KIOSK_URL=${host.url}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
  process.stderr.write(`Không khởi động được máy đánh giá: ${message}\n`);
  process.exit(1);
});
