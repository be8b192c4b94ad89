// AlertStore on central's SQLite file (issue 17). better-sqlite3 is synchronous and each write
// is one IMMEDIATE transaction, so a second process on the file (the CLI's import) waits its turn;
// the (rule, subject, ordinal) constraint still decides any episode two writers both start.
import type { Database } from 'better-sqlite3';
import type { AccountAuditEntry } from '../accounts/account-store';
import { insertSqliteAudit } from '../accounts/sqlite-accounts-repo';
import type { AlertFacts } from '../../shared/central-alerts';
import type { AlertStore, DeviceContact, DeviceIntegrity, ListedAlert, NewAlert, OutboxItem, RatingPoint, StoredAlert, StoredAlertRule } from './alert-store';
import { toDeviceContact, toListedAlert, toOutboxItem, toRatingPoint, toStoredAlert, toStoredRule } from './alert-rows';

export class SqliteAlertStore implements AlertStore {
  constructor(private readonly db: Database) {}

  async addRule(rule: StoredAlertRule, audit: AccountAuditEntry): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO alert_rules (rule_id, kind, name, params, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(rule.ruleId, rule.params.kind, rule.name, JSON.stringify(rule.params), rule.createdAt, rule.createdBy);
      insertSqliteAudit(this.db, audit);
    }).immediate();
  }

  async removeRule(ruleId: string, at: string, audit: AccountAuditEntry): Promise<boolean> {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare(`UPDATE alert_rules SET removed_at = ? WHERE rule_id = ? AND removed_at IS NULL`).run(at, ruleId);
      if (changes === 0) return false;
      insertSqliteAudit(this.db, audit);
      return true;
    }).immediate();
  }

  async listRules(): Promise<StoredAlertRule[]> {
    return this.db.prepare(`SELECT * FROM alert_rules WHERE removed_at IS NULL ORDER BY created_at, rule_id`).all().map(toStoredRule);
  }

  async ratingsOn(deviceIds: readonly string[], localDays: readonly string[]): Promise<RatingPoint[]> {
    if (deviceIds.length === 0 || localDays.length === 0) return [];
    return this.db
      .prepare(
        `SELECT device_id, created_at, local_day, scale, level, flags FROM ratings
         WHERE device_id IN (SELECT value FROM json_each(?)) AND local_day IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(deviceIds), JSON.stringify(localDays))
      .map(toRatingPoint);
  }

  async deviceIntegrity(deviceId: string): Promise<DeviceIntegrity> {
    const seqs = this.db.prepare(`SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS max_seq FROM ratings WHERE device_id = ?`).get(deviceId) as { n: number; max_seq: number };
    const breaks = this.db.prepare(`SELECT COUNT(*) AS n FROM chain_breaks WHERE device_id = ?`).get(deviceId) as { n: number };
    return { ratingCount: seqs.n, maxSeq: seqs.max_seq, chainBreaks: breaks.n };
  }

  async deviceContacts(): Promise<DeviceContact[]> {
    return this.db
      .prepare(`SELECT device_id, office_code, counter, last_seen_at, created_at, revoked_at IS NOT NULL AS revoked FROM devices ORDER BY device_id`)
      .all()
      .map(toDeviceContact);
  }

  async episodes(ruleId: string, subject: string, range: { fromMs: number; toMs: number } | null): Promise<{ episodes: StoredAlert[]; nextOrdinal: number }> {
    // The ordinal first, then the episodes (postgres-alerts-repo.ts says why the order matters to
    // another process on the file).
    const next = this.db.prepare(`SELECT COALESCE(MAX(ordinal) + 1, 0) AS next FROM alerts WHERE rule_id = ? AND subject = ?`).get(ruleId, subject) as { next: number };
    const rows =
      range === null
        ? this.db.prepare(`SELECT * FROM alerts WHERE rule_id = ? AND subject = ? AND cleared_at IS NULL`).all(ruleId, subject)
        : this.db.prepare(`SELECT * FROM alerts WHERE rule_id = ? AND subject = ? AND run_from_ms <= ? AND run_to_ms >= ?`).all(ruleId, subject, range.toMs, range.fromMs);
    return { episodes: rows.map(toStoredAlert), nextOrdinal: next.next };
  }

  async openEpisodes(ruleId: string): Promise<StoredAlert[]> {
    return this.db.prepare(`SELECT * FROM alerts WHERE rule_id = ? AND cleared_at IS NULL`).all(ruleId).map(toStoredAlert);
  }

  async insertAlert(alert: NewAlert): Promise<boolean> {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `INSERT INTO alerts (alert_id, rule_id, subject, ordinal, unit_code, device_id, run_from_ms, run_to_ms, occurred_at, detected_at, facts, subject_view, message)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, subject, ordinal) DO NOTHING`,
        )
        .run(
          alert.alertId, alert.ruleId, alert.subject, alert.ordinal, alert.unitCode, alert.deviceId, alert.runFromMs, alert.runToMs,
          alert.occurredAt, alert.detectedAt, JSON.stringify(alert.facts), JSON.stringify(alert.subjectView), alert.message,
        );
      if (changes === 0) return false;
      if (alert.outboxBody !== null) {
        this.db.prepare(`INSERT INTO alert_outbox (alert_id, body, next_attempt_ms) VALUES (?, ?, ?)`).run(alert.alertId, alert.outboxBody, alert.nextAttemptMs);
      }
      return true;
    }).immediate();
  }

  async extendRun(alertId: string, fromMs: number, toMs: number, facts: AlertFacts, message: string): Promise<void> {
    this.db
      .prepare(`UPDATE alerts SET run_from_ms = MIN(run_from_ms, ?), run_to_ms = MAX(run_to_ms, ?), facts = ?, message = ? WHERE alert_id = ?`)
      .run(fromMs, toMs, JSON.stringify(facts), message, alertId);
  }

  async clearAlert(alertId: string, at: string): Promise<void> {
    this.db.prepare(`UPDATE alerts SET cleared_at = ? WHERE alert_id = ? AND cleared_at IS NULL`).run(at, alertId);
  }

  async listAlerts(unitCodes: readonly string[] | null, limit: number): Promise<ListedAlert[]> {
    const select = `SELECT a.*, r.name AS rule_name, r.kind FROM alerts a JOIN alert_rules r USING (rule_id)`;
    const rows =
      unitCodes === null
        ? this.db.prepare(`${select} ORDER BY a.detected_at DESC, a.alert_id LIMIT ?`).all(limit)
        : this.db.prepare(`${select} WHERE a.unit_code IN (SELECT value FROM json_each(?)) ORDER BY a.detected_at DESC, a.alert_id LIMIT ?`).all(JSON.stringify(unitCodes), limit);
    return rows.map(toListedAlert);
  }

  async claimDeliveries(nowMs: number, leaseUntilMs: number, limit: number): Promise<OutboxItem[]> {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT alert_id, body, attempts FROM alert_outbox
           WHERE delivered_at IS NULL AND next_attempt_ms <= ? AND (lease_until_ms IS NULL OR lease_until_ms <= ?)
           ORDER BY next_attempt_ms, alert_id LIMIT ?`,
        )
        .all(nowMs, nowMs, limit)
        .map(toOutboxItem);
      const lease = this.db.prepare(`UPDATE alert_outbox SET lease_until_ms = ? WHERE alert_id = ?`);
      for (const row of rows) lease.run(leaseUntilMs, row.alertId);
      return rows;
    }).immediate();
  }

  async deliveryDone(alertId: string, at: string): Promise<void> {
    this.db.prepare(`UPDATE alert_outbox SET delivered_at = ?, attempts = attempts + 1, lease_until_ms = NULL, last_error = NULL WHERE alert_id = ?`).run(at, alertId);
  }

  async deliveryFailed(alertId: string, attempts: number, nextAttemptMs: number, error: string): Promise<void> {
    this.db.prepare(`UPDATE alert_outbox SET attempts = ?, next_attempt_ms = ?, lease_until_ms = NULL, last_error = ? WHERE alert_id = ?`).run(attempts, nextAttemptMs, error.slice(0, 500), alertId);
  }

  async outboxRow(alertId: string) {
    const row = this.db.prepare(`SELECT attempts, delivered_at, last_error FROM alert_outbox WHERE alert_id = ?`).get(alertId) as
      | { attempts: number; delivered_at: string | null; last_error: string | null }
      | undefined;
    return row === undefined ? undefined : { attempts: row.attempts, deliveredAt: row.delivered_at, lastError: row.last_error };
  }
}
