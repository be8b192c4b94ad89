// The tallies on SQLite (issue 17, central/tallies.ts): upkeep inside ingestBatch's transaction,
// the rebuild, and the rows for checks. Statements prepared once, like the ingest's own.
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { DayRange } from '../../shared/periods';
import { sqliteRawDashboardCounts } from '../dashboard/sqlite-raw-dashboard-repo';
import type { DashboardCounts } from '../dashboard/dashboard-counts';
import {
  choicesOf, insertedRecords, ratingIncrements, ratingsConcerned, reasonIncrements,
  type AnswerFacts, type RatingFacts, type TallyRebuild, type TallyRows, type TallyStore,
} from '../tallies';
import type { StoredRating, StoredReasonAnswer } from './central-store';
import type { IntakeOutcome } from './intake-rules';

const rebuildSql = `
  DELETE FROM tally_days;
  DELETE FROM tally_hours;
  DELETE FROM tally_reasons;
  INSERT INTO tally_days (local_day, device_id, officer_id, service_code, scale, level, flags, n)
    SELECT local_day, device_id, COALESCE(officer_id, ''), COALESCE(service_code, ''), scale, level, flags, count(*)
    FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO tally_hours (local_day, device_id, hour, officer_id, scale, level, flags, n)
    SELECT local_day, device_id, CAST(substr(created_at, 12, 2) AS INTEGER), COALESCE(officer_id, ''), scale, level, flags, count(*)
    FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO tally_reasons (local_day, device_id, officer_id, flags, code, label, n)
    SELECT local_day, device_id, officer_id, flags, code, max(label), count(*) FROM (
      SELECT r.local_day, r.device_id, COALESCE(r.officer_id, '') AS officer_id, r.flags,
             json_extract(j.value, '$.code') AS code, max(json_extract(j.value, '$.label')) AS label
      FROM ratings r JOIN reason_answers a ON a.rating_id = r.id AND a.device_id = r.device_id, json_each(a.reasons) j
      GROUP BY r.id, code)
    WHERE code IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;`;

const count = z.union([z.number(), z.bigint()]).nullable().transform((n) => Number(n ?? 0));
const ratingFactsRow = z
  .object({ id: z.string(), device_id: z.string(), local_day: z.string(), officer_id: z.string().nullable(), flags: z.string() })
  .transform((r): RatingFacts => ({ id: r.id, deviceId: r.device_id, localDay: r.local_day, officerId: r.officer_id, flags: r.flags }));
const answerFactsRow = z.object({ id: z.string(), rating_id: z.string(), device_id: z.string(), reasons: z.string() });

const dayRow = z.object({ device_id: z.string(), local_day: z.string(), officer_id: z.string(), service_code: z.string(), scale: z.string(), level: z.number(), flags: z.string(), n: z.number() });
const hourRow = z.object({ device_id: z.string(), local_day: z.string(), hour: z.number(), officer_id: z.string(), scale: z.string(), level: z.number(), flags: z.string(), n: z.number() });
const reasonRow = z.object({ device_id: z.string(), local_day: z.string(), officer_id: z.string(), flags: z.string(), code: z.string(), label: z.string().nullable(), n: z.number() });

/** SQLite compares text byte by byte (BINARY): UTF-8 byte order, which the raw max(label) uses. */
const greatest = (labels: readonly string[]): string | null =>
  labels.reduce<string | null>((best, l) => (best === null || Buffer.compare(Buffer.from(l), Buffer.from(best)) > 0 ? l : best), null);

export class SqliteTallies implements TallyStore {
  private readonly upsertDay: Statement;
  private readonly upsertHour: Statement;
  private readonly upsertReason: Statement;
  private readonly relabelReason: Statement;
  private readonly ratingFacts: Statement;
  private readonly answerFacts: Statement;

