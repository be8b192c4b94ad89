// Alert rows as both drivers hand them back (issue 17), parsed into one shape (as stored-rows.ts
// does for the rest of central): SQLite's JSON text and numbers, PostgreSQL's jsonb, Date and
// bigint-as-string.
import { z } from 'zod';
import { alertFactsSchema, alertRuleKinds, alertRuleParamsSchema } from '../../shared/central-alerts';
import { dbBoolean, dbInstant, dbInteger } from '../store/stored-rows';
import type { DeviceContact, ListedAlert, OutboxItem, RatingPoint, StoredAlert, StoredAlertRule } from './alert-store';

const fromJsonText = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const json = <T extends z.ZodType>(schema: T) => z.preprocess(fromJsonText, schema);

const ruleRow = z.object({
  rule_id: z.string(),
  name: z.string(),
  params: json(alertRuleParamsSchema),
  created_at: dbInstant,
  created_by: z.string(),
});
export const toStoredRule = (row: unknown): StoredAlertRule => {
  const r = ruleRow.parse(row);
  return { ruleId: r.rule_id, name: r.name, params: r.params, createdAt: r.created_at, createdBy: r.created_by };
};

const ratingRow = z.object({ device_id: z.string(), created_at: z.string(), local_day: z.string(), scale: z.string(), level: dbInteger, flags: json(z.array(z.string())) });
export const toRatingPoint = (row: unknown): RatingPoint => {
  const r = ratingRow.parse(row);
  return { deviceId: r.device_id, createdAt: r.created_at, localDay: r.local_day, scale: r.scale, level: r.level, flags: r.flags };
};

const contactRow = z.object({ device_id: z.string(), office_code: z.string(), counter: dbInteger, last_seen_at: dbInstant.nullable(), created_at: dbInstant, revoked: dbBoolean });
export const toDeviceContact = (row: unknown): DeviceContact => {
  const r = contactRow.parse(row);
  return { deviceId: r.device_id, officeCode: r.office_code, counter: r.counter, lastSeenAt: r.last_seen_at, createdAt: r.created_at, revoked: r.revoked };
};

const subjectView = z.object({
  deviceId: z.string().nullable(),
  officeCode: z.string().nullable(),
  counter: z.number().int().nullable(),
  unitCode: z.string().nullable(),
  localDay: z.string().nullable(),
});
const alertRow = z.object({
  alert_id: z.string(),
  rule_id: z.string(),
  subject: z.string(),
  ordinal: dbInteger,
  unit_code: z.string().nullable(),
  device_id: z.string().nullable(),
  run_from_ms: dbInteger.nullable(),
  run_to_ms: dbInteger.nullable(),
  occurred_at: z.string(),
  detected_at: dbInstant,
  cleared_at: dbInstant.nullable(),
  facts: json(alertFactsSchema),
  subject_view: json(subjectView),
  message: z.string(),
});
export const toStoredAlert = (row: unknown): StoredAlert => {
  const r = alertRow.parse(row);
  return {
    alertId: r.alert_id, ruleId: r.rule_id, subject: r.subject, ordinal: r.ordinal, unitCode: r.unit_code, deviceId: r.device_id,
    runFromMs: r.run_from_ms, runToMs: r.run_to_ms, occurredAt: r.occurred_at, detectedAt: r.detected_at, clearedAt: r.cleared_at,
    facts: r.facts, subjectView: r.subject_view, message: r.message,
  };
};
const listedExtra = z.object({ rule_name: z.string(), kind: z.enum(alertRuleKinds) });
export const toListedAlert = (row: unknown): ListedAlert => {
  const extra = listedExtra.parse(row);
  return { ...toStoredAlert(row), ruleName: extra.rule_name, kind: extra.kind };
};

const outboxRow = z.object({ alert_id: z.string(), body: z.string(), attempts: dbInteger });
export const toOutboxItem = (row: unknown): OutboxItem => {
  const r = outboxRow.parse(row);
  return { alertId: r.alert_id, body: r.body, attempts: r.attempts };
};
