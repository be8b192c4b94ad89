// `npm run start:browser`: parse the command line, start the kiosk service, serve, print
// KIOSK_URL. A storage that cannot be opened does not stop the host: the service answers
// OUT_OF_SERVICE and retries (kiosk-service.ts). The URL stays the same across restarts on one
// data folder (host-address.ts); --port pins a port for this launch only. --storage-retry-ms
// changes the wait between two attempts to open the storage (default STORAGE_RETRY_MS, 10 s):
// the end-to-end tests of an outage use it so as not to sit out the 10 s. --events-keep-alive-ms
// likewise shortens the event stream's keep-alive (default 10 s) for a test that drives the page's clock.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveDataDir, osUserDataDir } from '../backend/data-dir';
import { startKioskService, STORAGE_RETRY_MS } from '../backend/kiosk-service';
import { EVENTS_KEEP_ALIVE_MS } from './browser-host';
import { startBrowserHostKeepingAddress } from './host-address';

const argsSchema = z.object({
  'data-dir': z.string().optional(),
  port: z.coerce.number().int().min(0, 'Cổng phải từ 0 đến 65535').max(65535, 'Cổng phải từ 0 đến 65535').optional(),
  'storage-retry-ms': z.coerce
    .number()
    .int()
    .min(100, 'Thời gian chờ mở lại dữ liệu phải từ 100 đến 600000 ms')
    .max(600_000, 'Thời gian chờ mở lại dữ liệu phải từ 100 đến 600000 ms')
    .default(STORAGE_RETRY_MS),
  'events-keep-alive-ms': z.coerce
    .number()
    .int()
    .min(100, 'Nhịp giữ kết nối từ 100 đến 20000 ms')
    .max(20_000, 'Nhịp giữ kết nối từ 100 đến 20000 ms')
    .default(EVENTS_KEEP_ALIVE_MS),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'storage-retry-ms': { type: 'string' }, 'events-keep-alive-ms': { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const dataDir = resolveDataDir({ flag: args['data-dir'], env: process.env, userDataDir: osUserDataDir() });
  const backend = startKioskService({ dataDir, appVersion: KIOSK_APP_VERSION, retryMs: args['storage-retry-ms'] });
  const here = dirname(fileURLToPath(import.meta.url));
  const host = await startBrowserHostKeepingAddress({
    dataDir,
    pinnedPort: args.port,
    endpoint: backend.endpoint,
    subscribe: backend.events.subscribe,
    log: backend.log,
    rendererDir: join(here, '..', 'renderer'),
    eventsKeepAliveMs: args['events-keep-alive-ms'],
    onPortMoved: (from, to) =>
      process.stderr.write(`Cổng ${from} đang bận: máy đánh giá dùng cổng ${to}. Trang đang mở theo địa chỉ cũ không tự kết nối lại được; hãy mở địa chỉ mới dưới đây.\n`),
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
