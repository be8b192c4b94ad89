// The dashboard's grouped counts from SQLite (central/dashboard/dashboard-counts.ts), read from the
// tallies kept at ingest (issue 17, central/tallies.ts): a range of local days is a range of each
// table's primary key, never a scan of the raw ratings. Same rows as the raw recount
// (sqlite-raw-dashboard-repo.ts), which the tallies tests compare against. '' is NULL (tallies.ts).
import type { Database } from 'better-sqlite3';
import type { DayRange } from '../../shared/periods';
import { countsFromRows, type CountQueries, type DashboardCounts } from './dashboard-counts';

const ratingCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, NULLIF(service_code, '') AS service_code, scale, level, flags, sum(n) AS n
  FROM tally_days WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, service_code, scale, level, flags`;

const reasonCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, flags, code, max(label) AS label, sum(n) AS n
  FROM tally_reasons WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, flags, code`;

const dayCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, local_day AS "when", scale, level, flags, sum(n) AS n
  FROM tally_days WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, local_day, scale, level, flags`;

const hourCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, hour AS "when", scale, level, flags, sum(n) AS n
  FROM tally_hours WHERE local_day BETWEEN @from AND @to
  GROUP BY device_id, officer_id, hour, scale, level, flags`;

const tallyQueries: CountQueries = { ratings: ratingCounts, reasons: reasonCounts, days: dayCounts, hours: hourCounts };

/** The four reads in one transaction: all from the same snapshot. */
export function sqliteCounts(db: Database, range: DayRange, queries: CountQueries): DashboardCounts {
  return db.transaction(() =>
    countsFromRows({
      ratings: db.prepare(queries.ratings).all(range),
      reasons: db.prepare(queries.reasons).all(range),
      days: db.prepare(queries.days).all(range),
      hours: db.prepare(queries.hours).all(range),
    }),
  )();
}

export const sqliteDashboardCounts = (db: Database, range: DayRange): DashboardCounts => sqliteCounts(db, range, tallyQueries);
