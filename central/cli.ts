// `npm run central -- …`: serve the central endpoint, provision devices and admin tokens.
// In-process and injectable (streams, env, clock, shutdown) so tests run it without spawning.
import { buildCentralServer } from './central-server';
import { ALERT_TIMER_MS, alertWebhookUrlFromEnv } from './alerts/alert-service';
import { createCentralLogger } from './central-logger';
import { parseCentralArgs, usage, UsageError, type CentralCommand } from './cli-args';
import { formatDeviceTable } from './device-table';
import { openCentralStore } from './open-store';
import { canonicalPublicKey } from '../shared/sync-files/signed-file';
import { keyFingerprint } from '../shared/sync-files/enrollment-file';
import { centralCliActor } from './cli-actor';
import { UnsafeFileError, unsafeFileLine } from '../shared/node/safe-file-read';
import type { CentralStore } from './store/central-store';
import { enrollDevice, importSyncFiles, provisionDevice } from './sync-file-commands';
import { centralSigningKey } from './signing-key';
import { writePinResetFile } from './pin-reset-file-command';
import { rateLimitsFromEnv } from './rate-limits';
import { verifyChains } from './chain-verify-command';
import { formatReferenceLookup, lookUpReference, MalformedReferenceError } from './reference-lookup';
import { formatDossierRepeats } from './dossier-repeats-table';
import { runUserCommand } from './accounts/user-commands';
import { webAccessFromEnv } from './accounts/web-access';
import { runUnitCommand } from './unit-commands';
import { AdminRefusal } from './admin/admin-refusal';
import { revokeDevice } from './admin/admin-service';
import { provinceNameFromEnv } from './web-page';
import { runReportCommand } from './dashboard/report-command';
import { officerMinimumFromEnv } from './dashboard/dashboard-settings';
import { silentDaysFromEnv } from './fleet/fleet-settings';
import { runTalliesCommand } from './tallies-command';

export interface TextSink {
  write(text: string): unknown;
}

export interface CentralCliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** `serve` stops when this aborts; default: SIGINT or SIGTERM. */
  shutdown?: AbortSignal;
  now?: () => Date;
  version?: string;
  /** `user add|reset-password --password-stdin` reads the password's line here (process.stdin). */
  stdin?: AsyncIterable<string | Buffer>;
  /** `serve`: the built web page's folder (web-page.ts), served at `/`; none: the API only. */
  webPageDir?: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export async function runCentralCli(argv: readonly string[], io: CentralCliIo): Promise<number> {
  let command: CentralCommand;
  try {
    command = parseCentralArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`Lỗi: ${error.message}.\n\n${usage}`);
    return EXIT_USAGE;
  }
  if (command.command === 'help') {
    io.stdout.write(usage);
    return EXIT_OK;
  }
  if (command.command === 'serve') return serve(command, io);
  let store: CentralStore | undefined;
  try {
    store = await openCentralStore({ env: io.env, dataDir: command.dataDir, ...(io.now ? { now: io.now } : {}) });
    return await runStoreCommand(command, store, io);
  } catch (error) {
    io.stderr.write(`Không thực hiện được lệnh: ${errorText(error)}\n`);
    return EXIT_FAILED;
  } finally {
    await store?.close();
  }
}

type StoreCommand = Exclude<CentralCommand, { command: 'help' | 'serve' }>;

