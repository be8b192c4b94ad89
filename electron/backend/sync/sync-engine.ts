// Drives the outbox to central: when to send, what to do with each answer, and the status
// people see. Invariants:
//  - one request in flight at a time (`running`);
//  - a rating is marked synced only by `commitAck`, after central named its id;
//  - automatic triggers respect the backoff and a "stopped" verdict; "sync now" overrides both.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { EmitEvent, SyncProblem, SyncStatus } from '../../../shared/contract';
import { toLocalIso } from '../../../shared/local-time';
import { signChainHead } from '../../../shared/sync/chain';
import { MAX_BATCH_BYTES, MAX_BATCH_INCIDENTS, MAX_BATCH_RATINGS, WIRE_FORMAT_VERSION, type SyncBatch, type WireFormatVersion } from '../../../shared/sync/wire';
import type { Logger } from '../logger';
import { chainHeadState } from '../record-chain-repo';
import type { SecretStore } from '../secret-store';
import { readKioskSettings, readSyncFileState, readSyncSettings } from '../settings-repo';
import { ensureDeviceKey } from '../sync-files/device-key';
import { unsentIncidents } from '../storage/incidents-repo';
import { sendBatch } from './batch-sender';
import { markDirectoryAcked, pendingDirectory } from './directory-repo';
import { MAX_HEALTH_RECORD_BYTES } from '../../../shared/sync/health-record';
import { buildHealthRecord } from './health-record';
import { UNCHAINED_REASON, commitAck, nextBatch, nextChainedBatch, outboxStats, quarantineUnchained } from './outbox-repo';

export interface SyncTuning {
  /** Quiet time after a new rating before sending, so a busy counter sends one batch, not ten. */
  debounceMs: number;
  intervalMs: number;
  timeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  maxBatchRatings: number;
  maxBatchBytes: number;
  /**
   * With nothing pending, a zero-record batch carrying the health record once this long after the
   * last acknowledged one (issue 16), so central knows the kiosk is alive. Checked on the
   * engine's own triggers (every `intervalMs`), never on a timer of its own.
   */
  heartbeatMs: number;
}

export const defaultSyncTuning: SyncTuning = {
  debounceMs: 3_000,
  intervalMs: 60_000,
  timeoutMs: 30_000,
  backoffBaseMs: 2_000,
  backoffCapMs: 300_000,
  maxBatchRatings: MAX_BATCH_RATINGS,
  maxBatchBytes: MAX_BATCH_BYTES,
  heartbeatMs: 15 * 60_000,
};

export interface SyncEngineDeps {
  db: Database;
  log: Logger;
  now: () => Date;
  random: () => number;
  fetch: typeof fetch;
  secrets: SecretStore;
  emit: EmitEvent;
  deviceId: string;
  appVersion: string;
  newBatchId: () => string;
  tuning?: Partial<SyncTuning>;
  /** Ends a request after `timeoutMs` (default AbortSignal.timeout): a test clock fires it without waiting. */
  timeoutSignal?: (ms: number) => AbortSignal;
  /**
   * The batch format to send (default WIRE_FORMAT_VERSION, the one constant that decides it).
   * 2: chained records and the device's signed chain head (issue 11).
   */
  formatVersion?: WireFormatVersion;
}

export type SyncTrigger = 'new-rating' | 'interval' | 'backoff-elapsed' | 'manual' | 'network-restored';

export interface SyncEngine {
  start: () => void;
  stop: () => void;
  status: () => SyncStatus;
  /** Called after each stored rating: updates the status at once, sends after the debounce. */
  ratingStored: () => void;
  /** Runs one drain now (or joins the one in flight) and resolves when it has finished. */
  trigger: (why: SyncTrigger) => Promise<void>;
}

