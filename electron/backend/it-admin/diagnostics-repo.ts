// The SQL behind the diagnostics screen and bundle: counts only, never rating content.
import type { Database } from 'better-sqlite3';

export function ratingsCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
}

/** `PRAGMA integrity_check`: exactly ['ok'] for a sound file, else up to 100 problems. */
export function integrityCheck(db: Database): string[] {
  return (db.pragma('integrity_check(100)') as { integrity_check: string }[]).map((r) => r.integrity_check);
}

export interface LevelCount {
  scale: string;
  level: number;
  count: number;
  /** Of them, ratings flagged as possible misuse (rapid repeats, clock problems). */
  flagged: number;
}

/** How many ratings per scale and level: the only trace of ratings a diagnostics bundle holds. */
export function ratingCountsByLevel(db: Database): LevelCount[] {
  return db
    .prepare(
      `SELECT scale, level, count(*) AS count, sum(json_array_length(flags) > 0) AS flagged
       FROM ratings GROUP BY scale, level ORDER BY scale, level`,
    )
    .all() as LevelCount[];
}
