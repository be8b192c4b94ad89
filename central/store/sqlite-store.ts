// CentralStore on one SQLite file (<data dir>/central.db). better-sqlite3 is synchronous, so a
// batch's transaction runs without interleaving; IMMEDIATE takes the write lock up front so a
// second process (the CLI adding a device while serving) waits instead of failing mid-batch.
import { randomUUID } from 'node:crypto';
import { ensurePrivateDir } from '../../shared/node/file-modes';
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { DeviceSummary, SyncAck, SyncBatch } from '../../shared/sync/wire';
import {
  DeviceAlreadyRegisteredError,
  type BatchReceipt,
  type CentralDevice,
  type CentralStore,
  type IngestTimes,
  type IssuedDevice,
  type NewDevice,
  type ReferencedAnswer,
  type StoredRating,
  type StoredReasonAnswer,
  type SigningKeyText,
  type StoreOptions,
  type SyncFileImport,
  type DeviceStateRebuild,
} from './central-store';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { newToken, tokenHash } from './device-tokens';
import { ackFor, classifyRatings, classifyReasonAnswers, clockOffsetMs, storedRatingsFor, storedReasonAnswersFor, type IntakeOutcome } from './intake-rules';
import { openCentralDatabase } from './sqlite-database';
import { SqliteChain } from './sqlite-chain';
import type { StoredChain } from './chain-rows';
import type { ChainBreak } from '../chain-verification';
import { chainHeadStanding } from '../chain-head-check';
import { incidentsStanding, toIncidentRow, type IncidentRow } from '../incidents';
import type { DeviceKeyChange, RecordedKeyChange } from './key-change-rules';
import { toBatchReceipt, toCentralDevice, toKeyChange, toDeviceSummaries, toSigningKey, toStoredRating, toStoredReasonAnswer, toSyncFileImport } from './stored-rows';
import { insertSqliteAudit, SqliteAccountStore } from '../accounts/sqlite-accounts-repo';
import { SqliteAlertStore } from '../alerts/sqlite-alerts-repo';
import type { AlertStore } from '../alerts/alert-store';
import type { AccountAuditEntry, AccountStore } from '../accounts/account-store';
import { SqliteDirectory } from './sqlite-directory';
import { SqliteHealth } from './sqlite-health';
import { SqliteDeviceState } from './sqlite-device-state';
import { acceptedSeqs } from '../device-seq-ranges';
import { healthIntake, withDeviceHealth } from '../health-records';
import type { DirectorySnapshot } from '../directory-view';
import { sqliteDashboardCounts } from '../dashboard/sqlite-dashboard-repo';
import type { DashboardCounts } from '../dashboard/dashboard-counts';
import type { DayRange } from '../../shared/periods';
import type { Unit, UnitChange } from '../units';
import { MAX_DOSSIER_REPEATS, summariseDossierRepeats, type DossierRepeat, type DossierRepeatRow } from './dossier-repeats';
import { SqliteTallies } from './sqlite-tallies';

export const CENTRAL_DB_FILE = 'central.db';

export function openSqliteCentralStore(dataDir: string, options: StoreOptions = {}): CentralStore {
  ensurePrivateDir(dataDir);
  return new SqliteCentralStore(openCentralDatabase(join(dataDir, CENTRAL_DB_FILE)), options);
}

const deviceColumns = `device_id, office_code, counter, label, revoked_at IS NOT NULL AS revoked, created_at`;

interface IngestStatements {
  insertRating: Statement;
  ratingExists: Statement;
  ratingHashById: Statement;
  ratingIdBySeq: Statement;
  insertReasonAnswer: Statement;
  answerExists: Statement;
  answerHashById: Statement;
  insertIncident: Statement;
  insertReceipt: Statement;
  touchDevice: Statement;
}

