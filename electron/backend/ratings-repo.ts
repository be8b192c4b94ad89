// All SQL for the `ratings` table. Every function takes the database first.
import type { Database } from 'better-sqlite3';
import type { ScaleId } from '../../shared/scales';
import type { WireRating } from '../../shared/sync/wire';
import { appendToChain, type ChainFields } from './record-chain-repo';
import { toWireRating } from './sync/wire-rating';

/** A rating row as stored; JSON columns are text here and parsed by whoever reads them. */
export interface RatingRow {
  id: string;
  device_id: string;
  seq: number;
  created_at: string;
  local_day: string;
  scale: ScaleId;
  level: number;
  officer_id: string | null;
  service_code: string | null;
  dossier_code: string | null;
  reasons: string;
  flags: string;
  app_version: string;
  boot_id: string;
}

export type NewRating = Omit<RatingRow, 'seq' | 'reasons' | 'flags'> & { reasons: string[]; flags: string[] };

/**
 * Insert one rating with the next per-device seq, in one IMMEDIATE transaction: the seq is read
 * and used under the write lock, so seq stays gapless and unique even with two writers. The same
 * transaction chains it (record_chain, issue 11): the rating and its chain row commit together.
 */
export function insertRating(db: Database, rating: NewRating): RatingRow {
  return insertChainedRating(db, rating).row;
}

/** A stored rating with its wire form and chain fields, as the insert made them (the tap journals these). */
export interface ChainedRating {
  row: RatingRow;
  wire: WireRating;
  chain: ChainFields;
}

/** insertRating, also returning the wire form it chained and its chain fields (no second query). */
export function insertChainedRating(db: Database, rating: NewRating): ChainedRating {
  return db
    .transaction((): ChainedRating => {
      const row: RatingRow = {
        ...rating,
        seq: nextRatingSeq(db, rating.device_id),
        reasons: JSON.stringify(rating.reasons),
        flags: JSON.stringify(rating.flags),
      };
      db.prepare(
        `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id,
           service_code, dossier_code, reasons, flags, app_version, boot_id)
         VALUES (@id, @device_id, @seq, @created_at, @local_day, @scale, @level, @officer_id,
           @service_code, @dossier_code, @reasons, @flags, @app_version, @boot_id)`,
      ).run(row);
      const wire = toWireRating(row);
      return { row, wire, chain: appendToChain(db, 'rating', wire) };
    })
    .immediate();
}

/**
 * The seq the device's next rating gets: above every seq stored, and above every seq a rebuild
 * declared lost (storage_incidents, issue 12), so a lost seq is never given to another rating.
 */
export function nextRatingSeq(db: Database, deviceId: string): number {
  const { stored } = db.prepare('SELECT COALESCE(MAX(seq), 0) AS stored FROM ratings WHERE device_id = ?').get(deviceId) as { stored: number };
  const { lost } = db
    .prepare(
      `SELECT COALESCE(MAX(json_extract(r.value, '$.to')), 0) AS lost
       FROM storage_incidents i, json_each(i.record, '$.lostSeqRanges') r
       WHERE json_extract(i.record, '$.deviceId') = ?`,
    )
    .get(deviceId) as { lost: number };
  return Math.max(stored, lost) + 1;
}

/** The newest `limit` ratings of the device, newest first (seq order: the order of truth). */
export function recentRatings(db: Database, deviceId: string, limit: number): Pick<RatingRow, 'seq' | 'created_at' | 'boot_id'>[] {
  return db
    .prepare('SELECT seq, created_at, boot_id FROM ratings WHERE device_id = ? ORDER BY seq DESC LIMIT ?')
    .all(deviceId, limit) as Pick<RatingRow, 'seq' | 'created_at' | 'boot_id'>[];
}

export function latestRatingId(db: Database, deviceId: string): string | undefined {
  const row = db.prepare('SELECT id FROM ratings WHERE device_id = ? ORDER BY seq DESC LIMIT 1').get(deviceId) as { id: string } | undefined;
  return row?.id;
}

export function findRating(db: Database, id: string): RatingRow | undefined {
  return db.prepare('SELECT * FROM ratings WHERE id = ?').get(id) as RatingRow | undefined;
}

export function listRatings(db: Database): RatingRow[] {
  return db.prepare('SELECT * FROM ratings ORDER BY device_id, seq').all() as RatingRow[];
}
