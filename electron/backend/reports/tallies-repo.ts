// All SQL for the tallies and the report rows. Every query reads one local-day range through
// the index `ratings_day_tally` (migration 003) and groups in SQL; JavaScript only ever sees
// grouped rows (at most a few hundred), never the ratings of a period — except the export's
// raw sheet, which is one row per rating by definition.
import type { Database } from 'better-sqlite3';
import { misuseFlags } from '../../../shared/tallies';

export interface TallyFilter {
  from: string;
  to: string;
  /** Count ratings flagged as suspected misuse too (excluded by default). */
  includeFlagged: boolean;
}

/** A count of ratings at one level of one scale, within some group. */
export interface LevelCount {
  scale: string;
  level: number;
  n: number;
}

// Most ratings have no flags: the '[]' test spares them the json_each.
const inRange = `r.local_day BETWEEN @from AND @to
  AND (@includeFlagged = 1 OR r.flags = '[]'
       OR NOT EXISTS (SELECT 1 FROM json_each(r.flags) f WHERE f.value IN (SELECT value FROM json_each(@misuseFlags))))`;

const queries = {
  byLevel: `SELECT r.scale, r.level, count(*) AS n FROM ratings r WHERE ${inRange} GROUP BY r.scale, r.level`,
  byDay: `SELECT r.local_day AS day, r.scale, r.level, count(*) AS n FROM ratings r WHERE ${inRange}
          GROUP BY r.local_day, r.scale, r.level`,
  // created_at carries the kiosk's offset, so characters 12–13 are the local hour.
  byHour: `SELECT CAST(substr(r.created_at, 12, 2) AS INTEGER) AS hour, r.scale, r.level, count(*) AS n
           FROM ratings r WHERE ${inRange} GROUP BY hour, r.scale, r.level`,
  byOfficer: `SELECT r.officer_id, o.name AS officer_name, r.scale, r.level, count(*) AS n
              FROM ratings r LEFT JOIN officers o ON o.id = r.officer_id
              WHERE ${inRange} GROUP BY r.officer_id, r.scale, r.level`,
  byServiceArea: `SELECT r.service_code, r.scale, r.level, count(*) AS n FROM ratings r WHERE ${inRange}
                  GROUP BY r.service_code, r.scale, r.level`,
  // Which named officers a group's ratings came from (the minimum-ratings rule of tallies.ts).
  officers: `SELECT r.local_day AS day, r.service_code, r.officer_id FROM ratings r
             WHERE ${inRange} AND r.officer_id IS NOT NULL GROUP BY r.local_day, r.service_code, r.officer_id`,
  // Reasons are answers given after the tap (migration 006), counted by code so a relabelled
  // reason keeps its history; the label shown is the one stored with the answers.
  topReasons: `SELECT max(json_extract(j.value, '$.label')) AS reason, count(*) AS n
               FROM ratings r JOIN reason_answers a ON a.rating_id = r.id, json_each(a.reasons) j
               WHERE ${inRange}
               GROUP BY json_extract(j.value, '$.code') ORDER BY n DESC, reason LIMIT 8`,
  reasonsByCode: `SELECT json_extract(j.value, '$.code') AS code, count(*) AS n
                  FROM ratings r JOIN reason_answers a ON a.rating_id = r.id, json_each(a.reasons) j
                  WHERE ${inRange} GROUP BY code`,
  flagged: `SELECT count(*) AS n FROM ratings r WHERE r.local_day BETWEEN @from AND @to AND r.flags <> '[]'
            AND EXISTS (SELECT 1 FROM json_each(r.flags) f WHERE f.value IN (SELECT value FROM json_each(@misuseFlags)))`,
  reportRows: `SELECT r.seq, r.created_at, r.local_day, r.scale, r.level, r.officer_id, o.name AS officer_name,
                 r.service_code, r.dossier_code, r.flags,
                 (SELECT json_group_array(json_extract(j.value, '$.label'))
                  FROM reason_answers a, json_each(a.reasons) j WHERE a.rating_id = r.id) AS reasons,
                 (SELECT json_group_array(json_extract(j.value, '$.code'))
                  FROM reason_answers a, json_each(a.reasons) j WHERE a.rating_id = r.id) AS reason_codes
               FROM ratings r LEFT JOIN officers o ON o.id = r.officer_id
               WHERE ${inRange} ORDER BY r.local_day, r.device_id, r.seq`,
} as const;
export type TallyQuery = keyof typeof queries;

const params = (f: TallyFilter) => ({
  from: f.from,
  to: f.to,
  includeFlagged: f.includeFlagged ? 1 : 0,
  misuseFlags: JSON.stringify(misuseFlags),
});

export function countByLevel(db: Database, f: TallyFilter): LevelCount[] {
  return db.prepare(queries.byLevel).all(params(f)) as LevelCount[];
}

export function countByDay(db: Database, f: TallyFilter): (LevelCount & { day: string })[] {
  return db.prepare(queries.byDay).all(params(f)) as (LevelCount & { day: string })[];
}

export function countByHour(db: Database, f: TallyFilter): (LevelCount & { hour: number })[] {
  return db.prepare(queries.byHour).all(params(f)) as (LevelCount & { hour: number })[];
}

export function countByOfficer(db: Database, f: TallyFilter): (LevelCount & { officer_id: string | null; officer_name: string | null })[] {
  return db.prepare(queries.byOfficer).all(params(f)) as (LevelCount & { officer_id: string | null; officer_name: string | null })[];
}

export function countByServiceArea(db: Database, f: TallyFilter): (LevelCount & { service_code: string | null })[] {
  return db.prepare(queries.byServiceArea).all(params(f)) as (LevelCount & { service_code: string | null })[];
}

export function officersByDayAndArea(db: Database, f: TallyFilter): { day: string; service_code: string | null; officer_id: string }[] {
  return db.prepare(queries.officers).all(params(f)) as { day: string; service_code: string | null; officer_id: string }[];
}

export function topReasons(db: Database, f: TallyFilter): { reason: string; n: number }[] {
  return db.prepare(queries.topReasons).all(params(f)) as { reason: string; n: number }[];
}

/** How many times each reason code was chosen: the factor grouping of tallies.ts. */
export function countReasonsByCode(db: Database, f: TallyFilter): { code: string; n: number }[] {
  return db.prepare(queries.reasonsByCode).all(params(f)) as { code: string; n: number }[];
}

/** Ratings in the range that carry a misuse flag (what the default view leaves out). */
export function countFlagged(db: Database, f: Pick<TallyFilter, 'from' | 'to'>): number {
  return (db.prepare(queries.flagged).get(params({ ...f, includeFlagged: true })) as { n: number }).n;
}

export interface ReportRow {
  seq: number;
  created_at: string;
  local_day: string;
  scale: string;
  level: number;
  officer_id: string | null;
  officer_name: string | null;
  service_code: string | null;
  dossier_code: string | null;
  /** JSON array text: the labels stored with the answers. */
  reasons: string;
  /** JSON array text: their codes, in the same order. */
  reason_codes: string;
  /** JSON array text (shared/rating-flags.ts). */
  flags: string;
}

/** One row per rating, in the order they were given (device seq). */
export function reportRows(db: Database, f: TallyFilter): IterableIterator<ReportRow> {
  return db.prepare(queries.reportRows).iterate(params(f)) as IterableIterator<ReportRow>;
}

/** The planner's plan for one of these queries, for tests and the benchmark. */
export function explainTallyQuery(db: Database, name: TallyQuery, f: TallyFilter): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${queries[name]}`).all(params(f)) as { detail: string }[]).map((r) => r.detail);
}
