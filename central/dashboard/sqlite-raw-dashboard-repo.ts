// The dashboard's grouped counts from the raw ratings and reason answers (SQLite), as issue 16 read them.
// Since issue 17 the dashboard reads the tallies (sqlite-dashboard-repo.ts); this stays as the recount the
// tallies are checked against (tests, `tallies rebuild`) and the benchmark's baseline.
import type { Database } from 'better-sqlite3';
import type { DayRange } from '../../shared/periods';
import type { DashboardCounts } from './dashboard-counts';
import { sqliteCounts } from './sqlite-dashboard-repo';

const ratingCounts = `
  SELECT device_id, officer_id, service_code, scale, level, flags, count(*) AS n
  FROM ratings WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, service_code, scale, level, flags`;

const reasonCounts = `
  SELECT device_id, officer_id, flags, code, max(label) AS label, count(*) AS n FROM (
    SELECT r.device_id, r.officer_id, r.flags, json_extract(j.value, '$.code') AS code, max(json_extract(j.value, '$.label')) AS label
    FROM ratings r JOIN reason_answers a ON a.rating_id = r.id AND a.device_id = r.device_id, json_each(a.reasons) j
    WHERE r.local_day BETWEEN @from AND @to
    GROUP BY r.id, code)
  WHERE code IS NOT NULL
  GROUP BY device_id, officer_id, flags, code`;

const dayCounts = `
  SELECT device_id, officer_id, local_day AS "when", scale, level, flags, count(*) AS n
  FROM ratings WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, local_day, scale, level, flags`;

// createdAt is the kiosk's local time with its offset (the wire checks its date is localDay): characters 12–13 are the local hour.
const hourCounts = `
  SELECT device_id, officer_id, CAST(substr(created_at, 12, 2) AS INTEGER) AS "when", scale, level, flags, count(*) AS n
  FROM ratings WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, "when", scale, level, flags`;

export const sqliteRawDashboardCounts = (db: Database, range: DayRange): DashboardCounts =>
  sqliteCounts(db, range, { ratings: ratingCounts, reasons: reasonCounts, days: dayCounts, hours: hourCounts });