async function runStoreCommand(command: StoreCommand, store: CentralStore, io: CentralCliIo): Promise<number> {
  switch (command.command) {
    case 'device add': {
      const publicKey = command.publicKey === undefined ? undefined : await canonicalPublicKey(command.publicKey);
      const { deviceId, token } = await store.addDevice({
        deviceId: command.deviceId,
        officeCode: command.officeCode,
        counter: command.counter,
        label: command.label ?? null,
        publicKey: null,
      });
      // A first key is logged like every key change (device_key_changes).
      if (publicKey !== undefined) {
        await store.changeDevicePublicKey({
          deviceId, oldPublicKey: null, oldFingerprint: null, newPublicKey: publicKey, newFingerprint: await keyFingerprint(publicKey), method: 'first', actor: centralCliActor(undefined, io.env),
        });
      }
      const label = command.label === undefined ? '' : ` (${command.label})`;
      io.stdout.write(
        `Đã thêm thiết bị cho quầy ${command.counter} của đơn vị ${command.officeCode}${label}. ` +
          `Mã truy cập chỉ hiển thị một lần: hãy nhập ngay vào máy đánh giá.\n` +
          `DEVICE_ID=${deviceId}\nDEVICE_TOKEN=${token}\n`,
      );
      return EXIT_OK;
    }
    case 'device list':
      io.stdout.write(formatDeviceTable(await store.deviceSummaries()));
      return EXIT_OK;
    case 'device revoke':
      try {
        await revokeDevice({ store, now: io.now ?? (() => new Date()) }, { actor: centralCliActor(undefined, io.env), account: null, address: null }, command.deviceId);
      } catch (error) {
        if (!(error instanceof AdminRefusal)) throw error;
        io.stderr.write(`Không có thiết bị ${command.deviceId}. Xem danh sách bằng "device list".\n`);
        return EXIT_FAILED;
      }
      io.stdout.write(`Đã thu hồi thiết bị ${command.deviceId}: máy đánh giá này không gửi được dữ liệu nữa.\n`);
      return EXIT_OK;
    case 'device rebuild': {
      const rebuilt = await store.rebuildDeviceState();
      io.stdout.write(`Đã tính lại trạng thái thiết bị từ các đánh giá và chuỗi bản ghi đã lưu.\nDEVICES=${rebuilt.devices}\nSEQ_RANGES=${rebuilt.ranges}\nCHAIN_RANGES=${rebuilt.chainRanges}\n`);
      return EXIT_OK;
    }
    case 'device enroll':
      return enrollDevice(command, store, { ...io, now: io.now ?? (() => new Date()), env: io.env });
    case 'provision':
      return provisionDevice(command, store, { ...io, now: io.now ?? (() => new Date()) });
    case 'import':
      return importSyncFiles(command, store, { ...io, now: io.now ?? (() => new Date()) });
    case 'pin-reset-file':
      return writePinResetFile(command, store, { ...io, now: io.now ?? (() => new Date()) });
    case 'key': {
      // Created on first use like for `provision`, so the fingerprint can be read out before any file exists.
      const key = await centralSigningKey(store);
      io.stdout.write(
        'Khóa ký của máy chủ trung tâm. Cán bộ CNTT so dấu vân tay này với dấu vân tay máy đánh giá hiển thị ' +
          'khi nhập tệp cấu hình đầu tiên (hoặc nhập nó vào "import-provisioning --fingerprint").\n' +
          `CENTRAL_PUBLIC_KEY=${key.publicKey}\nCENTRAL_KEY_FINGERPRINT=${await keyFingerprint(key.publicKey)}\n`,
      );
      return EXIT_OK;
    }
    case 'verify':
      return verifyChains(command.deviceId, store, { ...io, now: io.now ?? (() => new Date()) });
    case 'lookup':
      try {
        io.stdout.write(formatReferenceLookup(await lookUpReference(store, command.referenceCode)));
        return EXIT_OK;
      } catch (error) {
        if (!(error instanceof MalformedReferenceError)) throw error;
        io.stderr.write(`Lỗi: ${error.message}.\n`);
        return EXIT_USAGE;
      }
    case 'dossier-repeats':
      io.stdout.write(formatDossierRepeats(await store.dossierRepeats()));
      return EXIT_OK;
    case 'user add':
    case 'user list':
    case 'user disable':
    case 'user reset-password':
      return runUserCommand(command, store, { ...io, now: io.now ?? (() => new Date()) });
    case 'unit add':
    case 'unit list':
    case 'unit assign-office':
    case 'unit import':
      return runUnitCommand(command, store, { ...io, now: io.now ?? (() => new Date()) });
    case 'report':
      return runReportCommand(command, store, { ...io, now: io.now ?? (() => new Date()), officerMinimumRatings: officerMinimumFromEnv(io.env) });
    case 'tallies rebuild':
      return runTalliesCommand(command, store, io);
    case 'admin add': {
      const token = await store.addAdminToken(command.label);
      io.stdout.write(`Đã tạo mã quản trị "${command.label}". Mã chỉ hiển thị một lần.\nADMIN_TOKEN=${token}\n`);
      return EXIT_OK;
    }
  }
}

async function serve(command: Extract<CentralCommand, { command: 'serve' }>, io: CentralCliIo): Promise<number> {
  const log = createCentralLogger(io.stderr);
  const now = io.now ?? (() => new Date());
  const shutdown = io.shutdown ?? processSignals();
  let store: CentralStore | undefined;
  try {
    const rateLimits = rateLimitsFromEnv(io.env);
    const webAccess = webAccessFromEnv(io.env);
    const provinceName = provinceNameFromEnv(io.env);
    const officerMinimumRatings = officerMinimumFromEnv(io.env);
    const silentWorkingDays = silentDaysFromEnv(io.env);
    const alertWebhookUrl = alertWebhookUrlFromEnv(io.env);
    store = await openCentralStore({
      env: io.env,
      dataDir: command.dataDir,
      now,
      onConnectionError: (error) => log.warn({ err: error }, 'database connection lost; reconnecting on next query'),
    });
    const server = buildCentralServer({
      store,
      log,
      now,
      version: io.version ?? 'dev',
      rateLimits,
      webAccess,
      provinceName,
      officerMinimumRatings,
      silentWorkingDays,
      alertWebhookUrl,
      alertTimerMs: ALERT_TIMER_MS,
      ...(io.webPageDir === undefined ? {} : { webPageDir: io.webPageDir }),
    });
    await server.listen({ host: command.host, port: command.port });
    const address = server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : command.port;
    log.info({ host: command.host, port, storage: store.storage }, 'central listening');
    // Exactly one line on stdout, for people and for scripts that wait on it.
    io.stdout.write(`CENTRAL_URL=http://${urlHost(command.host)}:${port}\n`);
    await aborted(shutdown);
    log.info('central stopping');
    await server.close();
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`Không khởi động được máy chủ trung tâm: ${errorText(error)}\n`);
    return EXIT_FAILED;
  } finally {
    await store?.close();
  }
}

/** A wildcard address is not somewhere to connect to: print the loopback instead. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function processSignals(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function errorText(error: unknown): string {
  if (error instanceof UnsafeFileError) return unsafeFileLine(error);
  return error instanceof Error ? error.message : String(error);
}
