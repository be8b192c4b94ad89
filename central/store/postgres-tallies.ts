// The tallies on PostgreSQL (issue 17, central/tallies.ts): upkeep inside ingestBatch's
// transaction, the rebuild, and the rows for checks.
//
// Concurrency: every key begins with the device, and ingestBatch holds the device's row lock, so
// two batches never add to the same row at once; INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n
// is atomic all the same (the second waits for the first's row lock and adds to the committed value),
// so nothing is lost even without that lock. The rebuild first locks the three tables EXCLUSIVE: it
// waits for a batch that has already added to commit, so that batch's ratings are in the rebuild's
// snapshot; a batch that has not added yet waits for the rebuild, then adds to the rebuilt rows
// (its uncommitted ratings were not in the snapshot). Either way each rating counts once.
import type pg from 'pg';
import { z } from 'zod';
import type { DayRange } from '../../shared/periods';
import { postgresRawDashboardCounts } from '../dashboard/postgres-raw-dashboard-repo';
import type { DashboardCounts } from '../dashboard/dashboard-counts';
import {
  choicesOf, insertedRecords, ratingIncrements, ratingsConcerned, reasonIncrements,
  type AnswerFacts, type RatingFacts, type TallyRebuild, type TallyRows, type TallyStore,
} from '../tallies';
import type { StoredRating, StoredReasonAnswer } from './central-store';
import { inReadSnapshot, inTransaction } from './postgres-database';
import type { IntakeOutcome } from './intake-rules';

const rebuildSql = `
  LOCK TABLE tally_days, tally_hours, tally_reasons IN EXCLUSIVE MODE;
  DELETE FROM tally_days;
  DELETE FROM tally_hours;
  DELETE FROM tally_reasons;
  INSERT INTO tally_days (local_day, device_id, officer_id, service_code, scale, level, flags, n)
    SELECT local_day, device_id, COALESCE(officer_id, ''), COALESCE(service_code, ''), scale, level, flags, count(*)
    FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO tally_hours (local_day, device_id, hour, officer_id, scale, level, flags, n)
    SELECT local_day, device_id, substr(created_at, 12, 2)::smallint, COALESCE(officer_id, ''), scale, level, flags, count(*)
    FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO tally_reasons (local_day, device_id, officer_id, flags, code, label, n)
    SELECT local_day, device_id, officer_id, flags, code, max(label), count(*) FROM (
      SELECT r.local_day, r.device_id, COALESCE(r.officer_id, '') AS officer_id, r.flags, j->>'code' AS code, max(j->>'label') AS label
      FROM ratings r JOIN reason_answers a ON a.rating_id = r.id AND a.device_id = r.device_id
      CROSS JOIN LATERAL jsonb_array_elements(a.reasons) j
      GROUP BY r.id, r.local_day, r.device_id, r.officer_id, r.flags, j->>'code') choices
    WHERE code IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;`;

// One statement per table for the whole batch: the rows were summed per key in JS (tallies.ts).
const upsertDays = `
  INSERT INTO tally_days (local_day, device_id, officer_id, service_code, scale, level, flags, n)
  SELECT (t->>'localDay')::date, t->>'deviceId', t->>'officerId', t->>'serviceCode', t->>'scale', (t->>'level')::smallint, (t->>'flags')::jsonb, (t->>'n')::bigint
  FROM jsonb_array_elements($1::jsonb) t
  ON CONFLICT (local_day, device_id, officer_id, service_code, scale, level, flags) DO UPDATE SET n = tally_days.n + excluded.n`;
const upsertHours = `
  INSERT INTO tally_hours (local_day, device_id, hour, officer_id, scale, level, flags, n)
  SELECT (t->>'localDay')::date, t->>'deviceId', (t->>'hour')::smallint, t->>'officerId', t->>'scale', (t->>'level')::smallint, (t->>'flags')::jsonb, (t->>'n')::bigint
  FROM jsonb_array_elements($1::jsonb) t
  ON CONFLICT (local_day, device_id, hour, officer_id, scale, level, flags) DO UPDATE SET n = tally_hours.n + excluded.n`;
// The labels' max() is PostgreSQL's, in the database's collation, as the raw query's; GREATEST ignores NULL as max() does.
const upsertReasons = `
  INSERT INTO tally_reasons (local_day, device_id, officer_id, flags, code, label, n)
  SELECT (t->>'localDay')::date, t->>'deviceId', t->>'officerId', (t->>'flags')::jsonb, t->>'code',
         (SELECT max(l) FROM jsonb_array_elements_text(t->'labels') l), (t->>'n')::bigint
  FROM jsonb_array_elements($1::jsonb) t
  ON CONFLICT (local_day, device_id, officer_id, flags, code) DO UPDATE
  SET n = tally_reasons.n + excluded.n, label = GREATEST(tally_reasons.label, excluded.label)`;

// A reason already counted for its rating: only the label may change (a CHECK sees an inserted n = 0 before ON CONFLICT).
const relabelReasons = `
  UPDATE tally_reasons r SET label = GREATEST(r.label, t.label)
  FROM (SELECT (t->>'localDay')::date AS local_day, t->>'deviceId' AS device_id, t->>'officerId' AS officer_id, (t->>'flags')::jsonb AS flags, t->>'code' AS code,
               (SELECT max(l) FROM jsonb_array_elements_text(t->'labels') l) AS label
        FROM jsonb_array_elements($1::jsonb) t) t
  WHERE (r.local_day, r.device_id, r.officer_id, r.flags, r.code) = (t.local_day, t.device_id, t.officer_id, t.flags, t.code)`;

