// The kiosk as both hosts run it (issue 12): in service on an open database, or out of service
// while its storage cannot be opened — never an exit. The hosts bind `endpoint` and subscribe to
// `events` once; both stay the same object for the whole run, whatever happens beneath them.
//
// Where the outage state lives: here, and only here. Out of service, every contract call is
// answered OUT_OF_SERVICE (with the cause and the incident code) before any handler runs, and
// the storage is opened again every `retryMs`; once it opens, a new KioskBackend is built on it
// and the screen hears `serviceChanged`. A storage lost while running (the -wal file gone) turns
// the service out of service the same way, then reopens at once.
//
// Replacing the database: never under a handler. The whole KioskBackend is closed and a new one
// opened (docs/DECISIONS.md): new calls are refused from the moment the outage starts, calls
// already running are awaited, then the old backend closes (which checkpoints what its WAL
// connection still held) and the open path runs again. Staff sessions end with the old backend.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import pino from 'pino';
import { hostOf, methodNames, type BackendHandlers } from '../../shared/contract';
import { KioskFailure, type AccessGuard, type ContractEndpoint } from './dispatch';
import { createEventHub, type EventHub } from './event-hub';
import { DATABASE_FILE, openKioskBackend, type BackendOptions, type KioskBackend } from './kiosk-backend';
import { createLogger, type Logger } from './logger';
import { fileSecretStore } from './secret-store';
import { classifyStorageError } from './storage/corruption';
import { createDailyIntegrityCheck, type DailyIntegrityCheck, type DailyIntegrityCheckDeps } from './storage/daily-integrity-check';
import { openStorage } from './storage/open-storage';
import { rebuildDatabase } from './storage/recovery';
import { readKioskSettings } from './settings-repo';
import type { StorageOpening } from './storage/storage-status';
import { storageOutage, walLostOutage, type StorageOutage } from './storage/storage-outage';
import { watchWal, type WalWatch } from './storage/wal-watch';

export const STORAGE_RETRY_MS = 10_000;
export const WAL_CHECK_MS = 30_000;

/** setTimeout and clearTimeout, injected so tests fire the retries by hand. */
export interface ServiceTimers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** One run of the open path; a rebuild makes it take a while, hence the promise. */
export type OpenStorage = () => StorageOpening | Promise<StorageOpening>;

export interface KioskServiceOptions extends BackendOptions {
  /** The open path (default: storage/open-storage.ts, which rebuilds a damaged database). */
  openStorage?: OpenStorage;
  /** How the default open path opens kiosk.db: tests inject file-system faults here (open-storage.ts). */
  openDatabase?: (file: string) => Database;
  /** Between two attempts to open the storage (default STORAGE_RETRY_MS). */
  retryMs?: number;
  /** Between two checks of the -wal file while no citizen taps (default WAL_CHECK_MS). */
  walCheckMs?: number;
  timers?: ServiceTimers;
  /** The daily integrity check (default storage/daily-integrity-check.ts); tests stand in one that finds damage. */
  dailyCheck?: (deps: DailyIntegrityCheckDeps) => DailyIntegrityCheck;
}

export type ServiceState =
  | { kind: 'in-service'; backend: KioskBackend }
  /** The first open has not finished yet (a rebuild may take up to a minute): refused as out of service. */
  | { kind: 'opening' }
  | { kind: 'out-of-service'; outage: StorageOutage }
  | { kind: 'closed' };

export interface KioskService {
  /** What the IPC binding and the browser host give `dispatch`: the same object for the whole run. */
  endpoint: ContractEndpoint & { handlers: BackendHandlers };
  events: EventHub;
  log: Logger;
  state: () => ServiceState;
  /**
   * Go out of service for `outage`, close the backend, open the storage again — through
   * `openInstead` for that one attempt when given (the daily check's rebuild), else the open path.
   * While one runs, asking again answers the same promise.
   */
  reopen: (outage: StorageOutage, openInstead?: OpenStorage) => Promise<void>;
  /** Resolves once the open attempt under way (if any) has settled: for tests and tools. */
  settled: () => Promise<void>;
  /** Stops the retries and closes the backend, if one is open. */
  close: () => Promise<void>;
}

