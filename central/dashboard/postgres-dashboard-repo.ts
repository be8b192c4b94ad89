// The dashboard's grouped counts from PostgreSQL (central/dashboard/dashboard-counts.ts), read from
// the tallies kept at ingest (issue 17, central/tallies.ts): a range of local days is a range of
// each table's primary key, never a scan of the raw ratings. Same rows as the raw recount
// (postgres-raw-dashboard-repo.ts), which the tallies tests compare against. '' is NULL (tallies.ts).
import type pg from 'pg';
import type { DayRange } from '../../shared/periods';
import { dayCountRow, hourCountRow, ratingCountRow, reasonChoiceCountRow, type DashboardCounts } from './dashboard-counts';

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

/** Every read in one REPEATABLE READ transaction: all from the same snapshot. */
export async function postgresDashboardCounts(pool: pg.Pool, range: DayRange): Promise<DashboardCounts> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const ratings = await client.query(ratingCounts, [range.from, range.to]);
    const reasons = await client.query(reasonCounts, [range.from, range.to]);
    const days = await client.query(dayCounts, [range.from, range.to]);
    const hours = await client.query(hourCounts, [range.from, range.to]);
    await client.query('COMMIT');
    return {
      ratings: ratings.rows.map((r) => ratingCountRow(r as Record<string, unknown>)),
      reasons: reasons.rows.map((r) => reasonChoiceCountRow(r as Record<string, unknown>)),
      days: days.rows.map((r) => dayCountRow(r as Record<string, unknown>)),
      hours: hours.rows.map((r) => hourCountRow(r as Record<string, unknown>)),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
