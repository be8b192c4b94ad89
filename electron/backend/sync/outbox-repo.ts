// All SQL for the sync outbox. A rating leaves the outbox only inside `commitAck`, i.e. in the
// transaction that records central's acknowledgement of its id.
import type { Database } from 'better-sqlite3';
import { canonicalRatingJson, type SyncAck, type WireRating } from '../../../shared/sync/wire';
import type { RatingRow } from '../ratings-repo';
import { toWireRating } from './wire-rating';

/**
 * The oldest pending ratings, in seq order, up to `maxCount` ratings and `maxBytes` of JSON.
 * Always at least one rating when any is pending (one rating is far below any byte limit).
 */
export function nextBatchRatings(db: Database, maxCount: number, maxBytes: number): WireRating[] {
  const rows = db
    .prepare(
      `SELECT r.* FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id
       ORDER BY o.seq LIMIT ?`,
    )
    .all(maxCount) as RatingRow[];
  const batch: WireRating[] = [];
  let bytes = 0;
  for (const row of rows) {
    const rating = toWireRating(row);
    bytes += Buffer.byteLength(canonicalRatingJson(rating)) + 1;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(rating);
  }
  return batch;
}

/**
 * Apply central's acknowledgement in one transaction: accepted and duplicate ids leave the
 * outbox (synced); conflicting ids move to quarantine with central's reason. Ids the ack does
 * not name stay pending. Returns how many ratings changed state.
 */
export function commitAck(db: Database, ack: SyncAck, at: string): number {
  const dequeue = db.prepare('DELETE FROM sync_outbox WHERE rating_id = ?');
  const quarantine = db.prepare(
    'INSERT OR IGNORE INTO sync_quarantine (rating_id, reason, batch_id, quarantined_at) VALUES (?, ?, ?, ?)',
  );
  return db
    .transaction(() => {
      let changed = 0;
      for (const id of [...ack.accepted, ...ack.duplicate]) changed += dequeue.run(id).changes;
      for (const { id, reason } of ack.conflicts) {
        if (dequeue.run(id).changes > 0) {
          quarantine.run(id, reason, ack.batchId, at);
          changed += 1;
        }
      }
      return changed;
    })
    .immediate();
}

export interface OutboxStats {
  pendingCount: number;
  oldestPendingAt: string | null;
  quarantinedCount: number;
}

export function outboxStats(db: Database): OutboxStats {
  const pending = db
    .prepare(
      `SELECT count(*) AS n,
              (SELECT r.created_at FROM sync_outbox o JOIN ratings r ON r.id = o.rating_id ORDER BY o.seq LIMIT 1) AS oldest
       FROM sync_outbox`,
    )
    .get() as { n: number; oldest: string | null };
  const { q } = db.prepare('SELECT count(*) AS q FROM sync_quarantine').get() as { q: number };
  return { pendingCount: pending.n, oldestPendingAt: pending.oldest, quarantinedCount: q };
}

/** Ids central has acknowledged (neither pending nor quarantined), for tests and diagnostics. */
export function syncedRatingIds(db: Database): string[] {
  return (
    db
      .prepare(
        `SELECT id FROM ratings WHERE id NOT IN (SELECT rating_id FROM sync_outbox)
           AND id NOT IN (SELECT rating_id FROM sync_quarantine) ORDER BY seq`,
      )
      .all() as { id: string }[]
  ).map((r) => r.id);
}
