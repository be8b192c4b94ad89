// CentralStore on PostgreSQL. Many servers (or many requests) may ingest at once, so each batch
// first locks its device's row: batches of one device take turns, and a resend racing its
// original waits for it and then finds its ratings stored (duplicate), never a second row.
// INSERT … ON CONFLICT DO NOTHING is the backstop: a rating id racing in from another device
// is skipped, not an error.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
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
  type RateLimitCounter,
} from './central-store';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { newToken, tokenHash } from './device-tokens';
import { ackFor, classifyRatings, classifyReasonAnswers, clockOffsetMs, storedRatingsFor, storedReasonAnswersFor, type IntakeOutcome } from './intake-rules';
import type { AccountAuditEntry } from '../accounts/account-store';
import { insertAudit } from '../accounts/postgres-accounts-repo';
import { inTransaction, openPostgresPool, type PostgresConfig } from './postgres-database';
import { chainReports, ingestChain, loadChain, saveChainBreaks } from './postgres-chain';
import type { StoredChain } from './chain-rows';
import type { ChainBreak } from '../chain-verification';
import { chainHeadStanding } from '../chain-head-check';
import { incidentsStanding, toIncidentRow, type IncidentRow } from '../incidents';
import type { DeviceKeyChange, RecordedKeyChange } from './key-change-rules';
import { dbInteger, toBatchReceipt, toCentralDevice, toKeyChange, toDeviceSummaries, toSigningKey, toStoredRating, toStoredReasonAnswer, toSyncFileImport } from './stored-rows';
import { PostgresAccountStore } from '../accounts/postgres-accounts-repo';
import { PostgresAlertStore } from '../alerts/postgres-alerts-repo';
import type { AlertStore } from '../alerts/alert-store';
import type { AccountStore } from '../accounts/account-store';
import { assignOffice, changeUnits, directorySnapshot, ingestDirectory, listUnits } from './postgres-directory';
import { allDeviceHealth, ingestHealth } from './postgres-health';
import { deviceChainEnds, deviceGapRows, ingestDeviceState, rebuildDeviceState } from './postgres-device-state';
import { acceptedSeqs } from '../device-seq-ranges';
import { PostgresRateLimits } from './postgres-rate-limits';
import { healthIntake, withDeviceHealth } from '../health-records';
import type { DirectorySnapshot } from '../directory-view';
import { postgresDashboardCounts } from '../dashboard/postgres-dashboard-repo';
import type { DashboardCounts } from '../dashboard/dashboard-counts';
import type { DayRange } from '../../shared/periods';
import type { Unit, UnitChange } from '../units';
import { MAX_DOSSIER_REPEATS, summariseDossierRepeats, type DossierRepeat, type DossierRepeatRow } from './dossier-repeats';
import { PostgresTallies } from './postgres-tallies';

export async function openPostgresCentralStore(config: PostgresConfig, options: StoreOptions = {}): Promise<CentralStore> {
  return new PostgresCentralStore(await openPostgresPool(config), options);
}

const deviceColumns = `device_id, office_code, counter, label, revoked_at IS NOT NULL AS revoked, created_at`;
const deviceOrder = `office_code COLLATE "C", counter, created_at, device_id COLLATE "C"`;

const hashRow = z.object({ id: z.string(), content_hash: z.string() });
const seqRow = z.object({ seq: dbInteger, id: z.string() });
const idRow = z.object({ id: z.string() });

class PostgresCentralStore implements CentralStore {
  readonly storage = 'postgres';
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly fixedSigningKey: SigningKeyText | undefined;
  readonly accounts: AccountStore;
  readonly alerts: AlertStore;
  readonly tallies: PostgresTallies;
  readonly sharedRateLimits: RateLimitCounter;

  constructor(private readonly pool: pg.Pool, options: StoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.fixedSigningKey = options.signingKey;
    this.accounts = new PostgresAccountStore(pool, this.newId);
    this.alerts = new PostgresAlertStore(pool);
    this.tallies = new PostgresTallies(pool);
    this.sharedRateLimits = new PostgresRateLimits(pool);
  }

  async addDevice(device: NewDevice): Promise<IssuedDevice> {
    const issued = { deviceId: device.deviceId ?? this.newId(), token: newToken() };
    const { rowCount } = await this.pool.query(
      `INSERT INTO devices (device_id, office_code, counter, label, token_hash, created_at, public_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (device_id) DO NOTHING`,
      [issued.deviceId, device.officeCode, device.counter, device.label ?? null, tokenHash(issued.token), this.now(), device.publicKey ?? null],
    );
    if (rowCount !== 1) throw new DeviceAlreadyRegisteredError(issued.deviceId);
    return issued;
  }