const number = z.union([z.number(), z.string()]).nullable().transform((n) => Number(n ?? 0));
const flagText = z.array(z.string()).transform((flags) => JSON.stringify(flags));
const ratingFactsRow = z
  .object({ id: z.string(), device_id: z.string(), local_day: z.string(), officer_id: z.string().nullable(), flags: flagText })
  .transform((r): RatingFacts => ({ id: r.id, deviceId: r.device_id, localDay: r.local_day, officerId: r.officer_id, flags: r.flags }));
const answerFactsRow = z
  .object({ id: z.string(), rating_id: z.string(), device_id: z.string(), reasons: z.unknown() })
  .transform((r): AnswerFacts => ({ id: r.id, ratingId: r.rating_id, deviceId: r.device_id, codes: choicesOf(r.reasons) }));
const dayRow = z.object({ device_id: z.string(), local_day: z.string(), officer_id: z.string(), service_code: z.string(), scale: z.string(), level: z.number(), flags: flagText, n: number });
const hourRow = z.object({ device_id: z.string(), local_day: z.string(), hour: z.number(), officer_id: z.string(), scale: z.string(), level: z.number(), flags: flagText, n: number });
const reasonRow = z.object({ device_id: z.string(), local_day: z.string(), officer_id: z.string(), flags: flagText, code: z.string(), label: z.string().nullable(), n: number });

export class PostgresTallies implements TallyStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Runs inside ingestBatch's transaction (the device's row locked), after the inserts: counts what they inserted, nothing else. */
  async ingest(
    client: pg.PoolClient,
    deviceId: string,
    ratings: readonly StoredRating[],
    answers: readonly StoredReasonAnswer[],
    outcomes: readonly IntakeOutcome[],
  ): Promise<void> {
    const inserted = insertedRecords(ratings, answers, outcomes);
    const { days, hours } = ratingIncrements(inserted.ratings);
    if (days.length > 0) await client.query(upsertDays, [JSON.stringify(days)]);
    if (hours.length > 0) await client.query(upsertHours, [JSON.stringify(hours)]);
    const concerned = ratingsConcerned(inserted);
    if (concerned.length === 0) return;
    const answerRows = await client.query(`SELECT id, rating_id, device_id, reasons FROM reason_answers WHERE rating_id = ANY($1::text[]) AND device_id = $2`, [concerned, deviceId]);
    const answerFacts = answerRows.rows.map((r) => answerFactsRow.parse(r));
    if (answerFacts.length === 0) return;
    const ratingRows = await client.query(`SELECT id, device_id, local_day::text AS local_day, officer_id, flags FROM ratings WHERE id = ANY($1::text[]) AND device_id = $2`, [
      [...new Set(answerFacts.map((a) => a.ratingId))],
      deviceId,
    ]);
    const reasons = reasonIncrements(
      ratingRows.rows.map((r) => ratingFactsRow.parse(r)),
      answerFacts,
      new Set(inserted.ratings.map((r) => r.rating.id)),
      new Set(inserted.answers.map((a) => a.answer.id)),
    );
    const added = reasons.filter((t) => t.n > 0);
    const relabelled = reasons.filter((t) => t.n === 0);
    if (added.length > 0) await client.query(upsertReasons, [JSON.stringify(added)]);
    if (relabelled.length > 0) await client.query(relabelReasons, [JSON.stringify(relabelled)]);
  }

  async rebuild(): Promise<TallyRebuild> {
    return inTransaction(this.pool, async (client) => {
      await client.query(rebuildSql);
      const { rows } = await client.query(`SELECT (SELECT sum(n) FROM tally_days) AS ratings, (SELECT sum(n) FROM tally_reasons) AS reasons`);
      const totals = z.object({ ratings: number, reasons: number }).parse(rows[0]);
      return { ratings: totals.ratings, reasonChoices: totals.reasons };
    });
  }

  async rows(): Promise<TallyRows> {
    return inReadSnapshot(this.pool, async (client) => {
      const days = await client.query(`SELECT local_day::text AS local_day, device_id, officer_id, service_code, scale, level, flags, n FROM tally_days ORDER BY local_day, device_id, officer_id, service_code, scale, level, flags`);
      const hours = await client.query(`SELECT local_day::text AS local_day, device_id, hour, officer_id, scale, level, flags, n FROM tally_hours ORDER BY local_day, device_id, hour, officer_id, scale, level, flags`);
      const reasons = await client.query(`SELECT local_day::text AS local_day, device_id, officer_id, flags, code, label, n FROM tally_reasons ORDER BY local_day, device_id, officer_id, flags, code`);
      return {
        days: days.rows
          .map((r) => dayRow.parse(r))
          .map((r) => ({ deviceId: r.device_id, localDay: r.local_day, officerId: r.officer_id, serviceCode: r.service_code, scale: r.scale, level: r.level, flags: r.flags, n: r.n })),
        hours: hours.rows
          .map((r) => hourRow.parse(r))
          .map((r) => ({ deviceId: r.device_id, localDay: r.local_day, hour: r.hour, officerId: r.officer_id, scale: r.scale, level: r.level, flags: r.flags, n: r.n })),
        reasons: reasons.rows
          .map((r) => reasonRow.parse(r))
          .map((r) => ({ deviceId: r.device_id, localDay: r.local_day, officerId: r.officer_id, flags: r.flags, code: r.code, label: r.label, n: r.n })),
      };
    });
  }

  async rawCounts(range: DayRange): Promise<DashboardCounts> {
    return postgresRawDashboardCounts(this.pool, range);
  }
}
