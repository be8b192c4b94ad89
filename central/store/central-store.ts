// What central keeps: devices and their tokens, admin tokens, ratings, reason answers, batch receipts. Two
// implementations (SQLite for one office or a small province, PostgreSQL for a large one)
// honour this interface identically; one test suite runs against both.
import type { DeviceKeyChange, RecordedKeyChange } from './key-change-rules';
import type { DeviceSummary, SyncAck, SyncBatch, WireRating, WireReasonAnswer } from '../../shared/sync/wire';
import type { CentralFlag } from './intake-rules';
import type { ChainBreak } from '../chain-verification';
import type { StoredChain } from './chain-rows';
import type { IncidentRow } from '../incidents';
import type { DossierRepeat } from './dossier-repeats';
import type { AccountAuditEntry, AccountStore } from '../accounts/account-store';
import type { DirectorySnapshot } from '../directory-view';
import type { Unit, UnitChange } from '../units';
import type { DashboardCounts } from '../dashboard/dashboard-counts';
import type { DayRange } from '../../shared/periods';
import type { AlertStore } from '../alerts/alert-store';
import type { TallyStore } from '../tallies';

export type StorageKind = 'sqlite' | 'postgres';

export interface NewDevice {
  /**
   * The kiosk's own id (created on its first run, never changed), when it already has one;
   * otherwise central makes one up and the kiosk must adopt it.
   */
  deviceId?: string | undefined;
  /** Mã đơn vị of the one-stop section, e.g. `000.00.21.H56`. */
  officeCode: string;
  counter: number;
  label?: string | null | undefined;
  /** The device's Ed25519 public key (raw, base64), for its sync files. */
  publicKey?: string | null | undefined;
}

/** The token is shown once, to be typed into the kiosk; central keeps only its hash. */
export interface IssuedDevice {
  deviceId: string;
  token: string;
}

export interface CentralDevice {
  deviceId: string;
  officeCode: string;
  counter: number;
  label: string | null;
  revoked: boolean;
  createdAt: string;
}

export interface IngestTimes {
  /** When the request arrived: the clock offset is measured against it. */
  receivedAt: Date;
  /** Central's clock for the plausibility checks (normally equal to receivedAt). */
  now: Date;
  /**
   * How the batch came (default `http`). From a `sync-file` the health record's clock says
   * nothing about the kiosk's drift (the file travelled for days): none is recorded (issue 16).
   */
  via?: 'http' | 'sync-file';
}

/** A rating as central stored it: the wire content plus what central learnt on arrival. */
export interface StoredRating {
  rating: WireRating;
  contentHash: string;
  /** The batch that delivered it first. */
  batchId: string;
  receivedAt: string;
  clockOffsetMs: number;
  centralFlags: CentralFlag[];
}

/**
 * A reason answer as central stored it. No link to its rating is enforced: an answer may
 * arrive before its rating (or in a sync file without it); reports join on `ratingId`.
 */
export interface StoredReasonAnswer {
  answer: WireReasonAnswer;
  contentHash: string;
  /** The batch that delivered it first. */
  batchId: string;
  receivedAt: string;
}

/** What a reference code resolves to at central: the answer, and its rating and device if stored. */
export interface ReferencedAnswer {
  answer: StoredReasonAnswer;
  rating: StoredRating | null;
  device: CentralDevice | null;
}

/** One row per POST that reached the store, resends included: the delivery history. */
export interface BatchReceipt {
  batchId: string;
  deviceId: string;
  receivedAt: string;
  sentAt: string;
  appVersion: string;
  /** Null for a batch of reason answers only. */
  seqFrom: number | null;
  seqTo: number | null;
  /** Counts over every record of the batch, ratings and reason answers alike. */
  accepted: number;
  duplicate: number;
  conflicts: number;
}

/** Central's Ed25519 key pair: raw public key and PKCS8 private key, base64. */
export interface SigningKeyText {
  publicKey: string;
  privateKeyPkcs8: string;
}

