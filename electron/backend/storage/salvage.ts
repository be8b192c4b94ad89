// Reading what still can be read from a quarantined (damaged) database (issue 12). The
// quarantined files are never written: they are copied to a scratch folder (SQLite may replay
// or checkpoint a -wal on open) and read there. Every range of rows is read on its own, then row
// by row when the range throws: what throws is left out, never guessed.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { RatingRow } from '../ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../reason-answers-repo';
import { toWireRating } from '../sync/wire-rating';
import type { JournalEntry } from './tap-journal';

const RANGE = 64;
/** Rows past the highest rowid SQLite reports (or when it cannot say) that are still tried. */
const PROBE_PAST = 1024;

/** Chained records (format-2 wire form) read from `folder/<databaseFile>`; none when it cannot be opened at all. */
export function salvageRecords(folder: string, databaseFile = 'kiosk.db'): JournalEntry[] {
  if (!existsSync(join(folder, databaseFile))) return [];
  const scratch = mkdtempSync(join(tmpdir(), 'hai-long-salvage-'));
  try {
    for (const suffix of ['', '-wal']) {
      if (existsSync(join(folder, `${databaseFile}${suffix}`))) copyFileSync(join(folder, `${databaseFile}${suffix}`), join(scratch, `${databaseFile}${suffix}`));
    }
    // With its WAL first (the newest commits live there); a WAL SQLite cannot use (foreign, torn) may make
    // the whole file unreadable, so the main file alone is tried too, and the two are merged.
    const withWal = readAll(join(scratch, databaseFile));
    rmSync(join(scratch, `${databaseFile}-wal`), { force: true });
    rmSync(join(scratch, `${databaseFile}-shm`), { force: true });
    const alone = readAll(join(scratch, databaseFile));
    return [...withWal, ...alone];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readAll(file: string): JournalEntry[] {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
  } catch {
    return [];
  }
  try {
    const chain = tolerantRows<{ position: number; kind: string; record_id: string; link: string }>(db, 'record_chain', 'position, kind, record_id, link');
    const ratings = new Map(tolerantRows<RatingRow>(db, 'ratings', '*').map((r) => [r.id, r]));
    const answers = new Map(tolerantRows<ReasonAnswerRow>(db, 'reason_answers', '*').map((a) => [a.id, a]));
    return chain.flatMap((c): JournalEntry[] => {
      try {
        if (c.kind === 'rating') {
          const row = ratings.get(c.record_id);
          return row === undefined ? [] : [{ kind: 'rating', record: { ...toWireRating(row), chainPosition: c.position, chainLink: c.link } }];
        }
        if (c.kind === 'reason-answer') {
          const row = answers.get(c.record_id);
          return row === undefined ? [] : [{ kind: 'reason-answer', record: { ...toWireReasonAnswer(row), chainPosition: c.position, chainLink: c.link } }];
        }
      } catch {
        // a row whose JSON columns do not parse: left out
      }
      return [];
    });
  } finally {
    try {
      db.close();
    } catch {
      // nothing to keep from a damaged scratch copy
    }
  }
}

function tolerantRows<T>(db: Database, table: string, columns: string): T[] {
  const ask = <R>(sql: string, ...params: unknown[]): R[] | null => {
    try {
      return db.prepare(sql).all(...params) as R[];
    } catch {
      return null;
    }
  };
  const top = ask<{ m: number | null }>(`SELECT max(rowid) AS m FROM ${table}`)?.[0]?.m ?? 0;
  const out: T[] = [];
  let failedPast = 0;
  for (let from = 1; from <= top + PROBE_PAST; from += RANGE) {
    const range = ask<T>(`SELECT ${columns} FROM ${table} WHERE rowid BETWEEN ? AND ?`, from, from + RANGE - 1);
    if (range !== null) {
      out.push(...range);
      if (range.length === 0 && from > top) break;
      continue;
    }
    let found = 0;
    for (let rowid = from; rowid < from + RANGE; rowid++) {
      const row = ask<T>(`SELECT ${columns} FROM ${table} WHERE rowid = ?`, rowid) ?? [];
      found += row.length;
      out.push(...row);
    }
    // Past the highest rowid SQLite reported, two unreadable ranges in a row end the search.
    failedPast = from > top && found === 0 ? failedPast + 1 : 0;
    if (failedPast >= 2) break;
  }
  return out;
}