function prepareIngest(db: Database): IngestStatements {
  return {
    insertRating: db.prepare(`
      INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code, dossier_code,
                           reasons, flags, app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`),
    ratingExists: db.prepare(`SELECT 1 FROM ratings WHERE id = ?`).pluck(),
    ratingHashById: db.prepare(`SELECT content_hash FROM ratings WHERE id = ?`).pluck(),
    ratingIdBySeq: db.prepare(`SELECT id FROM ratings WHERE device_id = ? AND seq = ?`).pluck(),
    insertReasonAnswer: db.prepare(`
      INSERT INTO reason_answers (id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at, reference)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`),
    answerExists: db.prepare(`SELECT 1 FROM reason_answers WHERE id = ?`).pluck(),
    answerHashById: db.prepare(`SELECT content_hash FROM reason_answers WHERE id = ?`).pluck(),
    insertIncident: db.prepare(`
      INSERT INTO device_incidents (device_id, incident_id, kind, detected_at, record, verified, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (device_id, incident_id) DO UPDATE SET verified = 1
      WHERE device_incidents.verified = 0 AND excluded.verified = 1 AND excluded.record = device_incidents.record`),
    insertReceipt: db.prepare(`
      INSERT INTO batch_receipts (batch_id, device_id, received_at, sent_at, app_version, seq_from, seq_to,
                                  accepted_count, duplicate_count, conflict_count)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    // A late resend must not make the device look older than its newest contact.
    touchDevice: db.prepare(`
      UPDATE devices SET last_seen_at = ?, app_version = ?, clock_offset_ms = ?
      WHERE device_id = ? AND (last_seen_at IS NULL OR last_seen_at <= ?)`),
  };
}

class SqliteCentralStore implements CentralStore {
  readonly storage = 'sqlite';
  readonly sharedRateLimits = undefined;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly fixedSigningKey: SigningKeyText | undefined;

  /** The ingest path's statements, prepared once: a batch of 500 runs them hundreds of times. */
  private readonly ingest: IngestStatements;
  private readonly chain: SqliteChain;
  readonly accounts: AccountStore;
  readonly alerts: AlertStore;
  private readonly directory: SqliteDirectory;
  private readonly health: SqliteHealth;
  readonly tallies: SqliteTallies;
  private readonly deviceState: SqliteDeviceState;

  constructor(private readonly db: Database, options: StoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.fixedSigningKey = options.signingKey;
    this.ingest = prepareIngest(db);
    this.chain = new SqliteChain(db);
    this.accounts = new SqliteAccountStore(db, this.newId);
    this.alerts = new SqliteAlertStore(db);
    this.directory = new SqliteDirectory(db);
    this.health = new SqliteHealth(db);
    this.tallies = new SqliteTallies(db);
    this.deviceState = new SqliteDeviceState(db);
  }

  async addDevice(device: NewDevice): Promise<IssuedDevice> {
    const issued = { deviceId: device.deviceId ?? this.newId(), token: newToken() };
    const { changes } = this.db
      .prepare(`
        INSERT INTO devices (device_id, office_code, counter, label, token_hash, created_at, public_key) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (device_id) DO NOTHING`)
      .run(issued.deviceId, device.officeCode, device.counter, device.label ?? null, tokenHash(issued.token), this.now().toISOString(), device.publicKey ?? null);
    if (changes !== 1) throw new DeviceAlreadyRegisteredError(issued.deviceId);
    return issued;
  }

  async listDevices(): Promise<CentralDevice[]> {
    const rows = this.db.prepare(`SELECT ${deviceColumns} FROM devices ORDER BY office_code, counter, created_at, device_id`).all();
    return rows.map(toCentralDevice);
  }

  async revokeDevice(deviceId: string, audit?: AccountAuditEntry): Promise<boolean> {
    return this.db
      .transaction(() => {
        const { changes } = this.db.prepare(`UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?`).run(this.now().toISOString(), deviceId);
        if (changes === 1 && audit !== undefined) insertSqliteAudit(this.db, audit);
        return changes === 1;
      })
      .immediate();
  }

  async authenticateDevice(token: string): Promise<CentralDevice | undefined> {
    const row = this.db.prepare(`SELECT ${deviceColumns} FROM devices WHERE token_hash = ?`).get(tokenHash(token));
    return row === undefined ? undefined : toCentralDevice(row);
  }

  async addAdminToken(label: string): Promise<string> {
    const token = newToken();
    this.db.prepare(`INSERT INTO admin_tokens (token_hash, label, created_at) VALUES (?, ?, ?)`).run(tokenHash(token), label, this.now().toISOString());
    return token;
  }

  async isAdminToken(token: string): Promise<boolean> {
    return this.db.prepare(`SELECT 1 FROM admin_tokens WHERE token_hash = ?`).get(tokenHash(token)) !== undefined;
  }

  async ingestBatch(batch: SyncBatch, times: IngestTimes): Promise<SyncAck> {
    const ratings = storedRatingsFor(batch, times);
    const answers = storedReasonAnswersFor(batch, times);
    const publicKey = batch.formatVersion === 2 ? ((await this.deviceKey(batch.deviceId))?.publicKey ?? null) : null;
    const head = await chainHeadStanding(batch, publicKey);
    const incidents = await incidentsStanding(batch, publicKey);
    const health = healthIntake(batch, times);
    const run = this.db.transaction(() => {
      const outcomes = [...this.insertRatings(ratings), ...this.insertReasonAnswers(answers)];
      const ack = ackFor(batch.batchId, outcomes, times.receivedAt);
      this.tallies.ingest(batch.deviceId, ratings, answers, outcomes);
      const chained = this.chain.ingest(batch, head === 'verified', times.receivedAt.toISOString());
      this.insertIncidents(batch.deviceId, incidents, times.receivedAt.toISOString());
      if (batch.formatVersion === 2 && batch.directory !== undefined) this.directory.ingest(batch.deviceId, batch.directory, times.receivedAt.toISOString());
      if (health !== undefined) this.health.ingest(batch.deviceId, health);
      this.deviceState.ingest(batch.deviceId, acceptedSeqs(batch.ratings, ack.accepted), chained);
      this.recordReceipt(batch, ack, times.receivedAt);
      return ack;
    });
    return run.immediate();
  }

  /** Runs inside ingestBatch's transaction. */
  private insertRatings(rows: readonly StoredRating[]): IntakeOutcome[] {
    const { insertRating, ratingHashById, ratingIdBySeq, answerExists } = this.ingest;
    const inserted = new Set<string>();
    const storedHashById = new Map<string, string>();
    const storedIdBySeq = new Map<number, string>();
    const otherKindIds = new Set<string>();
    for (const row of rows) {
      const r = row.rating;
      // Never inserted: its id is a stored reason answer's (one stored before this rule may be both).
      if (answerExists.get(r.id) !== undefined) {
        otherKindIds.add(r.id);
        const hash = ratingHashById.get(r.id) as string | undefined;
        if (hash !== undefined) storedHashById.set(r.id, hash);
        continue;
      }
      const { changes } = insertRating.run(
        r.id, r.deviceId, r.seq, r.createdAt, r.localDay, r.scale, r.level, r.officerId, r.serviceCode, r.dossierCode,
        JSON.stringify(r.reasons), JSON.stringify(r.flags), r.appVersion, r.bootId,
        row.contentHash, row.batchId, row.receivedAt, row.clockOffsetMs, JSON.stringify(row.centralFlags),
      );
      if (changes === 1) {
        inserted.add(r.id);
        continue;
      }
      const hash = ratingHashById.get(r.id) as string | undefined;
      if (hash !== undefined) storedHashById.set(r.id, hash);
      const holder = ratingIdBySeq.get(r.deviceId, r.seq) as string | undefined;
      if (holder !== undefined) storedIdBySeq.set(r.seq, holder);
    }
    return classifyRatings(rows, { inserted, storedHashById, storedIdBySeq, otherKindIds });
  }

  /** Runs inside ingestBatch's transaction. */
  private insertReasonAnswers(rows: readonly StoredReasonAnswer[]): IntakeOutcome[] {
    const { insertReasonAnswer, answerHashById, ratingExists } = this.ingest;
    const inserted = new Set<string>();
    const storedHashById = new Map<string, string>();
    const otherKindIds = new Set<string>();
    for (const row of rows) {
      const a = row.answer;
      if (ratingExists.get(a.id) !== undefined) {
        otherKindIds.add(a.id);
        const hash = answerHashById.get(a.id) as string | undefined;
        if (hash !== undefined) storedHashById.set(a.id, hash);
        continue;
      }
      const { changes } = insertReasonAnswer.run(a.id, a.deviceId, a.ratingId, a.createdAt, JSON.stringify(a.reasons), row.contentHash, row.batchId, row.receivedAt, referenceCodeOf(a.ratingId));
      if (changes === 1) {
        inserted.add(a.id);
        continue;
      }
      const hash = answerHashById.get(a.id) as string | undefined;
      if (hash !== undefined) storedHashById.set(a.id, hash);
    }
    return classifyReasonAnswers(rows, { inserted, storedHashById, otherKindIds });
  }

  /** Runs inside ingestBatch's transaction: each incident once; one stored unverified verifies when it comes again with a key. */
  private insertIncidents(deviceId: string, rows: readonly IncidentRow[], receivedAt: string): void {
    const insert = this.ingest.insertIncident;
    for (const { incident, verified } of rows) {
      insert.run(deviceId, incident.id, incident.kind, incident.detectedAt, JSON.stringify(incident), verified ? 1 : 0, receivedAt);
    }
  }

  async deviceIncidents(deviceId: string): Promise<IncidentRow[]> {
    return this.db
      .prepare(`SELECT device_id, record, verified FROM device_incidents WHERE device_id = ? ORDER BY received_at, rowid`)
      .all(deviceId)
      .map((row) => {
        const { incident, verified } = toIncidentRow(row);
        return { incident, verified };
      });
  }

  private recordReceipt(batch: SyncBatch, ack: SyncAck, receivedAt: Date): void {
    const at = receivedAt.toISOString();
    this.ingest.insertReceipt.run(batch.batchId, batch.deviceId, at, batch.sentAt, batch.appVersion, batch.seqFrom, batch.seqTo,
      ack.accepted.length, ack.duplicate.length, ack.conflicts.length);
    this.ingest.touchDevice.run(at, batch.appVersion, clockOffsetMs(batch.sentAt, receivedAt), batch.deviceId, at);
  }

  async deviceSummaries(): Promise<DeviceSummary[]> {
    const devices = this.db
      .prepare(`
        SELECT d.device_id, d.office_code, d.counter, d.label, d.revoked_at IS NOT NULL AS revoked,
               d.last_seen_at, d.app_version, d.clock_offset_ms,
               COALESCE(s.rating_count, 0) AS rating_count, COALESCE(s.max_seq, 0) AS max_seq
        FROM devices d
        LEFT JOIN device_rating_state s USING (device_id)
        ORDER BY d.office_code, d.counter, d.created_at, d.device_id`)
      .all();
    // Kept at ingest (migration 13, issue 17): no rating is read here.
    const gaps = this.deviceState.gapRows('seq');
    const incidents = new Map<string, IncidentRow[]>();
    for (const row of this.db.prepare(`SELECT device_id, record, verified FROM device_incidents ORDER BY received_at, rowid`).all()) {
      const { deviceId, ...stored } = toIncidentRow(row);
      incidents.set(deviceId, [...(incidents.get(deviceId) ?? []), stored]);
    }
    return withDeviceHealth(toDeviceSummaries(devices, gaps, this.chain.reports(this.deviceState.chainEnds(), this.deviceState.gapRows('chain')), incidents), this.health.all());
  }

  async rebuildDeviceState(): Promise<DeviceStateRebuild> {
    return this.deviceState.rebuild();
  }

  async deviceChain(deviceId: string): Promise<StoredChain> {
    return this.chain.load(deviceId);
  }

  async recordChainBreaks(deviceId: string, breaks: readonly ChainBreak[], detectedAt: Date): Promise<number> {
    return this.db.transaction(() => this.chain.saveBreaks(deviceId, breaks, detectedAt.toISOString())).immediate();
  }

  async storedRatings(deviceId: string): Promise<StoredRating[]> {
    return this.db.prepare(`SELECT * FROM ratings WHERE device_id = ? ORDER BY seq`).all(deviceId).map(toStoredRating);
  }

  async dossierRepeats(): Promise<DossierRepeat[]> {
    const rows = this.db
      .prepare(
        `SELECT dossier_code, device_id, created_at FROM ratings
         WHERE dossier_code IN (SELECT dossier_code FROM ratings WHERE dossier_code IS NOT NULL
                                GROUP BY dossier_code HAVING count(*) > 1 ORDER BY count(*) DESC, dossier_code LIMIT ?)`,
      )
      .all(MAX_DOSSIER_REPEATS) as DossierRepeatRow[];
    return summariseDossierRepeats(rows);
  }

  async storedReasonAnswers(deviceId: string): Promise<StoredReasonAnswer[]> {
    return this.db.prepare(`SELECT * FROM reason_answers WHERE device_id = ? ORDER BY created_at, id`).all(deviceId).map(toStoredReasonAnswer);
  }

  async findByReference(referenceCode: string): Promise<ReferencedAnswer[]> {
    const answers = this.db
      .prepare(`SELECT id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at FROM reason_answers WHERE reference = ? ORDER BY created_at, id`)
      .all(referenceCode)
      .map(toStoredReasonAnswer);
    return answers.map((answer) => {
      const rating = this.db.prepare(`SELECT * FROM ratings WHERE id = ?`).get(answer.answer.ratingId);
      const device = this.db.prepare(`SELECT ${deviceColumns} FROM devices WHERE device_id = ?`).get(answer.answer.deviceId);
      return { answer, rating: rating === undefined ? null : toStoredRating(rating), device: device === undefined ? null : toCentralDevice(device) };
    });
  }

  async batchReceipts(deviceId: string): Promise<BatchReceipt[]> {
    return this.db.prepare(`SELECT * FROM batch_receipts WHERE device_id = ? ORDER BY receipt_id`).all(deviceId).map(toBatchReceipt);
  }

  async ensureSigningKey(candidate: SigningKeyText): Promise<SigningKeyText> {
    if (this.fixedSigningKey !== undefined) return this.fixedSigningKey;
    this.db
      .prepare(`INSERT INTO central_signing_key (id, public_key, private_key_pkcs8, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
      .run(candidate.publicKey, candidate.privateKeyPkcs8, this.now().toISOString());
    return toSigningKey(this.db.prepare(`SELECT public_key, private_key_pkcs8 FROM central_signing_key WHERE id = 1`).get());
  }

  async changeDevicePublicKey(change: DeviceKeyChange): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const { changes } = this.db
          .prepare(`UPDATE devices SET public_key = ? WHERE device_id = ? AND public_key IS ?`)
          .run(change.newPublicKey, change.deviceId, change.oldPublicKey);
        if (changes !== 1) return false;
        this.db
          .prepare(`
            INSERT INTO device_key_changes (device_id, changed_at, actor, method, old_public_key, old_fingerprint, new_public_key, new_fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(change.deviceId, this.now().toISOString(), change.actor, change.method, change.oldPublicKey, change.oldFingerprint, change.newPublicKey, change.newFingerprint);
        return true;
      })
      .immediate();
  }

  async deviceKeyChanges(deviceId: string): Promise<RecordedKeyChange[]> {
    return this.db.prepare(`SELECT * FROM device_key_changes WHERE device_id = ? ORDER BY change_id`).all(deviceId).map(toKeyChange);
  }

  async deviceKey(deviceId: string): Promise<{ device: CentralDevice; publicKey: string | null } | undefined> {
    const row = this.db.prepare(`SELECT ${deviceColumns}, public_key FROM devices WHERE device_id = ?`).get(deviceId) as { public_key: string | null } | undefined;
    return row === undefined ? undefined : { device: toCentralDevice(row), publicKey: row.public_key };
  }

  async rotateDeviceToken(deviceId: string): Promise<string | undefined> {
    const token = newToken();
    const { changes } = this.db.prepare(`UPDATE devices SET token_hash = ? WHERE device_id = ?`).run(tokenHash(token), deviceId);
    return changes === 1 ? token : undefined;
  }

  async latestSyncFileImport(deviceId: string): Promise<SyncFileImport | undefined> {
    const row = this.db.prepare(`SELECT * FROM sync_file_imports WHERE device_id = ? ORDER BY file_number DESC LIMIT 1`).get(deviceId);
    return row === undefined ? undefined : toSyncFileImport(row);
  }

  async findSyncFileImport(deviceId: string, fileNumber: number): Promise<SyncFileImport | undefined> {
    const row = this.db.prepare(`SELECT * FROM sync_file_imports WHERE device_id = ? AND file_number = ?`).get(deviceId, fileNumber);
    return row === undefined ? undefined : toSyncFileImport(row);
  }

  async recordSyncFileImport(record: SyncFileImport): Promise<boolean> {
    const { changes } = this.db
      .prepare(`
        INSERT INTO sync_file_imports (device_id, file_number, payload_sha256, received_at, ack) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING`)
      .run(record.deviceId, record.fileNumber, record.payloadSha256, record.receivedAt, JSON.stringify(record.ack));
    return changes === 1;
  }

  async changeUnits(changes: readonly UnitChange[], mode: 'add' | 'upsert', audit?: AccountAuditEntry): Promise<void> {
    this.directory.changeUnits(changes, mode, this.now().toISOString(), audit);
  }

  async listUnits(): Promise<Unit[]> {
    return this.directory.units();
  }

  async assignOffice(officeCode: string, unitCode: string, audit?: AccountAuditEntry): Promise<void> {
    this.directory.assignOffice(officeCode, unitCode, audit);
  }

  async directorySnapshot(): Promise<DirectorySnapshot> {
    return this.directory.snapshot();
  }

  async dashboardCounts(range: DayRange): Promise<DashboardCounts> {
    return sqliteDashboardCounts(this.db, range);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