  async listDevices(): Promise<CentralDevice[]> {
    const { rows } = await this.pool.query(`SELECT ${deviceColumns} FROM devices ORDER BY ${deviceOrder}`);
    return rows.map(toCentralDevice);
  }

  async revokeDevice(deviceId: string, audit?: AccountAuditEntry): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(`UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE device_id = $1`, [deviceId, this.now()]);
      if (rowCount === 1 && audit !== undefined) await insertAudit(client, audit);
      return rowCount === 1;
    });
  }

  async authenticateDevice(token: string): Promise<CentralDevice | undefined> {
    const { rows } = await this.pool.query(`SELECT ${deviceColumns} FROM devices WHERE token_hash = $1`, [tokenHash(token)]);
    return rows[0] === undefined ? undefined : toCentralDevice(rows[0]);
  }

  async addAdminToken(label: string): Promise<string> {
    const token = newToken();
    await this.pool.query(`INSERT INTO admin_tokens (token_hash, label, created_at) VALUES ($1, $2, $3)`, [tokenHash(token), label, this.now()]);
    return token;
  }

  async isAdminToken(token: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM admin_tokens WHERE token_hash = $1`, [tokenHash(token)]);
    return rowCount === 1;
  }

  async ingestBatch(batch: SyncBatch, times: IngestTimes): Promise<SyncAck> {
    const ratings = storedRatingsFor(batch, times);
    const answers = storedReasonAnswersFor(batch, times);
    const publicKey = batch.formatVersion === 2 ? ((await this.deviceKey(batch.deviceId))?.publicKey ?? null) : null;
    const head = await chainHeadStanding(batch, publicKey);
    const incidents = await incidentsStanding(batch, publicKey);
    const health = healthIntake(batch, times);
    return inTransaction(this.pool, async (client) => {
      const device = await client.query(`SELECT 1 FROM devices WHERE device_id = $1 FOR NO KEY UPDATE`, [batch.deviceId]);
      if (device.rowCount !== 1) throw new Error(`unknown device ${batch.deviceId}`);

      const outcomes = [...(await insertRatings(client, batch, ratings, times)), ...(await insertReasonAnswers(client, answers))];
      const ack = ackFor(batch.batchId, outcomes, times.receivedAt);
      await this.tallies.ingest(client, batch.deviceId, ratings, answers, outcomes);
      const chained = await ingestChain(client, batch, head === 'verified', times.receivedAt);
      for (const { incident, verified } of incidents) {
        // Each incident once; one stored unverified verifies when it comes again with a key.
        await client.query(
          `INSERT INTO device_incidents (device_id, incident_id, kind, detected_at, record, verified, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (device_id, incident_id) DO UPDATE SET verified = true
           WHERE NOT device_incidents.verified AND excluded.verified AND excluded.record = device_incidents.record`,
          [batch.deviceId, incident.id, incident.kind, incident.detectedAt, JSON.stringify(incident), verified, times.receivedAt],
        );
      }
      if (batch.formatVersion === 2 && batch.directory !== undefined) await ingestDirectory(client, batch.deviceId, batch.directory, times.receivedAt);
      if (health !== undefined) await ingestHealth(client, batch.deviceId, health);
      await ingestDeviceState(client, batch.deviceId, acceptedSeqs(batch.ratings, ack.accepted), chained);

      await client.query(
        `INSERT INTO batch_receipts (batch_id, device_id, received_at, sent_at, app_version, seq_from, seq_to,
                                     accepted_count, duplicate_count, conflict_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [batch.batchId, batch.deviceId, times.receivedAt, batch.sentAt, batch.appVersion, batch.seqFrom, batch.seqTo,
          ack.accepted.length, ack.duplicate.length, ack.conflicts.length],
      );
      // A late resend must not make the device look older than its newest contact.
      await client.query(
        `UPDATE devices SET last_seen_at = $2, app_version = $3, clock_offset_ms = $4
         WHERE device_id = $1 AND (last_seen_at IS NULL OR last_seen_at <= $2)`,
        [batch.deviceId, times.receivedAt, batch.appVersion, clockOffsetMs(batch.sentAt, times.receivedAt)],
      );
      return ack;
    });
  }

  async deviceSummaries(): Promise<DeviceSummary[]> {
    const devices = await this.pool.query(`
      SELECT d.device_id, d.office_code, d.counter, d.label, d.revoked_at IS NOT NULL AS revoked,
             d.last_seen_at, d.app_version, d.clock_offset_ms,
             COALESCE(s.rating_count, 0) AS rating_count, COALESCE(s.max_seq, 0) AS max_seq
      FROM devices d
      LEFT JOIN device_rating_state s USING (device_id)
      ORDER BY d.office_code COLLATE "C", d.counter, d.created_at, d.device_id COLLATE "C"`);
    // Kept at ingest (migration 13, issue 17): no rating is read here.
    const gaps = { rows: await deviceGapRows(this.pool, 'seq') };
    const incidents = new Map<string, IncidentRow[]>();
    for (const row of (await this.pool.query(`SELECT device_id, record, verified FROM device_incidents ORDER BY received_at, detected_at, incident_id`)).rows) {
      const { deviceId, ...stored } = toIncidentRow(row);
      incidents.set(deviceId, [...(incidents.get(deviceId) ?? []), stored]);
    }
    return withDeviceHealth(toDeviceSummaries(devices.rows, gaps.rows, await chainReports(this.pool, await deviceChainEnds(this.pool), await deviceGapRows(this.pool, 'chain')), incidents), await allDeviceHealth(this.pool));
  }

  async rebuildDeviceState(): Promise<DeviceStateRebuild> {
    return inTransaction(this.pool, rebuildDeviceState);
  }

  async deviceIncidents(deviceId: string): Promise<IncidentRow[]> {
    const rows = await this.pool.query(`SELECT device_id, record, verified FROM device_incidents WHERE device_id = $1 ORDER BY received_at, detected_at, incident_id`, [deviceId]);
    return rows.rows.map((row) => {
      const { incident, verified } = toIncidentRow(row);
      return { incident, verified };
    });
  }

  async deviceChain(deviceId: string): Promise<StoredChain> {
    return loadChain(this.pool, deviceId);
  }

  async recordChainBreaks(deviceId: string, breaks: readonly ChainBreak[], detectedAt: Date): Promise<number> {
    return saveChainBreaks(this.pool, deviceId, breaks, detectedAt);
  }

  async storedRatings(deviceId: string): Promise<StoredRating[]> {
    const { rows } = await this.pool.query(
      `SELECT id, device_id, seq, created_at, local_day::text AS local_day, scale, level, officer_id, service_code, dossier_code,
              reasons, flags, app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags
       FROM ratings WHERE device_id = $1 ORDER BY seq`,
      [deviceId],
    );
    return rows.map(toStoredRating);
  }

  async dossierRepeats(): Promise<DossierRepeat[]> {
    // COLLATE "C": byte order, as SQLite sorts, so both stores keep the same codes at the limit.
    const { rows } = await this.pool.query<DossierRepeatRow>(
      `SELECT dossier_code, device_id, created_at FROM ratings
       WHERE dossier_code IN (SELECT dossier_code FROM ratings WHERE dossier_code IS NOT NULL
                              GROUP BY dossier_code HAVING count(*) > 1 ORDER BY count(*) DESC, dossier_code COLLATE "C" LIMIT $1)`,
      [MAX_DOSSIER_REPEATS],
    );
    return summariseDossierRepeats(rows);
  }

  async storedReasonAnswers(deviceId: string): Promise<StoredReasonAnswer[]> {
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    const { rows } = await this.pool.query(
      `SELECT id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at
       FROM reason_answers WHERE device_id = $1 ORDER BY created_at COLLATE "C", id COLLATE "C"`,
      [deviceId],
    );
    return rows.map(toStoredReasonAnswer);
  }

  async findByReference(referenceCode: string): Promise<ReferencedAnswer[]> {
    const { rows } = await this.pool.query(
      `SELECT id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at
       FROM reason_answers WHERE reference = $1 ORDER BY created_at COLLATE "C", id COLLATE "C"`,
      [referenceCode],
    );
    const found: ReferencedAnswer[] = [];
    for (const answer of rows.map(toStoredReasonAnswer)) {
      const rating = await this.pool.query(
        `SELECT id, device_id, seq, created_at, local_day::text AS local_day, scale, level, officer_id, service_code, dossier_code,
                reasons, flags, app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags
         FROM ratings WHERE id = $1`,
        [answer.answer.ratingId],
      );
      const device = await this.pool.query(`SELECT ${deviceColumns} FROM devices WHERE device_id = $1`, [answer.answer.deviceId]);
      found.push({ answer, rating: rating.rows[0] === undefined ? null : toStoredRating(rating.rows[0]), device: device.rows[0] === undefined ? null : toCentralDevice(device.rows[0]) });
    }
    return found;
  }

  async batchReceipts(deviceId: string): Promise<BatchReceipt[]> {
    const { rows } = await this.pool.query(`SELECT * FROM batch_receipts WHERE device_id = $1 ORDER BY receipt_id`, [deviceId]);
    return rows.map(toBatchReceipt);
  }

  async ensureSigningKey(candidate: SigningKeyText): Promise<SigningKeyText> {
    if (this.fixedSigningKey !== undefined) return this.fixedSigningKey;
    await this.pool.query(
      `INSERT INTO central_signing_key (id, public_key, private_key_pkcs8, created_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [candidate.publicKey, candidate.privateKeyPkcs8, this.now()],
    );
    const { rows } = await this.pool.query(`SELECT public_key, private_key_pkcs8 FROM central_signing_key WHERE id = 1`);
    return toSigningKey(rows[0]);
  }

  async changeDevicePublicKey(change: DeviceKeyChange): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(`UPDATE devices SET public_key = $2 WHERE device_id = $1 AND public_key IS NOT DISTINCT FROM $3`, [
        change.deviceId, change.newPublicKey, change.oldPublicKey,
      ]);
      if (rowCount !== 1) return false;
      await client.query(
        `INSERT INTO device_key_changes (device_id, changed_at, actor, method, old_public_key, old_fingerprint, new_public_key, new_fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [change.deviceId, this.now(), change.actor, change.method, change.oldPublicKey, change.oldFingerprint, change.newPublicKey, change.newFingerprint],
      );
      return true;
    });
  }

  async deviceKeyChanges(deviceId: string): Promise<RecordedKeyChange[]> {
    const { rows } = await this.pool.query(`SELECT * FROM device_key_changes WHERE device_id = $1 ORDER BY change_id`, [deviceId]);
    return rows.map(toKeyChange);
  }

  async deviceKey(deviceId: string): Promise<{ device: CentralDevice; publicKey: string | null } | undefined> {
    const { rows } = await this.pool.query(`SELECT ${deviceColumns}, public_key FROM devices WHERE device_id = $1`, [deviceId]);
    const row = rows[0] as { public_key: string | null } | undefined;
    return row === undefined ? undefined : { device: toCentralDevice(row), publicKey: row.public_key };
  }

  async rotateDeviceToken(deviceId: string): Promise<string | undefined> {
    const token = newToken();
    const { rowCount } = await this.pool.query(`UPDATE devices SET token_hash = $2 WHERE device_id = $1`, [deviceId, tokenHash(token)]);
    return rowCount === 1 ? token : undefined;
  }

  async latestSyncFileImport(deviceId: string): Promise<SyncFileImport | undefined> {
    const { rows } = await this.pool.query(`SELECT * FROM sync_file_imports WHERE device_id = $1 ORDER BY file_number DESC LIMIT 1`, [deviceId]);
    return rows[0] === undefined ? undefined : toSyncFileImport(rows[0]);
  }

  async findSyncFileImport(deviceId: string, fileNumber: number): Promise<SyncFileImport | undefined> {
    const { rows } = await this.pool.query(`SELECT * FROM sync_file_imports WHERE device_id = $1 AND file_number = $2`, [deviceId, fileNumber]);
    return rows[0] === undefined ? undefined : toSyncFileImport(rows[0]);
  }

  async recordSyncFileImport(record: SyncFileImport): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO sync_file_imports (device_id, file_number, payload_sha256, received_at, ack) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [record.deviceId, record.fileNumber, record.payloadSha256, record.receivedAt, JSON.stringify(record.ack)],
    );
    return rowCount === 1;
  }

  async changeUnits(changes: readonly UnitChange[], mode: 'add' | 'upsert', audit?: AccountAuditEntry): Promise<void> {
    await changeUnits(this.pool, changes, mode, this.now(), audit);
  }

  async listUnits(): Promise<Unit[]> {
    return listUnits(this.pool);
  }

  async assignOffice(officeCode: string, unitCode: string, audit?: AccountAuditEntry): Promise<void> {
    await assignOffice(this.pool, officeCode, unitCode, audit);
  }

  async directorySnapshot(): Promise<DirectorySnapshot> {
    return directorySnapshot(this.pool);
  }

  async dashboardCounts(range: DayRange): Promise<DashboardCounts> {
    return postgresDashboardCounts(this.pool, range);
  }

  async close(): Promise<void> {
    // Closing twice is harmless, as with SQLite: callers close in finally blocks and cleanups.
    if (this.pool.ended || this.pool.ending) return;
    await this.pool.end();
  }
}

