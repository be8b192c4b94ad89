// A kiosk and the real central server wired together on 127.0.0.1, with the fault proxy in
// between: the rig for the sync fault matrix and the outbox model test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildCentralServer } from '../../central/central-server';
import type { CentralStore } from '../../central/store/central-store';
import type { Logger } from '../../central/central-logger';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { canonicalRatingJson, type WireFormatVersion } from '../../shared/sync/wire';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE, openKioskBackend, type KioskBackend } from '../../electron/backend/kiosk-backend';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceKey } from '../../electron/backend/sync-files/device-key';
import { ensureDeviceId, saveSyncSettings } from '../../electron/backend/settings-repo';
import { listRatings } from '../../electron/backend/ratings-repo';
import { outboxStats, syncedRatingIds } from '../../electron/backend/sync/outbox-repo';
import { toWireRating } from '../../electron/backend/sync/wire-rating';
import type { SyncTuning } from '../../electron/backend/sync/sync-engine';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

export { seededRandom } from './seeded-random';

export interface Central {
  store: CentralStore;
  url: string;
  proxy: FaultProxy;
  close: () => Promise<void>;
}

/** Central listening on 127.0.0.1 (SQLite file unless a store is given), behind a fault proxy; `now`: central's clock (default the real one). */
export async function startCentral(openStore?: () => Promise<CentralStore>, options: { now?: () => Date; log?: Logger } = {}): Promise<Central> {
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-central-'));
  const store = openStore === undefined ? openSqliteCentralStore(dir) : await openStore();
  // The rig drains hours of a kiosk's batches in seconds: no rate limit (tests/central/rate-limits.test.ts checks them).
  const unlimited = { perAddressPerMinute: Number.MAX_SAFE_INTEGER, perDevicePerMinute: Number.MAX_SAFE_INTEGER };
  const server = buildCentralServer({ store, log: options.log ?? pino({ level: 'silent' }), now: options.now ?? (() => new Date()), version: 'test', rateLimits: unlimited });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const proxy = await startFaultProxy(url);
  return {
    store,
    url,
    proxy,
    close: async () => {
      await proxy.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Sync tuning for tests: small batches (many batches), no real waiting. A held request times
 * out at once on the proxy's clock (`FaultProxy.timeoutSignal`); the real timeout stays long, so
 * a healthy request on a busy machine is never cut off.
 */
export const testTuning: Partial<SyncTuning> = {
  timeoutMs: 10_000,
  maxBatchRatings: 4,
  backoffBaseMs: 1,
  backoffCapMs: 5,
  debounceMs: 60_000,
  intervalMs: 3_600_000,
};

export interface Kiosk {
  dataDir: string;
  deviceId: string;
  backend: KioskBackend;
  /** Close and reopen on the same folder: a restart (or a power cut between transactions). */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh kiosk registered at central with its device key, whose endpoint is the fault proxy. */
export interface KioskOptions {
  now?: () => Date;
  random?: () => number;
  /** Talk to central directly instead of through the fault proxy (benchmarks). */
  direct?: boolean;
  tuning?: Partial<SyncTuning>;
  /** A kiosk of an older release: the sync format it writes (default the current one). */
  wireFormatVersion?: WireFormatVersion;
  /** The kiosk's HTTP client (e.g. one that records what leaves the kiosk). */
  fetch?: typeof fetch;
}

export async function enrolledKiosk(central: Central, options: KioskOptions = {}): Promise<Kiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hai-long-kiosk-'));
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const deviceId = ensureDeviceId(db);
  // Enrolled: central knows the device key, so it verifies the chain heads the kiosk signs.
  const { publicKey } = await ensureDeviceKey(db, fileSecretStore(dataDir));
  const { token } = await central.store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 1, label: null, publicKey });
  saveSyncSettings(db, { endpoint: options.direct === true ? central.url : central.proxy.url });
  db.close();
  fileSecretStore(dataDir).write('device-token', token);
  const open = () =>
    openKioskBackend({
      dataDir,
      appVersion: '0.1.0',
      log: pino({ level: 'silent' }),
      autoSync: false,
      syncTuning: options.tuning ?? testTuning,
      ...(options.direct === true ? {} : { timeoutSignal: central.proxy.timeoutSignal }),
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.wireFormatVersion === undefined ? {} : { wireFormatVersion: options.wireFormatVersion }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  const kiosk: Kiosk = {
    dataDir,
    deviceId,
    backend: open(),
    restart: async () => {
      await kiosk.backend.close();
      kiosk.backend = open();
    },
    close: async () => {
      await kiosk.backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return kiosk;
}

export interface SyncPicture {
  kioskIds: string[];
  syncedIds: string[];
  pending: number;
  quarantined: number;
  centralIds: string[];
  /** Ratings whose content at central differs from the kiosk's. */
  contentMismatches: string[];
}

export async function picture(kiosk: Kiosk, central: Central): Promise<SyncPicture> {
  const db = kiosk.backend.context.db;
  const rows = listRatings(db);
  const stored = await central.store.storedRatings(kiosk.deviceId);
  const atCentral = new Map(stored.map((s) => [s.rating.id, canonicalRatingJson(s.rating)]));
  const stats = outboxStats(db);
  return {
    kioskIds: rows.map((r) => r.id),
    syncedIds: syncedRatingIds(db),
    pending: stats.pendingCount,
    quarantined: stats.quarantinedCount,
    centralIds: stored.map((s) => s.rating.id),
    contentMismatches: rows
      .filter((r) => atCentral.has(r.id) && atCentral.get(r.id) !== canonicalRatingJson(toWireRating(r)))
      .map((r) => r.id),
  };
}
