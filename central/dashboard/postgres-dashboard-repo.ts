// The dashboard's grouped counts from PostgreSQL (central/dashboard/dashboard-counts.ts), read from
// the tallies kept at ingest (issue 17, central/tallies.ts): a range of local days is a range of
// each table's primary key, never a scan of the raw ratings. Same rows as the raw recount
// (postgres-raw-dashboard-repo.ts), which the tallies tests compare against. '' is NULL (tallies.ts).
import type pg from 'pg';
import type { DayRange } from '../../shared/periods';
import { inReadSnapshot } from '../store/postgres-database';
import { countsFromRows, type CountQueries, type DashboardCounts } from './dashboard-counts';

const ratingCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, NULLIF(service_code, '') AS service_code, scale, level, flags, sum(n)::bigint AS n
  FROM tally_days WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, service_code, scale, level, flags`;

const reasonCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, flags, code, max(label) AS label, sum(n)::bigint AS n
  FROM tally_reasons WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, flags, code`;

const dayCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, local_day::text AS "when", scale, level, flags, sum(n)::bigint AS n
  FROM tally_days WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, local_day, scale, level, flags`;

const hourCounts = `
  SELECT device_id, NULLIF(officer_id, '') AS officer_id, hour AS "when", scale, level, flags, sum(n)::bigint AS n
  FROM tally_hours WHERE local_day BETWEEN $1::date AND $2::date
  GROUP BY device_id, officer_id, hour, scale, level, flags`;

const tallyQueries: CountQueries = { ratings: ratingCounts, reasons: reasonCounts, days: dayCounts, hours: hourCounts };

/** The four reads from one snapshot. */
export function postgresCounts(pool: pg.Pool, range: DayRange, queries: CountQueries): Promise<DashboardCounts> {
  return inReadSnapshot(pool, async (client) => {
    const rows = async (sql: string) => (await client.query(sql, [range.from, range.to])).rows as unknown[];
    return countsFromRows({ ratings: await rows(queries.ratings), reasons: await rows(queries.reasons), days: await rows(queries.days), hours: await rows(queries.hours) });
  });
}

export const postgresDashboardCounts = (pool: pg.Pool, range: DayRange): Promise<DashboardCounts> => postgresCounts(pool, range, tallyQueries);