/** Runs inside ingestBatch's transaction: one INSERT for the whole batch, then a look at what it skipped. */
async function insertRatings(client: pg.PoolClient, batch: SyncBatch, rows: readonly StoredRating[], times: IngestTimes): Promise<IntakeOutcome[]> {
  if (rows.length === 0) return [];
  const payload = rows.map((row) => ({ ...row.rating, contentHash: row.contentHash, centralFlags: row.centralFlags }));
  const insertedRows = await client.query(
    `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code, dossier_code,
                          reasons, flags, app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags)
     SELECT r->>'id', r->>'deviceId', (r->>'seq')::bigint, r->>'createdAt', (r->>'localDay')::date, r->>'scale',
            (r->>'level')::smallint, r->>'officerId', r->>'serviceCode', r->>'dossierCode', r->'reasons', r->'flags',
            r->>'appVersion', r->>'bootId', r->>'contentHash', $2, $3, $4, r->'centralFlags'
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(r, ord)
     WHERE NOT EXISTS (SELECT 1 FROM reason_answers x WHERE x.id = r->>'id')
     ORDER BY ord
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [JSON.stringify(payload), batch.batchId, times.receivedAt, clockOffsetMs(batch.sentAt, times.receivedAt)],
  );
  const inserted = idsOf(insertedRows.rows);
  const skipped = rows.map((row) => row.rating).filter((r) => !inserted.has(r.id));
  const storedHashById = await storedHashes(client, 'ratings', skipped);
  const storedIdBySeq = new Map<number, string>();
  if (skipped.length > 0) {
    const bySeq = await client.query(`SELECT seq, id FROM ratings WHERE device_id = $1 AND seq = ANY($2::bigint[])`, [
      batch.deviceId,
      skipped.map((r) => r.seq),
    ]);
    for (const r of bySeq.rows.map((row) => seqRow.parse(row))) storedIdBySeq.set(r.seq, r.id);
  }
  const otherKindIds = await existingIds(client, 'reason_answers', skipped);
  return classifyRatings(rows, { inserted, storedHashById, storedIdBySeq, otherKindIds });
}

/** Runs inside ingestBatch's transaction, as insertRatings. */
async function insertReasonAnswers(client: pg.PoolClient, rows: readonly StoredReasonAnswer[]): Promise<IntakeOutcome[]> {
  if (rows.length === 0) return [];
  const payload = rows.map((row) => ({ ...row.answer, contentHash: row.contentHash, batchId: row.batchId, receivedAt: row.receivedAt, reference: referenceCodeOf(row.answer.ratingId) }));
  const insertedRows = await client.query(
    `INSERT INTO reason_answers (id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at, reference)
     SELECT a->>'id', a->>'deviceId', a->>'ratingId', a->>'createdAt', a->'reasons', a->>'contentHash', a->>'batchId',
            (a->>'receivedAt')::timestamptz, a->>'reference'
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(a, ord)
     WHERE NOT EXISTS (SELECT 1 FROM ratings x WHERE x.id = a->>'id')
     ORDER BY ord
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [JSON.stringify(payload)],
  );
  const inserted = idsOf(insertedRows.rows);
  const skipped = rows.map((row) => row.answer).filter((a) => !inserted.has(a.id));
  return classifyReasonAnswers(rows, {
    inserted,
    storedHashById: await storedHashes(client, 'reason_answers', skipped),
    otherKindIds: await existingIds(client, 'ratings', skipped),
  });
}

/** The ids among `records`' that `table` holds: a record of the other kind, so never inserted. */
async function existingIds(client: pg.PoolClient, table: 'ratings' | 'reason_answers', records: readonly { id: string }[]): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const { rows } = await client.query(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [records.map((r) => r.id)]);
  return idsOf(rows);
}

function idsOf(rows: unknown[]): Set<string> {
  return new Set(rows.map((r) => idRow.parse(r).id));
}

/** content_hash of the stored rows among `records`' ids (none asked when there are none). */
async function storedHashes(client: pg.PoolClient, table: 'ratings' | 'reason_answers', records: readonly { id: string }[]): Promise<Map<string, string>> {
  if (records.length === 0) return new Map();
  const { rows } = await client.query(`SELECT id, content_hash FROM ${table} WHERE id = ANY($1::text[])`, [records.map((r) => r.id)]);
  return new Map(rows.map((row) => hashRow.parse(row)).map((r) => [r.id, r.content_hash]));
}