  constructor(private readonly db: Database) {
    this.upsertDay = db.prepare(`
      INSERT INTO tally_days (local_day, device_id, officer_id, service_code, scale, level, flags, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.upsertHour = db.prepare(`
      INSERT INTO tally_hours (local_day, device_id, hour, officer_id, scale, level, flags, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    // max() ignoring NULL, as the raw query's aggregate does.
    this.upsertReason = db.prepare(`
      INSERT INTO tally_reasons (local_day, device_id, officer_id, flags, code, label, n) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET n = n + excluded.n,
        label = CASE WHEN label IS NULL OR excluded.label > label THEN excluded.label ELSE label END`);
    // A reason already counted for its rating: only the label may change (a CHECK sees an inserted n = 0 before ON CONFLICT).
    this.relabelReason = db.prepare(`
      UPDATE tally_reasons SET label = @label
      WHERE local_day = @localDay AND device_id = @deviceId AND officer_id = @officerId AND flags = @flags AND code = @code
        AND @label IS NOT NULL AND (label IS NULL OR @label > label)`);
    // `+device_id`: look up by id (a few rows), never by device (all of its ratings or answers, each batch).
    this.ratingFacts = db.prepare(`SELECT id, device_id, local_day, officer_id, flags FROM ratings WHERE id IN (SELECT value FROM json_each(?)) AND +device_id = ?`);
    this.answerFacts = db.prepare(`SELECT id, rating_id, device_id, reasons FROM reason_answers WHERE rating_id IN (SELECT value FROM json_each(?)) AND +device_id = ?`);
  }

  /** Runs inside ingestBatch's transaction, after the inserts: counts what they inserted, nothing else. */
  ingest(deviceId: string, ratings: readonly StoredRating[], answers: readonly StoredReasonAnswer[], outcomes: readonly IntakeOutcome[]): void {
    const inserted = insertedRecords(ratings, answers, outcomes);
    const { days, hours } = ratingIncrements(inserted.ratings);
    for (const t of days) this.upsertDay.run(t.localDay, t.deviceId, t.officerId, t.serviceCode, t.scale, t.level, t.flags, t.n);
    for (const t of hours) this.upsertHour.run(t.localDay, t.deviceId, t.hour, t.officerId, t.scale, t.level, t.flags, t.n);
    const concerned = JSON.stringify(ratingsConcerned(inserted));
    const answerFacts = this.answerFacts.all(concerned, deviceId).map((row): AnswerFacts => {
      const r = answerFactsRow.parse(row);
      return { id: r.id, ratingId: r.rating_id, deviceId: r.device_id, codes: choicesOf(JSON.parse(r.reasons)) };
    });
    if (answerFacts.length === 0) return;
    const reasons = reasonIncrements(
      this.ratingFacts.all(JSON.stringify([...new Set(answerFacts.map((a) => a.ratingId))]), deviceId).map((r) => ratingFactsRow.parse(r)),
      answerFacts,
      new Set(inserted.ratings.map((r) => r.rating.id)),
      new Set(inserted.answers.map((a) => a.answer.id)),
    );
    for (const t of reasons) {
      if (t.n > 0) this.upsertReason.run(t.localDay, t.deviceId, t.officerId, t.flags, t.code, greatest(t.labels), t.n);
      else this.relabelReason.run({ localDay: t.localDay, deviceId: t.deviceId, officerId: t.officerId, flags: t.flags, code: t.code, label: greatest(t.labels) });
    }
  }

  async rebuild(): Promise<TallyRebuild> {
    return this.db
      .transaction(() => {
        this.db.exec(rebuildSql);
        return {
          ratings: count.parse(this.db.prepare(`SELECT sum(n) FROM tally_days`).pluck().get()),
          reasonChoices: count.parse(this.db.prepare(`SELECT sum(n) FROM tally_reasons`).pluck().get()),
        };
      })
      .immediate();
  }

  async rows(): Promise<TallyRows> {
    return this.db.transaction(() => ({
      days: this.db
        .prepare(`SELECT * FROM tally_days ORDER BY local_day, device_id, officer_id, service_code, scale, level, flags`)
        .all()
        .map((r) => dayRow.parse(r))
        .map((r) => ({ deviceId: r.device_id, localDay: r.local_day, officerId: r.officer_id, serviceCode: r.service_code, scale: r.scale, level: r.level, flags: r.flags, n: r.n })),
      hours: this.db
        .prepare(`SELECT * FROM tally_hours ORDER BY local_day, device_id, hour, officer_id, scale, level, flags`)
        .all()
        .map((r) => hourRow.parse(r))
        .map((r) => ({ deviceId: r.device_id, localDay: r.local_day, hour: r.hour, officerId: r.officer_id, scale: r.scale, level: r.level, flags: r.flags, n: r.n })),
      reasons: this.db
        .prepare(`SELECT * FROM tally_reasons ORDER BY local_day, device_id, officer_id, flags, code`)
        .all()
        .map((r) => reasonRow.parse(r))
        .map((r) => ({ deviceId: r.device_id, localDay: r.local_day, officerId: r.officer_id, flags: r.flags, code: r.code, label: r.label, n: r.n })),
    }))();
  }

  async rawCounts(range: DayRange): Promise<DashboardCounts> {
    return sqliteRawDashboardCounts(this.db, range);
  }
}
