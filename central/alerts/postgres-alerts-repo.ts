// AlertStore on PostgreSQL, shared by every central instance on the database (issue 17). Two
// instances that both decide an episode begins insert the same (rule, subject, ordinal): ON
// CONFLICT DO NOTHING waits for the other's transaction and keeps one row, so one alert and one
// outbox row. Outbox rows are claimed FOR UPDATE SKIP LOCKED with a lease: one sender at a time.
import type pg from 'pg';
import type { AccountAuditEntry } from '../accounts/account-store';
import { insertAudit } from '../accounts/postgres-accounts-repo';
import { inTransaction } from '../store/postgres-database';
import type { AlertFacts } from '../../shared/central-alerts';
import type { AlertStore, DeviceContact, DeviceIntegrity, ListedAlert, NewAlert, OutboxItem, RatingPoint, StoredAlert, StoredAlertRule } from './alert-store';
import { toDeviceContact, toListedAlert, toOutboxItem, toRatingPoint, toStoredAlert, toStoredRule } from './alert-rows';
import { dbInteger } from '../store/stored-rows';

export class PostgresAlertStore implements AlertStore {
  constructor(private readonly pool: pg.Pool) {}

  async addRule(rule: StoredAlertRule, audit: AccountAuditEntry): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(`INSERT INTO alert_rules (rule_id, kind, name, params, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        rule.ruleId, rule.params.kind, rule.name, JSON.stringify(rule.params), rule.createdAt, rule.createdBy,
      ]);
      await insertAudit(client, audit);
    });
  }

  async removeRule(ruleId: string, at: string, audit: AccountAuditEntry): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(`UPDATE alert_rules SET removed_at = $1 WHERE rule_id = $2 AND removed_at IS NULL`, [at, ruleId]);
      if (rowCount === 0) return false;
      await insertAudit(client, audit);
      return true;
    });
  }

  async listRules(): Promise<StoredAlertRule[]> {
    const { rows } = await this.pool.query(`SELECT * FROM alert_rules WHERE removed_at IS NULL ORDER BY created_at, rule_id COLLATE "C"`);
    return rows.map(toStoredRule);
  }

  async ratingsOn(deviceIds: readonly string[], localDays: readonly string[]): Promise<RatingPoint[]> {
    if (deviceIds.length === 0 || localDays.length === 0) return [];
    const { rows } = await this.pool.query(
      `SELECT device_id, created_at, to_char(local_day, 'YYYY-MM-DD') AS local_day, scale, level, flags FROM ratings WHERE device_id = ANY($1::text[]) AND local_day = ANY($2::date[])`,
      [deviceIds, localDays],
    );
    return rows.map(toRatingPoint);
  }

  async deviceIntegrity(deviceId: string): Promise<DeviceIntegrity> {
    const seqs = await this.pool.query(`SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS max_seq FROM ratings WHERE device_id = $1`, [deviceId]);
    const breaks = await this.pool.query(`SELECT COUNT(*) AS n FROM chain_breaks WHERE device_id = $1`, [deviceId]);
    return { ratingCount: dbInteger.parse(seqs.rows[0].n), maxSeq: dbInteger.parse(seqs.rows[0].max_seq), chainBreaks: dbInteger.parse(breaks.rows[0].n) };
  }

  async deviceContacts(): Promise<DeviceContact[]> {
    const { rows } = await this.pool.query(
      `SELECT device_id, office_code, counter, last_seen_at, created_at, revoked_at IS NOT NULL AS revoked FROM devices ORDER BY device_id COLLATE "C"`,
    );
    return rows.map(toDeviceContact);
  }

  async episodes(ruleId: string, subject: string, range: { fromMs: number; toMs: number } | null): Promise<{ episodes: StoredAlert[]; nextOrdinal: number }> {
    // The ordinal first, then the episodes: an episode another instance commits in between is then
    // either seen (and extended) or takes this very ordinal (and our insert conflicts and reads
    // again). The other order could read no episode, then a later ordinal, and store a second one.
    const next = await this.pool.query(`SELECT COALESCE(MAX(ordinal) + 1, 0) AS next FROM alerts WHERE rule_id = $1 AND subject = $2`, [ruleId, subject]);
    const { rows } =
      range === null
        ? await this.pool.query(`SELECT * FROM alerts WHERE rule_id = $1 AND subject = $2 AND cleared_at IS NULL`, [ruleId, subject])
        : await this.pool.query(`SELECT * FROM alerts WHERE rule_id = $1 AND subject = $2 AND run_from_ms <= $3 AND run_to_ms >= $4`, [ruleId, subject, range.toMs, range.fromMs]);
    return { episodes: rows.map(toStoredAlert), nextOrdinal: dbInteger.parse(next.rows[0].next) };
  }

  async openEpisodes(ruleId: string): Promise<StoredAlert[]> {
    const { rows } = await this.pool.query(`SELECT * FROM alerts WHERE rule_id = $1 AND cleared_at IS NULL`, [ruleId]);
    return rows.map(toStoredAlert);
  }

  async insertAlert(alert: NewAlert): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        `INSERT INTO alerts (alert_id, rule_id, subject, ordinal, unit_code, device_id, run_from_ms, run_to_ms, occurred_at, detected_at, facts, subject_view, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (rule_id, subject, ordinal) DO NOTHING`,
        [
          alert.alertId, alert.ruleId, alert.subject, alert.ordinal, alert.unitCode, alert.deviceId, alert.runFromMs, alert.runToMs,
          alert.occurredAt, alert.detectedAt, JSON.stringify(alert.facts), JSON.stringify(alert.subjectView), alert.message,
        ],
      );
      if (rowCount === 0) return false;
      if (alert.outboxBody !== null) {
        await client.query(`INSERT INTO alert_outbox (alert_id, body, next_attempt_ms) VALUES ($1, $2, $3)`, [alert.alertId, alert.outboxBody, alert.nextAttemptMs]);
      }
      return true;
    });
  }

  async extendRun(alertId: string, fromMs: number, toMs: number, facts: AlertFacts, message: string): Promise<void> {
    await this.pool.query(
      `UPDATE alerts SET run_from_ms = LEAST(run_from_ms, $1), run_to_ms = GREATEST(run_to_ms, $2), facts = $3, message = $4 WHERE alert_id = $5`,
      [fromMs, toMs, JSON.stringify(facts), message, alertId],
    );
  }

  async clearAlert(alertId: string, at: string): Promise<void> {
    await this.pool.query(`UPDATE alerts SET cleared_at = $1 WHERE alert_id = $2 AND cleared_at IS NULL`, [at, alertId]);
  }

  async listAlerts(unitCodes: readonly string[] | null, limit: number): Promise<ListedAlert[]> {
    const select = `SELECT a.*, r.name AS rule_name, r.kind FROM alerts a JOIN alert_rules r USING (rule_id)`;
    const { rows } =
      unitCodes === null
        ? await this.pool.query(`${select} ORDER BY a.detected_at DESC, a.alert_id COLLATE "C" LIMIT $1`, [limit])
        : await this.pool.query(`${select} WHERE a.unit_code = ANY($1::text[]) ORDER BY a.detected_at DESC, a.alert_id COLLATE "C" LIMIT $2`, [unitCodes, limit]);
    return rows.map(toListedAlert);
  }

  async claimDeliveries(nowMs: number, leaseUntilMs: number, limit: number): Promise<OutboxItem[]> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query(
        `SELECT alert_id, body, attempts FROM alert_outbox
         WHERE delivered_at IS NULL AND next_attempt_ms <= $1 AND (lease_until_ms IS NULL OR lease_until_ms <= $1)
         ORDER BY next_attempt_ms, alert_id COLLATE "C" LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [nowMs, limit],
      );
      const items = rows.map(toOutboxItem);
      if (items.length > 0) await client.query(`UPDATE alert_outbox SET lease_until_ms = $1 WHERE alert_id = ANY($2::text[])`, [leaseUntilMs, items.map((i) => i.alertId)]);
      return items;
    });
  }

  async deliveryDone(alertId: string, at: string): Promise<void> {
    await this.pool.query(`UPDATE alert_outbox SET delivered_at = $1, attempts = attempts + 1, lease_until_ms = NULL, last_error = NULL WHERE alert_id = $2`, [at, alertId]);
  }

  async deliveryFailed(alertId: string, attempts: number, nextAttemptMs: number, error: string): Promise<void> {
    await this.pool.query(`UPDATE alert_outbox SET attempts = $1, next_attempt_ms = $2, lease_until_ms = NULL, last_error = $3 WHERE alert_id = $4`, [attempts, nextAttemptMs, error.slice(0, 500), alertId]);
  }

  async outboxRow(alertId: string) {
    const { rows } = await this.pool.query(`SELECT attempts, delivered_at, last_error FROM alert_outbox WHERE alert_id = $1`, [alertId]);
    const row = rows[0] as { attempts: number; delivered_at: Date | null; last_error: string | null } | undefined;
    return row === undefined ? undefined : { attempts: row.attempts, deliveredAt: row.delivered_at === null ? null : row.delivered_at.toISOString(), lastError: row.last_error };
  }
}
