// The kiosk's brain, in plain Node: opens the data folder and implements the contract.
// The Electron shell and the browser host both start exactly this; tests load it directly.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { hostOf, methodNames, type BackendHandlers } from '../../shared/contract';
import type { UsbFolder } from '../../shared/contract/it-admin';
import type { WireFormatVersion } from '../../shared/sync/wire';
import type { BackendContext } from './backend-context';
import { openDatabase } from './database';
import type { ContractEndpoint } from './dispatch';
import { homeScreenHandlers } from './home-screen';
import { itAdminHandlers } from './it-admin/it-admin-handlers';
import { listUsbFolders } from './it-admin/usb-folders';
import { createLogger, type Logger } from './logger';
import { ratingIntakeHandlers } from './rating-intake';
import { dossierCodeHandlers } from './dossier-codes';
import { ensureDeviceId, readKioskSettings } from './settings-repo';
import { createEventHub, type EventHub } from './event-hub';
import { fileSecretStore, type SecretStore } from './secret-store';
import { reportsHandlers } from './reports/reports-handlers';
import { referenceLookupHandlers } from './reference-lookup';
import { officerOnDuty, shiftHandlers } from './shifts/shift-handlers';
import { officerHandlers } from './staff/officer-handlers';
import { createPinCheck } from './staff/pin-check';
import { PIN_HASH_COST, type PinHashCost } from './staff/pin-hashing';
import { serviceAreaHandlers } from './staff/service-area-handlers';
import { staffHandlers } from './staff/staff-handlers';
import { createSnapshotSchedule, type SnapshotSchedule, type SnapshotTuning } from './storage/snapshots';
import { openTapJournal } from './storage/tap-journal';
import { createStaffSessions, type StaffSessions } from './staff/staff-session';
import { createSyncEngine, type SyncEngine, type SyncTuning } from './sync/sync-engine';
import { syncHandlers } from './sync/sync-handlers';

export const DATABASE_FILE = 'kiosk.db';

export interface KioskBackend {
  /** Every `host: 'any'` method; the Electron shell adds the `host: 'electron'` ones to `endpoint`'s. */
  handlers: BackendHandlers;
  /** What the IPC binding and the browser host give `dispatch`: these handlers behind `staff`'s access check. */
  endpoint: ContractEndpoint;
  context: BackendContext;
  events: EventHub;
  sync: SyncEngine;
  staff: StaffSessions;
  snapshots: SnapshotSchedule;
  /** Stops the timers, takes the shutdown snapshot (if ratings arrived since the last), closes the database. */
  close: () => Promise<void>;
}

export interface BackendOptions {
  dataDir: string;
  appVersion: string;
  log?: Logger;
  now?: () => Date;
  newRatingId?: () => string;
  /** Officer and shift ids (default: random UUIDs). */
  newId?: () => string;
  /** Electron passes its safeStorage-backed store; browser mode uses files (see secret-store.ts). */
  secrets?: SecretStore;
  fetch?: typeof fetch;
  random?: () => number;
  syncTuning?: Partial<SyncTuning>;
  /** How a sync request's timeout fires (default AbortSignal.timeout); see SyncEngineDeps. */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Start the sync timers (default true); tests of other domains turn them off. */
  autoSync?: boolean;
  /** Where USB sticks are mounted (default: this OS's mount points and KIOSK_USB_DIRS). */
  usbFolders?: () => UsbFolder[];
  /** PIN hash strength (default PIN_HASH_COST, the real one); tests inject a cheap one. */
  pinHashCost?: PinHashCost;
  /**
   * This run's monotonic clock in ms, for the time between ratings (default performance.now).
   * A test that injects only `now` gets that clock here too, so one manual clock moves both.
   */
  monotonicNow?: () => number;
  /** The sync format this kiosk writes (default WIRE_FORMAT_VERSION); tests stand in a kiosk of an older release with 1. */
  wireFormatVersion?: WireFormatVersion;
  /** Snapshot cadence and caps (default defaultSnapshotTuning: hourly, 5 kept, 200 MiB). */
  snapshotTuning?: Partial<SnapshotTuning>;
}

/**
 * What kiosk-service.ts hands over when it opened the storage itself: the database, the event
 * hub the hosts already listen to (it outlives this backend), and the WAL check of each tap.
 */
export interface OpenedStorage {
  db: Database;
  events: EventHub;
  storageIntact: () => void;
}

/**
 * The kiosk in service, on an open database. Without `opened` it opens the database itself and
 * throws when it cannot (tools, tests); the hosts go through kiosk-service.ts, which never throws.
 */
