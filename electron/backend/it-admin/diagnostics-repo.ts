// The SQL behind the diagnostics screen and bundle: counts only, never rating content.
import type { Database } from 'better-sqlite3';
import { verifyLocalChain } from '../record-chain-check';

export function ratingsCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
}

/**
 * `PRAGMA integrity_check`, then the record chain recomputed from its start (issue 11, a
 * database changed behind the app's back): exactly ['ok'] when both hold, else SQLite's problems
 * (up to 100) and the chain's, by position.
 */
export function integrityCheck(db: Database): string[] {
  const sqlite = (db.pragma('integrity_check(100)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const chain = recordChainProblem(db);
  if (chain === null) return sqlite;
  return [...(sqlite.length === 1 && sqlite[0] === 'ok' ? [] : sqlite), chain];
}

function recordChainProblem(db: Database): string | null {
  try {
    const check = verifyLocalChain(db);
    return check.ok ? null : `Chuỗi bản ghi hỏng ở vị trí ${check.position}: ${check.problem}`;
  } catch (error) {
    return `Không kiểm tra được chuỗi bản ghi: ${error instanceof Error ? error.message : String(error)}`;
  }
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
