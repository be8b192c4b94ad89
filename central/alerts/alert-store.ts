// What the alerts (issue 17) keep and read, behind CentralStore.alerts: SQLite and PostgreSQL
// honour it alike (tests/central/alerts.test.ts runs on both). The rules of when an alert fires
// are in alert-evaluation.ts; the stores only read bounded ranges and write episodes atomically.
import type { AccountAuditEntry } from '../accounts/account-store';
import type { AlertFacts, AlertRuleKind, AlertRuleParams } from '../../shared/central-alerts';

export interface StoredAlertRule {
  ruleId: string;
  name: string;
  params: AlertRuleParams;
  createdAt: string;
  createdBy: string;
}

/** A rating as the evaluation needs it: whose, when, which level. Nothing about the citizen or officer. */
export interface RatingPoint {
  deviceId: string;
  createdAt: string;
  localDay: string;
  scale: string;
  level: number;
  flags: string[];
}

export interface AlertSubjectView {
  deviceId: string | null;
  officeCode: string | null;
  counter: number | null;
  unitCode: string | null;
  localDay: string | null;
}

export interface StoredAlert {
  alertId: string;
  ruleId: string;
  subject: string;
  ordinal: number;
  unitCode: string | null;
  deviceId: string | null;
  runFromMs: number | null;
  runToMs: number | null;
  occurredAt: string;
  detectedAt: string;
  clearedAt: string | null;
  facts: AlertFacts;
  subjectView: AlertSubjectView;
  message: string;
}

export interface ListedAlert extends StoredAlert {
  ruleName: string;
  kind: AlertRuleKind;
}

export interface NewAlert extends Omit<StoredAlert, 'clearedAt'> {
  /** The webhook body, written to the outbox in the alert's transaction; null: no webhook configured. */
  outboxBody: string | null;
  nextAttemptMs: number;
}

export interface DeviceContact {
  deviceId: string;
  officeCode: string;
  counter: number;
  lastSeenAt: string | null;
  createdAt: string;
  revoked: boolean;
}

export interface OutboxItem {
  alertId: string;
  body: string;
  attempts: number;
}

export interface DeviceIntegrity {
  ratingCount: number;
  maxSeq: number;
  chainBreaks: number;
}

export interface AlertStore {
  /** The rule and its audit row in one transaction. */
  addRule(rule: StoredAlertRule, audit: AccountAuditEntry): Promise<void>;
  /** Marks the rule removed (its alerts stay), audited; false when no such rule (or removed already). */
  removeRule(ruleId: string, at: string, audit: AccountAuditEntry): Promise<boolean>;
  /** Rules not removed, oldest first. */
  listRules(): Promise<StoredAlertRule[]>;
  /** The ratings of these devices on these local days (the ratings_device_day index), any order. */
  ratingsOn(deviceIds: readonly string[], localDays: readonly string[]): Promise<RatingPoint[]>;
  deviceIntegrity(deviceId: string): Promise<DeviceIntegrity>;
  deviceContacts(): Promise<DeviceContact[]>;
  /**
   * The subject's episodes under the rule whose run overlaps [fromMs, toMs] (runs), or that are
   * open (other kinds: `range` null), and the ordinal the next episode takes.
   */
  episodes(ruleId: string, subject: string, range: { fromMs: number; toMs: number } | null): Promise<{ episodes: StoredAlert[]; nextOrdinal: number }>;
  /** Every open episode of the rule (device-silent on the timer). */
  openEpisodes(ruleId: string): Promise<StoredAlert[]>;
  /** Inserts the alert and its outbox row in one transaction; false (nothing written) when (rule, subject, ordinal) is taken. */
  insertAlert(alert: NewAlert): Promise<boolean>;
  /** A run grew: its span and facts. */
  extendRun(alertId: string, fromMs: number, toMs: number, facts: AlertFacts, message: string): Promise<void>;
  clearAlert(alertId: string, at: string): Promise<void>;
  /** Newest first; `unitCodes` null: every alert (a province admin), else only alerts of these units. */
  listAlerts(unitCodes: readonly string[] | null, limit: number): Promise<ListedAlert[]>;
  /** Due, undelivered outbox rows, each leased to the caller until `leaseUntilMs` (another instance skips them meanwhile). */
  claimDeliveries(nowMs: number, leaseUntilMs: number, limit: number): Promise<OutboxItem[]>;
  deliveryDone(alertId: string, at: string): Promise<void>;
  deliveryFailed(alertId: string, attempts: number, nextAttemptMs: number, error: string): Promise<void>;
  /** The outbox row as stored (tests, `central` diagnostics). */
  outboxRow(alertId: string): Promise<{ attempts: number; deliveredAt: string | null; lastError: string | null } | undefined>;
}