const realTimers: ServiceTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function startKioskService(options: KioskServiceOptions): KioskService {
  const log = options.log ?? loggerFor(options.dataDir);
  const events = createEventHub();
  const timers = options.timers ?? realTimers;
  const retryMs = options.retryMs ?? STORAGE_RETRY_MS;
  const walCheckMs = options.walCheckMs ?? WAL_CHECK_MS;
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const now = options.now ?? (() => new Date());
  // Made per use: a read-only folder makes even this throw, which is an outage too.
  const secrets = () => options.secrets ?? fileSecretStore(options.dataDir);
  const open =
    options.openStorage ??
    (() =>
      openStorage({
        dataDir: options.dataDir,
        now,
        secrets: secrets(),
        log,
        ...(options.openDatabase === undefined ? {} : { openDatabase: options.openDatabase }),
      }));

  let state: ServiceState = { kind: 'opening' };
  let attempting: Promise<void> = Promise.resolve();
  let timer: unknown;
  let reopening: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  const inFlight = new Set<Promise<unknown>>();

  const schedule = (run: () => void, ms: number) => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  };

  const goOutOfService = (outage: StorageOutage) => {
    const wasInService = state.kind === 'in-service';
    const same = state.kind === 'out-of-service' && state.outage.incidentCode === outage.incidentCode;
    state = { kind: 'out-of-service', outage };
    // Once per cause, not once per retry: a weekend out of service must not fill the log.
    if (!same) log.error({ reason: outage.reason, incidentCode: outage.incidentCode, detail: outage.detail }, 'storage out of service; retrying');
    if (wasInService) events.emit('serviceChanged', { inService: false });
  };

  /** The -wal is checked on every tap and on a timer; a lost one is an outage, then a reopen. */
  const walIntact = (watch: WalWatch): boolean => {
    const wal = watch.check();
    if (wal.intact) return true;
    void reopen(walLostOutage(wal.detail));
    return false;
  };

  /** Runs the open path once; a synchronous one settles before this returns. */
  const attempt = (run: OpenStorage = open): Promise<void> => {
    let result: StorageOpening | Promise<StorageOpening>;
    try {
      result = run();
    } catch (error) {
      result = outageOf(error);
    }
    if (!(result instanceof Promise)) {
      settle(result);
      return Promise.resolve();
    }
    attempting = result.then(settle, (error: unknown) => settle(outageOf(error)));
    return attempting;
  };

  const settle = (opening: StorageOpening) => {
    if (closing !== undefined) {
      if (opening.kind === 'open') opening.db.close();
      return;
    }
    if (opening.kind === 'out-of-service') {
      goOutOfService(opening);
      schedule(() => void attempt(), retryMs);
      return;
    }
    const watch = watchWal(databaseFile);
    let backend: KioskBackend;
    try {
      backend = openKioskBackend(
        { ...options, log },
        {
          db: opening.db,
          events,
          storageIntact: () => {
            if (!walIntact(watch)) throw new KioskFailure('STORAGE_FAILED', 'the -wal file was lost');
          },
        },
      );
    } catch (error) {
      // The database opened, but the first writes (the device id) failed: a full disk, say.
      try {
        opening.db.close();
      } catch {
        // already closed, or as broken as the error says
      }
      goOutOfService(outageOf(error));
      schedule(() => void attempt(), retryMs);
      return;
    }
    const wasOut = state.kind !== 'in-service';
    state = { kind: 'in-service', backend };
    if (opening.recovered !== null) log.warn({ recovered: opening.recovered }, 'database rebuilt at open');
    if (wasOut) {
      log.info('storage back in service');
      events.emit('serviceChanged', { inService: true });
    }
    const watchWalFile = () => {
      if (state.kind === 'in-service' && state.backend === backend && walIntact(watch)) schedule(watchWalFile, walCheckMs);
    };
    schedule(watchWalFile, walCheckMs);
  };

  const reopen = (outage: StorageOutage, openInstead?: OpenStorage): Promise<void> => {
    if (reopening !== undefined) return reopening;
    if (state.kind !== 'in-service') return Promise.resolve();
    const { backend } = state;
    goOutOfService(outage);
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    reopening = (async () => {
      // Calls already running finish on the backend they started on; none starts meanwhile.
      await Promise.allSettled([...inFlight]);
      try {
        await backend.close();
      } catch (error) {
        log.error({ err: error }, 'closing the lost storage failed');
      }
      if (closing === undefined) await attempt(openInstead);
      reopening = undefined;
    })();
    return reopening;
  };

  const refusal = (): KioskFailure => {
    if (state.kind === 'closed' || state.kind === 'in-service') return new KioskFailure('UNAVAILABLE', 'the kiosk is closing');
    const outage = state.kind === 'opening' ? OPENING : state.outage;
    return new KioskFailure('OUT_OF_SERVICE', `${outage.reason}: ${outage.detail}`, undefined, outage.message, outage.incidentCode);
  };

  const access: AccessGuard = {
    check: (method) => {
      if (state.kind !== 'in-service') throw refusal();
      state.backend.staff.check(method);
    },
  };

  const handlers = Object.fromEntries(
    methodNames
      .filter((name) => hostOf(name) === 'any')
      .map((name) => [
        name,
        (input: unknown) => {
          if (state.kind !== 'in-service') throw refusal();
          const result = (state.backend.handlers as unknown as Record<string, (input: unknown) => unknown>)[name]?.(input);
          if (result instanceof Promise) {
            inFlight.add(result);
            const done = () => inFlight.delete(result);
            result.then(done, done);
          }
          return result;
        },
      ]),
  ) as unknown as BackendHandlers;

  // One daily check for the whole run, on whichever database is in service. Damage found: the
  // backend closes, recovery.ts rebuilds (quick_check at open may not see what integrity_check
  // saw, so the rebuild is asked for, not left to the open path), and a new backend serves.
  const daily = (options.dailyCheck ?? createDailyIntegrityCheck)({
    db: () => {
      if (state.kind !== 'in-service') throw new Error('out of service: no database to check');
      return state.backend.context.db;
    },
    now,
    timeZone: () => (state.kind === 'in-service' ? readKioskSettings(state.backend.context.db).timeZone : 'Asia/Ho_Chi_Minh'),
    log,
    onCorrupt: (problems) =>
      reopen(REBUILDING, async () => {
        const { db, report } = await rebuildDatabase({
          dataDir: options.dataDir,
          reason: { code: 'integrity-check', detail: problems.slice(0, 3).join('; ') },
          now,
          secrets: secrets(),
          log,
        });
        return { kind: 'open', db, recovered: report };
      }),
  });

  void attempt();
  daily.start();

  return {
    endpoint: { handlers, access, log },
    events,
    log,
    state: () => state,
    reopen,
    settled: async () => {
      await reopening;
      await attempting;
    },
    close: () => {
      if (closing !== undefined) return closing;
      const last = state;
      state = { kind: 'closed' };
      daily.stop();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      closing = (async () => {
        await reopening;
        await attempting;
        if (last.kind === 'in-service') await last.backend.close();
      })();
      return closing;
    },
  };
}

const OPENING = {
  reason: 'unknown',
  incidentCode: 'HL-OPENING',
  message: 'Đang mở hoặc khôi phục dữ liệu, xin chờ trong giây lát.',
  detail: 'the storage is being opened',
} as const;

const REBUILDING: StorageOutage = {
  kind: 'out-of-service',
  reason: 'unknown',
  incidentCode: 'HL-DB-REBUILD',
  message: 'Dữ liệu bị hỏng và đang được khôi phục, xin chờ trong giây lát.',
  detail: 'the daily integrity check found damage; rebuilding',
};

function outageOf(error: unknown): StorageOutage {
  const verdict = classifyStorageError(error);
  return storageOutage(verdict.verdict === 'corrupt' ? 'unknown' : verdict.reason, error);
}

/** The data folder's rotating log, or stderr when the folder cannot even hold a log (read-only, full). */
function loggerFor(dataDir: string): Logger {
  try {
    mkdirSync(dataDir, { recursive: true });
    return createLogger(dataDir);
  } catch (error) {
    process.stderr.write(`log folder not usable, logging to stderr: ${String(error)}\n`);
    return pino({ base: { app: 'hai-long-kiosk' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
  }
}