/** A sync file central stored: the device's replay watermark and the ack to resend on replay. */
export interface SyncFileImport {
  deviceId: string;
  fileNumber: number;
  payloadSha256: string;
  receivedAt: string;
  /** The lists of the ack file central issued for it (JSON as built by the importer). */
  ack: unknown;
}

export interface CentralStore {
  readonly storage: StorageKind;
  /** Web accounts, their sessions, lockouts and audit (issue 16, central/accounts/). */
  readonly accounts: AccountStore;
  /** Alert rules, alerts and the webhook outbox (issue 17, central/alerts/). */
  readonly alerts: AlertStore;
  /**
   * Rate-limit windows every central instance on this database counts in (issue 17, PostgreSQL);
   * undefined on SQLite, where one process serves and counts in memory (central/rate-limits.ts).
   */
  readonly sharedRateLimits: RateLimitCounter | undefined;
  /** Throws DeviceAlreadyRegisteredError when the given deviceId is taken. */
  addDevice(device: NewDevice): Promise<IssuedDevice>;
  listDevices(): Promise<CentralDevice[]>;
  /** False when no device has this id. Revoking twice keeps the first revocation time. `audit`: written in the same transaction. */
  revokeDevice(deviceId: string, audit?: AccountAuditEntry): Promise<boolean>;
  /** The device holding this token, revoked or not; undefined for an unknown token. */
  authenticateDevice(token: string): Promise<CentralDevice | undefined>;
  addAdminToken(label: string): Promise<string>;
  isAdminToken(token: string): Promise<boolean>;
  /**
   * Stores a batch in one transaction and answers it. Callers have already checked that the
   * batch parses and belongs to an authenticated device. A format 2 batch's chain head is checked
   * first with the device's registered key (ChainHeadSignatureError: nothing stored), and so are
   * its storage incidents (IncidentSignatureError: nothing stored); its chained records, head and
   * incidents (each once per id) are stored in the same transaction, with any break found around them.
   * So is its directory (issue 16), unless central holds the same or a higher revision of it,
   * and its health record (issue 16), unless central holds a newer one; a health record off its
   * schema is counted as refused (`healthRefused`), and the batch's records are stored all the same.
   */
  ingestBatch(batch: SyncBatch, times: IngestTimes): Promise<SyncAck>;
  /** A device's storage incidents as stored (each once, by id), oldest first. */
  deviceIncidents(deviceId: string): Promise<IncidentRow[]>;
  deviceSummaries(): Promise<DeviceSummary[]>;
  /**
   * Recounts each device's rating count, highest seq, seq ranges and chain-position ranges (kept at
   * ingest since issue 17, migration 13) from the stored ratings and chain records, for
   * `central device rebuild`. Safe while batches arrive.
   */
  rebuildDeviceState(): Promise<DeviceStateRebuild>;
  /** A device's record chain as stored (records by position, heads, breaks found so far), for `central verify`. */
  deviceChain(deviceId: string): Promise<StoredChain>;
  /** Records breaks of a device's chain; one already recorded (device, position, kind) is kept. The number added. */
  recordChainBreaks(deviceId: string, breaks: readonly ChainBreak[], detectedAt: Date): Promise<number>;
  /** A device's ratings in seq order, for audits and tests. */
  storedRatings(deviceId: string): Promise<StoredRating[]>;
  /** Dossier codes rated more than once across all devices (issue 15), most ratings first, at most MAX_DOSSIER_REPEATS. */
  dossierRepeats(): Promise<DossierRepeat[]>;
  /** A device's reason answers by createdAt then id, for reports and tests. */
  storedReasonAnswers(deviceId: string): Promise<StoredReasonAnswer[]>;
  /**
   * The reason answers whose rating has this reference code (issue 15, written form
   * HL-XXXXX-XXXXX), each with its rating and device when central holds them. Exact match only.
   */
  findByReference(referenceCode: string): Promise<ReferencedAnswer[]>;
  batchReceipts(deviceId: string): Promise<BatchReceipt[]>;
  /** Stores `candidate` as central's signing key unless one exists; returns the stored key. */
  ensureSigningKey(candidate: SigningKeyText): Promise<SigningKeyText>;
  /** False when no device has this id. */
  /**
   * Sets a device's public key and records the change (device_key_changes) in one transaction,
   * only if its registered key is still `change.oldPublicKey` (null: none). False otherwise
   * (another process changed it meanwhile, or no such device): nothing written.
   */
  changeDevicePublicKey(change: DeviceKeyChange): Promise<boolean>;
  /** Every key change of a device, oldest first. */
  deviceKeyChanges(deviceId: string): Promise<RecordedKeyChange[]>;
  /** The device and its registered public key (null: none yet). */
  deviceKey(deviceId: string): Promise<{ device: CentralDevice; publicKey: string | null } | undefined>;
  /** Issues a fresh token (the old one stops working); undefined when no device has this id. */
  rotateDeviceToken(deviceId: string): Promise<string | undefined>;
  /** The device's sync file with the highest fileNumber, if any. */
  latestSyncFileImport(deviceId: string): Promise<SyncFileImport | undefined>;
  findSyncFileImport(deviceId: string, fileNumber: number): Promise<SyncFileImport | undefined>;
  /** False (and nothing written) when this device's fileNumber is already recorded. */
  recordSyncFileImport(record: SyncFileImport): Promise<boolean>;
  /**
   * The unit hierarchy (issue 16, central/units.ts). `add`: every code new; `upsert` (a
   * spreadsheet): a known code is renamed or moved. Checked and written in one transaction, all
   * or nothing: UnitRuleError names every problem. Each change's offices are placed under it.
   */
  changeUnits(changes: readonly UnitChange[], mode: 'add' | 'upsert', audit?: AccountAuditEntry): Promise<void>;
  listUnits(): Promise<Unit[]>;
  /** Places an office (by office code, known yet or not) under a unit; UnitRuleError for an unknown unit. */
  assignOffice(officeCode: string, unitCode: string, audit?: AccountAuditEntry): Promise<void>;
  /** Units, offices, devices and each device's newest directory, read in one transaction (GET /api/v1/directory). */
  directorySnapshot(): Promise<DirectorySnapshot>;
  /** Ratings and reason choices of these local days (as kiosks stamped them), grouped for the dashboard (issue 16, central/dashboard/). */
  dashboardCounts(range: DayRange): Promise<DashboardCounts>;
  /** The tallies kept at ingest that dashboardCounts reads (issue 17, central/tallies.ts): rebuild, rows, the raw recount. */
  readonly tallies: TallyStore;
  /** Idempotent. */
  close(): Promise<void>;
}

