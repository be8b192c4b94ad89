// Central's alerts (issue 17): the rules the province admin sets, the alerts they raise, the
// webhook's JSON body, and the refusals of the rule routes. One module read by central (routes,
// evaluation, delivery) and its page (form, "Cảnh báo" view), so both parse the same shapes.
// docs/central-alerts.md describes the rules, episodes and the webhook.
import { z } from 'zod';
import { levelOf } from './rating-rules';

export const alertRuleKinds = ['counter-run', 'unit-daily-rate', 'device-silent', 'device-integrity'] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];

export const alertRuleKindNames: Record<AlertRuleKind, string> = {
  'counter-run': 'Nhiều "Không hài lòng" tại một quầy',
  'unit-daily-rate': 'Tỷ lệ hài lòng trong ngày của đơn vị thấp',
  'device-silent': 'Thiết bị không liên lạc',
  'device-integrity': 'Thiếu số thứ tự hoặc chuỗi bản ghi bị đứt',
};

/**
 * "Không hài lòng" or worse on the scale the rating was given on (mood −0.5 or −1): on the 3- and
 * 4-level scales the lowest level, on the 5-level scale its two lowest ("Không hài lòng" and "Rất
 * không hài lòng"), so a counter's run is counted alike whatever scale its kiosk uses.
 */
export const isDissatisfied = (scale: string, level: number): boolean => {
  const mood = levelOf(scale, level)?.mood;
  return mood !== undefined && mood <= -0.5;
};

/**
 * The default minimum number of ratings of a unit's day before its rate can fire: one
 * "Không hài lòng" at 7:01 is a 0 % day. With 20, one rating moves the rate by at most 5 points,
 * so what fires is a pattern, not a citizen; a small commune reaches it by mid-morning.
 */
export const DEFAULT_DAILY_RATE_MINIMUM = 20;

const ruleName = z.string().trim().min(1, 'Tên quy tắc không được để trống').max(120, 'Tên quy tắc tối đa 120 ký tự');
const whole = (min: number, max: number, what: string) =>
  z.number({ error: `${what} phải là số` }).int(`${what} phải là số nguyên`).min(min, `${what} từ ${min} đến ${max}`).max(max, `${what} từ ${min} đến ${max}`);

export const alertRuleParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('counter-run'), count: whole(2, 100, 'Số đánh giá'), minutes: whole(1, 24 * 60, 'Số phút') }),
  z.strictObject({
    kind: z.literal('unit-daily-rate'),
    belowPercent: whole(1, 100, 'Tỷ lệ'),
    minimumRatings: whole(1, 10_000, 'Số đánh giá tối thiểu').default(DEFAULT_DAILY_RATE_MINIMUM),
    /** Null: every unit (each level of the hierarchy holding the ratings). */
    unitCode: z.string().trim().min(1).max(64).nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('device-silent'), days: whole(1, 365, 'Số ngày') }),
  z.strictObject({ kind: z.literal('device-integrity') }),
]);
export type AlertRuleParams = z.infer<typeof alertRuleParamsSchema>;

export const alertRuleAddRequestSchema = z.strictObject({ name: ruleName, params: alertRuleParamsSchema });
export type AlertRuleAddRequest = z.input<typeof alertRuleAddRequestSchema>;

export const alertRuleParamsRouteSchema = z.strictObject({ ruleId: z.uuid('Mã quy tắc không hợp lệ') });