export function openKioskBackend(options: BackendOptions, opened?: OpenedStorage): KioskBackend {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? createLogger(options.dataDir);
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const db = opened?.db ?? openDatabase(databaseFile);
  const secrets = options.secrets ?? fileSecretStore(options.dataDir);
  const context: BackendContext = {
    db,
    log,
    now: options.now ?? (() => new Date()),
    newRatingId: options.newRatingId ?? (() => uuidv7()),
    newId: options.newId ?? (() => randomUUID()),
    deviceId: ensureDeviceId(db),
    bootId: randomUUID(),
    appVersion: options.appVersion,
    pinHashCost: options.pinHashCost ?? PIN_HASH_COST,
  };
  // Every acknowledged record is also appended here (storage/tap-journal.ts): what a rebuild replays past the snapshot.
  const journal = openTapJournal(options.dataDir);
  const events = opened?.events ?? createEventHub();
  const sync = createSyncEngine({
    db,
    log,
    now: context.now,
    random: options.random ?? Math.random,
    fetch: options.fetch ?? globalThis.fetch,
    secrets,
    emit: events.emit,
    deviceId: context.deviceId,
    appVersion: options.appVersion,
    newBatchId: () => uuidv7(),
    ...(options.syncTuning === undefined ? {} : { tuning: options.syncTuning }),
    ...(options.timeoutSignal === undefined ? {} : { timeoutSignal: options.timeoutSignal }),
    ...(options.wireFormatVersion === undefined ? {} : { formatVersion: options.wireFormatVersion }),
  });
  const staff = createStaffSessions(context.now, () => readKioskSettings(db).timeZone);
  const duty = officerOnDuty(context, events.emit);
  const handlers = implementContract(
    homeScreenHandlers(context, duty),
    ratingIntakeHandlers(
      context,
      { ratingStored: sync.ratingStored, emit: events.emit, ...(opened === undefined ? {} : { storageIntact: opened.storageIntact }) },
      options.monotonicNow ?? (options.now === undefined ? () => performance.now() : () => context.now().getTime()),
      journal,
    ),
    dossierCodeHandlers(context),
    syncHandlers(sync),
    staffHandlers(context, staff, createPinCheck(context)),
    officerHandlers(context, staff, events.emit),
    serviceAreaHandlers(context, staff, secrets, events.emit),
    shiftHandlers(context, staff, duty, events.emit),
    reportsHandlers(context, staff),
    referenceLookupHandlers(context, staff),
    ...itAdminHandlers({
      ctx: context,
      sessions: staff,
      secrets,
      sync,
      emit: events.emit,
      dataDir: options.dataDir,
      databaseFile,
      settingsSaved: () => void snapshots.request(),
      usbFolders: options.usbFolders ?? (() => listUsbFolders({ platform: process.platform, env: process.env })),
    }),
  );
  if (options.autoSync !== false) sync.start();
  const snapshots = createSnapshotSchedule({
    db,
    dataDir: options.dataDir,
    log,
    now: context.now,
    ...(options.snapshotTuning === undefined ? {} : { tuning: options.snapshotTuning }),
    onTaken: (info) => journal.snapshotTaken(info.path),
  });
  snapshots.start();
  // A kiosk left on overnight must not greet the first citizen of the day with yesterday's
  // officer: look once a minute, so the shift ends (and the screen hears it) soon after midnight.
  const midnightWatch = setInterval(() => {
    try {
      duty.current();
    } catch (error) {
      log.warn({ err: error }, 'end-of-day check failed');
    }
  }, 60_000);
  midnightWatch.unref();
  let closing: Promise<void> | undefined;
  log.info({ deviceId: context.deviceId, bootId: context.bootId, appVersion: options.appVersion }, 'backend started');
  return {
    handlers,
    endpoint: { handlers, access: staff, log },
    context,
    events,
    sync,
    staff,
    snapshots,
    close: () => {
      clearInterval(midnightWatch);
      sync.stop();
      snapshots.stop();
      if (closing !== undefined) return closing;
      // Nothing to snapshot: close at once, as before snapshots existed.
      if (!safely(snapshots.hasPending, log)) {
        journal.close();
        db.close();
        closing = Promise.resolve();
        return closing;
      }
      closing = snapshots
        .final()
        .then(
          () => undefined,
          (error: unknown) => log.error({ err: error }, 'shutdown snapshot failed'),
        )
        .finally(() => {
          journal.close();
          db.close();
        });
      return closing;
    },
  };
}

function safely(check: () => boolean, log: Logger): boolean {
  try {
    return check();
  } catch (error) {
    log.warn({ err: error }, 'shutdown snapshot check failed');
    return false;
  }
}

/**
 * Combine each domain's handlers: every `host: 'any'` method once. A method implemented twice
 * or not at all, or a `host: 'electron'` one (the shell's to supply), fails at start.
 */
export function implementContract(...parts: Partial<BackendHandlers>[]): BackendHandlers {
  const handlers: Partial<BackendHandlers> = {};
  for (const part of parts) {
    for (const name of Object.keys(part) as (keyof BackendHandlers)[]) {
      if (name in handlers) throw new Error(`Handler registered twice: ${name}`);
      if (!(methodNames as readonly string[]).includes(name) || hostOf(name) !== 'any') {
        throw new Error(`Not a method the plain backend runs (host: 'any'): ${name}`);
      }
      Object.assign(handlers, { [name]: part[name] });
    }
  }
  const missing = methodNames.filter((name) => hostOf(name) === 'any' && !(name in handlers));
  if (missing.length > 0) throw new Error(`Contract methods without a handler: ${missing.join(', ')}`);
  return handlers as BackendHandlers;
}