/** Full jitter (AWS architecture blog): spreads retries of many kiosks after an outage. */
export function backoffDelayMs(failures: number, tuning: Pick<SyncTuning, 'backoffBaseMs' | 'backoffCapMs'>, random: () => number): number {
  const ceiling = Math.min(tuning.backoffCapMs, tuning.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const tuning = { ...defaultSyncTuning, ...deps.tuning };
  let running: Promise<void> | null = null;
  let failures = 0;
  let backingOff = false;
  let nextAttemptAt: Date | null = null;
  let lastSuccessAt: Date | null = null;
  let lastProblem: SyncProblem | null = null;
  /** Set when central refused us; holds the configuration it refused. */
  let stoppedFor: string | null = null;
  /**
   * Set when central refused a batch carrying only the directory or the health heartbeat (a central
   * older than issue 16 refuses an empty batch): both then wait for the next batch with records,
   * which such a central accepts (it ignores the keys). Holds the configuration that refused it.
   */
  let directoryAloneRefusedFor: string | null = null;
  /** When central last acknowledged a batch carrying the health record (null: not in this run, so the first drain sends one). */
  let healthAckedAt: Date | null = null;
  const heartbeatDue = () => {
    if (healthAckedAt === null) return true;
    const since = deps.now().getTime() - healthAckedAt.getTime();
    // A clock set back is news for central too: the heartbeat goes at once.
    return since >= tuning.heartbeatMs || since < 0;
  };
  let wakeTimer: NodeJS.Timeout | undefined;
  let debounceTimer: NodeJS.Timeout | undefined;
  let intervalTimer: NodeJS.Timeout | undefined;

  const config = () => {
    const { endpoint } = readSyncSettings(deps.db);
    const token = deps.secrets.read('device-token');
    if (endpoint === null || token === undefined) return undefined;
    // The token itself never leaves this closure; the fingerprint only tells "changed or not".
    return { endpoint, token, fingerprint: `${endpoint}\n${createHash('sha256').update(token).digest('hex')}` };
  };

  const status = (): SyncStatus => {
    const cfg = config();
    const stopped = cfg !== undefined && stoppedFor === cfg.fingerprint;
    return {
      endpointConfigured: readSyncSettings(deps.db).endpoint !== null,
      lastExportAt: readSyncFileState(deps.db).lastExportAt,
      ...outboxStats(deps.db),
      state: cfg === undefined ? 'not-configured' : running !== null ? 'syncing' : stopped ? 'stopped' : backingOff ? 'waiting' : 'idle',
      lastSuccessAt: lastSuccessAt === null ? null : lastSuccessAt.toISOString(),
      lastProblem,
      nextAttemptAt: backingOff && nextAttemptAt !== null ? nextAttemptAt.toISOString() : null,
    };
  };
  const publish = () => deps.emit('syncStatusChanged', status());

  const scheduleRetry = (problem: SyncProblem, retryAfterMs = 0) => {
    failures += 1;
    lastProblem = problem;
    const delay = Math.max(backoffDelayMs(failures, tuning, deps.random), retryAfterMs);
    backingOff = true;
    nextAttemptAt = new Date(deps.now().getTime() + delay);
    clearTimeout(wakeTimer);
    wakeTimer = setTimeout(() => {
      backingOff = false;
      void trigger('backoff-elapsed');
    }, delay);
    wakeTimer.unref();
  };

  const formatVersion: WireFormatVersion = deps.formatVersion ?? WIRE_FORMAT_VERSION;

  /**
   * The next batch, or null when nothing is pending. Format 2 signs the chain head as read after
   * the records (so it covers every position in the batch) with the key imported once per drain.
   * A pending record without a chain row is quarantined (never sent unchained, never blocking
   * the outbox) and logged as an error; the batch is then read again.
   */
  const nextSyncBatch = async (signingKey: () => Promise<CryptoKey>, fingerprint: string): Promise<SyncBatch | null> => {
    const envelope = () => {
      const at = deps.now();
      return { deviceId: deps.deviceId, batchId: deps.newBatchId(), sentAt: toLocalIso(at, readKioskSettings(deps.db).timeZone), appVersion: deps.appVersion };
    };
    if (formatVersion === 1) {
      const { ratings, reasonAnswers } = nextBatch(deps.db, tuning.maxBatchRatings, tuning.maxBatchBytes);
      if (ratings.length + reasonAnswers.length === 0) return null;
      return { formatVersion: 1, ...envelope(), seqFrom: ratings[0]?.seq ?? null, seqTo: ratings.at(-1)?.seq ?? null, ratings, reasonAnswers };
    }
    // The device's storage incidents central has not acknowledged ride with every batch (issue 12);
    // their bytes come off the records' budget.
    const incidents = unsentIncidents(deps.db).slice(0, MAX_BATCH_INCIDENTS);
    const incidentBytes = incidents.length === 0 ? 0 : Buffer.byteLength(JSON.stringify(incidents));
    // The directory rides along while central has not acknowledged its revision (issue 16); its
    // bytes come off the records' budget too.
    const directory = pendingDirectory(deps.db, deps.now());
    const directoryBytes = directory === null ? 0 : Buffer.byteLength(JSON.stringify(directory));
    for (;;) {
      // The health record is built after the records (it counts what they leave pending): its
      // largest size is kept off the records' budget.
      const { ratings, reasonAnswers, unchained } = nextChainedBatch(deps.db, tuning.maxBatchRatings, tuning.maxBatchBytes - incidentBytes - directoryBytes - MAX_HEALTH_RECORD_BYTES);
      if (unchained.length > 0) {
        quarantineUnchained(deps.db, unchained, deps.newBatchId(), deps.now().toISOString());
        deps.log.error({ ids: unchained, reason: UNCHAINED_REASON }, 'records without a place in the record chain quarantined, not sent');
        publish();
        continue;
      }
      // Nothing pending but a changed directory or a due heartbeat: they go alone (a batch of zero
      // records), unless this central refused that before, or the chain is still empty (no head to sign).
      if (ratings.length + reasonAnswers.length === 0 && ((directory === null && !heartbeatDue()) || directoryAloneRefusedFor === fingerprint || chainHeadState(deps.db).position === 0)) return null;
      const base = envelope();
      const health = buildHealthRecord({
        db: deps.db,
        deviceId: deps.deviceId,
        now: deps.now(),
        appVersion: deps.appVersion,
        carried: { ratingIds: ratings.map((r) => r.id), reasonAnswerIds: reasonAnswers.map((a) => a.id) },
        log: deps.log,
      });
      // Only a heartbeat, and no record to build: nothing to send.
      if (ratings.length + reasonAnswers.length === 0 && directory === null && health === null) return null;
      const chainHead = await signChainHead({ deviceId: deps.deviceId, ...chainHeadState(deps.db), signedAt: base.sentAt }, await signingKey());
      return {
        formatVersion: 2,
        ...base,
        seqFrom: ratings[0]?.seq ?? null,
        seqTo: ratings.at(-1)?.seq ?? null,
        ratings,
        reasonAnswers,
        chainHead,
        ...(incidents.length === 0 ? {} : { incidents }),
        ...(directory === null ? {} : { directory }),
        ...(health === null ? {} : { health }),
      };
    }
  };

  /** Send batch after batch until the outbox is empty or an attempt fails. */
  const drain = async (): Promise<void> => {
    let key: Promise<CryptoKey> | undefined;
    const signingKey = () => (key ??= ensureDeviceKey(deps.db, deps.secrets).then((k) => k.privateKey));
    for (;;) {
      const cfg = config();
      if (cfg === undefined) return;
      const batch = await nextSyncBatch(signingKey, cfg.fingerprint);
      if (batch === null) {
        failures = 0;
        return;
      }
      const { ratings } = batch;
      const outcome = await sendBatch(batch, {
        endpoint: cfg.endpoint,
        token: cfg.token,
        fetch: deps.fetch,
        timeoutMs: tuning.timeoutMs,
        now: deps.now,
        ...(deps.timeoutSignal === undefined ? {} : { timeoutSignal: deps.timeoutSignal }),
      });
      if (outcome.kind === 'acked') {
        // The incidents it carried are central's now: marked sent in the ack's own transaction.
        commitAck(deps.db, outcome.ack, deps.now().toISOString(), batch.formatVersion === 2 ? (batch.incidents ?? []).map((i) => i.id) : []);
        if (batch.formatVersion === 2 && batch.directory !== undefined) markDirectoryAcked(deps.db, batch.directory.revision);
        if (batch.formatVersion === 2 && batch.health !== undefined) healthAckedAt = deps.now();
        if (outcome.ack.conflicts.length > 0) deps.log.warn({ batchId: batch.batchId, conflicts: outcome.ack.conflicts }, 'ratings quarantined');
        failures = 0;
        lastSuccessAt = deps.now();
        lastProblem = null;
        publish();
        continue;
      }
      if (outcome.kind === 'stop' && outcome.problem.code === 'REJECTED' && ratings.length + batch.reasonAnswers.length === 0) {
        // Only the directory or the heartbeat was refused, not the kiosk (a central older than issue
        // 16): no stop, no retry; both go with the next records, and no heartbeat goes alone again.
        directoryAloneRefusedFor = cfg.fingerprint;
        deps.log.warn({ batchId: batch.batchId, problem: outcome.problem.message }, 'central refused a batch of zero records (directory or health only); they will travel with the next ratings');
        return;
      }
      deps.log.warn({ batchId: batch.batchId, problem: outcome.problem.code, count: ratings.length }, 'sync attempt failed');
      if (outcome.kind === 'stop') {
        stoppedFor = cfg.fingerprint;
        lastProblem = outcome.problem;
      } else {
        scheduleRetry(outcome.problem, outcome.retryAfterMs);
      }
      return;
    }
  };

  const trigger = (why: SyncTrigger): Promise<void> => {
    if (running !== null) return running;
    const cfg = config();
    if (cfg === undefined) return Promise.resolve();
    const automatic = why === 'new-rating' || why === 'interval';
    const stopped = stoppedFor === cfg.fingerprint;
    if ((automatic && backingOff) || (stopped && why !== 'manual')) return Promise.resolve();
    if (why === 'manual' || why === 'network-restored') {
      clearTimeout(wakeTimer);
      backingOff = false;
    }
    stoppedFor = null;
    running = (async () => {
      try {
        await drain();
      } catch (error) {
        deps.log.error({ err: error }, 'sync run failed');
        scheduleRetry({ code: 'SERVER_ERROR', message: 'Lỗi khi đồng bộ; sẽ thử lại.' });
      } finally {
        running = null;
        publish();
      }
    })();
    publish();
    return running;
  };

  return {
    status,
    trigger,
    ratingStored: () => {
      publish();
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(() => void trigger('new-rating'), tuning.debounceMs);
      debounceTimer.unref();
    },
    start: () => {
      intervalTimer = setInterval(() => void trigger('interval'), tuning.intervalMs);
      intervalTimer.unref();
      void trigger('interval');
    },
    stop: () => {
      clearInterval(intervalTimer);
      clearTimeout(wakeTimer);
      clearTimeout(debounceTimer);
    },
  };
}