export const alertRuleViewSchema = z.strictObject({
  ruleId: z.string(),
  name: z.string(),
  params: alertRuleParamsSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type AlertRuleView = z.infer<typeof alertRuleViewSchema>;
export const alertRuleListResponseSchema = z.strictObject({ rules: z.array(alertRuleViewSchema) });

/** What an alert is about: a counter (device) or a unit's day. Never an officer, a citizen or a PIN. */
export const alertSubjectSchema = z.strictObject({
  deviceId: z.string().nullable(),
  officeCode: z.string().nullable(),
  counter: z.number().int().nullable(),
  unitCode: z.string().nullable(),
  /** The local day of a unit's rate. */
  localDay: z.string().nullable(),
});

/** The figures behind an alert: counts and instants only. */
export const alertFactsSchema = z.strictObject({
  /** Ratings counted (a run's "Không hài lòng"; a day's ratings). */
  count: z.number().int().nullable(),
  /** A day's satisfied ratings. */
  satisfied: z.number().int().nullable(),
  /** A day's satisfaction rate, 0–1. */
  rate: z.number().nullable(),
  /** A silent device's last contact (null: never). */
  lastContactAt: z.string().nullable(),
  /** Seqs missing on the device. */
  missingSeqs: z.number().int().nullable(),
  chainBreaks: z.number().int().nullable(),
});
export type AlertFacts = z.infer<typeof alertFactsSchema>;

export const alertViewSchema = z.strictObject({
  alertId: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(alertRuleKinds),
  subject: alertSubjectSchema,
  /** When it happened: a run's rating that reached the count, by the ratings' own times. */
  occurredAt: z.string(),
  /** When central saw it (a late USB file: hours or days after occurredAt). */
  detectedAt: z.string(),
  /** Open: the condition still holds. A run is over once its last rating is `minutes` old. */
  open: z.boolean(),
  clearedAt: z.string().nullable(),
  facts: alertFactsSchema,
  message: z.string(),
});
export type AlertView = z.infer<typeof alertViewSchema>;
export const alertListResponseSchema = z.strictObject({ alerts: z.array(alertViewSchema) });

/**
 * The webhook's JSON body (POST, `Content-Type: application/json`). `alertId` is also the
 * `Idempotency-Key` header: a retry of the same alert carries the same key, so a receiver that saw
 * it can ignore the repeat (delivery is at least once).
 */
export const alertWebhookBodySchema = z.strictObject({
  type: z.literal('hai-long.alert'),
  version: z.literal(1),
  alertId: z.string(),
  rule: z.strictObject({ ruleId: z.string(), name: z.string(), kind: z.enum(alertRuleKinds) }),
  subject: alertSubjectSchema,
  occurredAt: z.string(),
  detectedAt: z.string(),
  facts: alertFactsSchema,
  message: z.string(),
});
export type AlertWebhookBody = z.infer<typeof alertWebhookBodySchema>;

/** CENTRAL_ALERT_WEBHOOK_URL: http or https only (no file:, no javascript:), no credentials in it. */
export const alertWebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Địa chỉ webhook phải là URL http:// hoặc https://' })
  .max(2000, 'Địa chỉ webhook quá dài')
  .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), 'Địa chỉ webhook không được chứa tên hoặc mật khẩu');

/**
 * Rules in force at most: every batch is evaluated against each, so a stolen admin session must not
 * be able to slow every kiosk's ingest by adding thousands. A province needs a handful.
 */
export const MAX_ALERT_RULES = 100;

export const alertRefusalCodes = ['INVALID_INPUT', 'UNKNOWN_RULE', 'UNKNOWN_UNIT', 'TOO_MANY_RULES'] as const;
export type AlertRefusalCode = (typeof alertRefusalCodes)[number];
export const alertRefusalMessages: Record<AlertRefusalCode, string> = {
  INVALID_INPUT: 'Thông tin quy tắc cảnh báo chưa đúng.',
  UNKNOWN_RULE: 'Không có quy tắc cảnh báo này.',
  UNKNOWN_UNIT: 'Không có đơn vị này.',
  TOO_MANY_RULES: `Đã có ${MAX_ALERT_RULES} quy tắc cảnh báo, mức tối đa. Hãy xóa bớt quy tắc không dùng trước khi thêm.`,
};
export const alertRefusalSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(alertRefusalCodes), message: z.string(), detail: z.string().optional() }),
});
