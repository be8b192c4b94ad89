// Central's dashboard figures (issue 16): what GET /api/v1/dashboard/{province, units/:code,
// officers/:deviceId/:officerId} answer, and the periods the page offers. Figures are in local days
// as each kiosk stamped its ratings (`localDay`, the office's own time zone), so "November" is
// November at every office whatever its zone. The counting rules are shared/rating-rules.ts.
import { z } from 'zod';
import { addDays, daysInRange, dayRangeSchema, previousRange, type DayRange } from './periods';
import { scaleTallySchema } from './tallies';
import { surveyFactorSchema } from './survey-factors';

/** The longest range one request may ask for: a few years, never "all of time" by accident. */
export const MAX_DASHBOARD_DAYS = 3 * 366;

export const dashboardPeriods = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type DashboardPeriod = (typeof dashboardPeriods)[number];
export const dashboardPeriodLabels: Record<DashboardPeriod, string> = { day: 'Ngày', week: 'Tuần', month: 'Tháng', quarter: 'Quý', year: 'Năm', custom: 'Tùy chọn' };

const startOfMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);

/** The whole day, week (Monday first), month, quarter or year holding `day`; custom is the day itself until the page says more. */
export function dashboardRange(period: DashboardPeriod, day: string): DayRange {
  const d = new Date(`${day}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case 'day':
    case 'custom':
      return { from: day, to: day };
    case 'week': {
      const monday = addDays(day, -((d.getUTCDay() + 6) % 7));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month':
      return { from: startOfMonth(y, m), to: addDays(startOfMonth(y, m + 1), -1) };
    case 'quarter': {
      const q = Math.floor(m / 3) * 3;
      return { from: startOfMonth(y, q), to: addDays(startOfMonth(y, q + 3), -1) };
    }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/**
 * What a range is compared with ("Kỳ trước"): a whole calendar month, quarter or year with the one
 * before it, whose length differs (28–31, 90–92, 365–366 days), so November's report to the
 * district is compared with October, not with 2–31 October, and "Q1" with Q4; any other range
 * (a day, a week, a custom range) with the same number of days just before it (shared/periods.ts
 * previousRange, as the kiosk's reports).
 */
export function previousPeriod(range: DayRange): DayRange {
  for (const period of ['month', 'quarter', 'year'] as const) {
    const whole = dashboardRange(period, range.from);
    if (whole.from === range.from && whole.to === range.to) return dashboardRange(period, addDays(range.from, -1));
  }
  return previousRange(range);
}

/** The query of every dashboard route: a range of local days, misuse-flagged ratings left out unless asked. */
export const dashboardQuerySchema = z
  .strictObject({
    from: z.iso.date({ error: 'Ngày bắt đầu (from) phải có dạng YYYY-MM-DD' }),
    to: z.iso.date({ error: 'Ngày kết thúc (to) phải có dạng YYYY-MM-DD' }),
    includeFlagged: z.enum(['true', 'false'], { error: 'includeFlagged phải là true hoặc false' }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày bắt đầu phải trước ngày kết thúc' });
    else if (daysInRange(q) > MAX_DASHBOARD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Khoảng thời gian tối đa ${MAX_DASHBOARD_DAYS} ngày` });
  });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1).nullable();
const counted = { total: count, satisfied: count, satisfactionRate: share };

export const rankedPlaceSchema = z.strictObject({ code: z.string(), name: z.string(), ...counted });
export type RankedPlace = z.infer<typeof rankedPlaceSchema>;