/** One fixed window of requests under a key (an address, a device), counted in the database. */
export interface RateLimitCounter {
  /** Counts one request; a window that ended starts again at `now`. The count so far and when this window ends. */
  hit(key: string, windowMs: number, now: Date): Promise<{ count: number; windowEndsAt: Date }>;
}

/** What `rebuildDeviceState` wrote: devices with ratings, seq ranges and chain-position ranges over all of them. */
export interface DeviceStateRebuild {
  devices: number;
  ranges: number;
  chainRanges: number;
}

/** Clock and id source, injected so tests pin them. */
export interface StoreOptions {
  now?: () => Date;
  newId?: () => string;
  /** Central's signing key from CENTRAL_SIGNING_KEY_FILE: ensureSigningKey returns it and stores nothing. */
  signingKey?: SigningKeyText;
}

export class CentralDatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `Cơ sở dữ liệu trung tâm được tạo bởi phiên bản mới hơn (phiên bản dữ liệu ${found}, ` +
        `phần mềm này chỉ hỗ trợ đến ${supported}). Hãy cài phiên bản mới hơn; không mở để tránh làm hỏng dữ liệu.`,
    );
    this.name = 'CentralDatabaseTooNewError';
  }
}

export class DeviceAlreadyRegisteredError extends Error {
  constructor(readonly deviceId: string) {
    super(`Thiết bị ${deviceId} đã được đăng ký từ trước`);
    this.name = 'DeviceAlreadyRegisteredError';
  }
}
