// The dashboard's grouped counts from the raw ratings and reason answers (PostgreSQL), as issue 16 read them.
// Since issue 17 the dashboard reads the tallies (postgres-dashboard-repo.ts); this stays as the recount the
// tallies are checked against (tests, `tallies rebuild`) and the benchmark's baseline.
import type pg from 'pg';
import type { DayRange } from '../../shared/periods';
import type { DashboardCounts } from './dashboard-counts';
import { postgresCounts } from './postgres-dashboard-repo';

const ratingCounts = `
  SELECT device_id, officer_id, service_code, scale, level, flags, count(*)::int AS n
  FROM ratings WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, service_code, scale, level, flags`;

const reasonCounts = `
  SELECT device_id, officer_id, flags, code, max(label) AS label, count(*)::int AS n FROM (
    SELECT r.device_id, r.officer_id, r.flags, j->>'code' AS code, max(j->>'label') AS label
    FROM ratings r JOIN reason_answers a ON a.rating_id = r.id AND a.device_id = r.device_id
    CROSS JOIN LATERAL jsonb_array_elements(a.reasons) j
    WHERE r.local_day BETWEEN $1::date AND $2::date
    GROUP BY r.id, r.device_id, r.officer_id, r.flags, j->>'code') choices
  WHERE code IS NOT NULL
  GROUP BY device_id, officer_id, flags, code`;

const dayCounts = `
  SELECT device_id, officer_id, local_day::text AS "when", scale, level, flags, count(*)::int AS n
  FROM ratings WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, local_day, scale, level, flags`;

// createdAt is the kiosk's local time with its offset (the wire checks its date is localDay): characters 12–13 are the local hour.
const hourCounts = `
  SELECT device_id, officer_id, substr(created_at, 12, 2)::int AS "when", scale, level, flags, count(*)::int AS n
  FROM ratings WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, substr(created_at, 12, 2)::int, scale, level, flags`;

export const postgresRawDashboardCounts = (pool: pg.Pool, range: DayRange): Promise<DashboardCounts> =>
  postgresCounts(pool, range, { ratings: ratingCounts, reasons: reasonCounts, days: dayCounts, hours: hourCounts });