export const dashboardFiguresSchema = z.strictObject({
  subject: z.strictObject({
    kind: z.enum(['province', 'unit', 'officer']),
    /** Unit code, or `deviceId/officerId`; null for the province. */
    code: z.string().nullable(),
    name: z.string(),
    /** A unit viewer's province: only these units' figures (their scope); null when unrestricted. */
    limitedToUnits: z.array(z.string()).nullable(),
  }),
  range: dayRangeSchema,
  ...counted,
  byScale: z.array(scaleTallySchema),
  /** The period just before: the previous quarter or year for a whole one, else the same length (previousPeriod). */
  previous: z.strictObject({ range: dayRangeSchema, ...counted }),
  byServiceArea: z.array(z.strictObject({ serviceCode: z.string().nullable(), name: z.string(), ...counted })),
  /** Officers are one kiosk's: an officer id means nothing on another device. */
  byOfficer: z.array(z.strictObject({ deviceId: z.string().nullable(), officerId: z.string().nullable(), name: z.string(), title: z.string(), officeCode: z.string().nullable(), ...counted })),
  /** Reason choices by the national survey's factor (shared/rating-rules.ts factorRows). */
  byFactor: z.array(z.strictObject({ factor: surveyFactorSchema.nullable(), name: z.string(), count, share })),
  /** Each reason chosen, most chosen first, with the factor its kiosk gives it. */
  reasons: z.array(z.strictObject({ code: z.string(), label: z.string(), factor: z.string().nullable(), count })),
  /** Every local day of the range, zero for a day without ratings: the trend. */
  byDay: z.array(z.strictObject({ day: z.iso.date(), ...counted })),
  /** 24 rows, hour 0–23 of each office's local day; byLevel keyed by level label (stable across scales), as on the kiosk. */
  byHour: z.array(z.strictObject({ hour: z.number().int().min(0).max(23), byLevel: z.record(z.string(), count), total: count })),
  /** Child units (of the province: the top units), lowest rate first, no rate last. */
  units: z.array(rankedPlaceSchema),
  /** Offices in scope, lowest rate first, with their time zone. */
  offices: z.array(rankedPlaceSchema.extend({ timeZone: z.string().nullable(), unitCode: z.string().nullable() })),
  officerMinimumRatings: z.number().int().positive(),
  includesFlagged: z.boolean(),
  /** Ratings with a misuse flag left out of the figures: 0 when includesFlagged. */
  excludedFlaggedCount: count,
  /** Ratings in scope and range with a misuse flag, counted on their own whether or not included. */
  suspectedCount: count,
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

/** Refusals of the dashboard and report routes besides the accounts' own (SIGN_IN_REQUIRED, FORBIDDEN). */
export const dashboardRefusalCodes = ['INVALID_QUERY', 'UNKNOWN_UNIT', 'UNKNOWN_OFFICER'] as const;
export type DashboardRefusalCode = (typeof dashboardRefusalCodes)[number];
export const dashboardRefusalMessages: Record<DashboardRefusalCode, string> = {
  INVALID_QUERY: 'Tham số khoảng thời gian hoặc đơn vị không hợp lệ.',
  UNKNOWN_UNIT: 'Không có đơn vị này trong danh mục của tỉnh.',
  UNKNOWN_OFFICER: 'Không có thiết bị hoặc cán bộ này ở máy chủ trung tâm.',
};
export const dashboardRefusalSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(dashboardRefusalCodes), message: z.string(), detail: z.string().optional() }),
});
export type DashboardRefusalBody = z.infer<typeof dashboardRefusalSchema>;

export const reportPeriods = ['month', 'quarter', 'year'] as const;
/** The rate below which the report lists a unit, unless asked otherwise. */
export const DEFAULT_REPORT_BELOW = 0.8;
export type ReportPeriod = (typeof reportPeriods)[number];

/**
 * The report query (GET /api/v1/reports/monthly.xlsx and `central report`): the month, and the
 * quarter or year holding it when `period` says so; a unit (default: the province); the rate below
 * which a unit is listed as "below target" (default 0.8).
 */
export const reportQuerySchema = z.strictObject({
  month: z.string({ error: 'Thiếu tháng báo cáo (month=YYYY-MM)' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng báo cáo phải có dạng YYYY-MM'),
  period: z.enum(reportPeriods, { error: 'Kỳ báo cáo phải là month, quarter hoặc year' }).default('month'),
  unit: z.string().trim().min(1, 'Mã đơn vị không được để trống').max(32, 'Mã đơn vị tối đa 32 ký tự').optional(),
  below: z.coerce.number({ error: 'Ngưỡng tỉ lệ (below) phải là số từ 0 đến 1' }).min(0, 'Ngưỡng tỉ lệ từ 0 đến 1').max(1, 'Ngưỡng tỉ lệ từ 0 đến 1').default(DEFAULT_REPORT_BELOW),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The local days a report covers. */
export const reportRange = (q: Pick<ReportQuery, 'month' | 'period'>): DayRange => dashboardRange(q.period, `${q.month}-01`);
