// How central answers each rating of a batch and what it stores beside it. Pure functions:
// both stores call them, so SQLite and PostgreSQL classify a batch identically.
import { createHash } from 'node:crypto';
import { canonicalRatingJson, type SyncAck, type SyncBatch, type WireRating } from '../../shared/sync/wire';
import type { IngestTimes, StoredRating } from './central-store';

/** The product's first release: a rating created earlier comes from a kiosk with a wrong clock. */
export const FIRST_RELEASE_AT = Date.parse('2026-01-01T00:00:00+07:00');
/** Clock drift central tolerates before a rating counts as created in the future. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export const centralFlags = ['implausible_time_before_release', 'implausible_time_future'] as const;
export type CentralFlag = (typeof centralFlags)[number];

export const ID_CONFLICT_REASON = 'Mã đánh giá đã tồn tại với nội dung khác';

export function seqConflictReason(seq: number, storedId: string): string {
  return `Số thứ tự (seq) ${seq} của thiết bị đã thuộc về đánh giá khác (${storedId})`;
}

/** Same id and same hash means a resend; same id and another hash is a conflict. */
export function ratingContentHash(rating: WireRating): string {
  return createHash('sha256').update(canonicalRatingJson(rating)).digest('hex');
}

/** Flagged ratings are stored all the same: dropping them would hide a kiosk's clock problem. */
export function centralFlagsFor(rating: WireRating, now: Date): CentralFlag[] {
  const createdAt = Date.parse(rating.createdAt);
  const flags: CentralFlag[] = [];
  if (createdAt < FIRST_RELEASE_AT) flags.push('implausible_time_before_release');
  if (createdAt > now.getTime() + FUTURE_TOLERANCE_MS) flags.push('implausible_time_future');
  return flags;
}

/** Positive when the kiosk's clock is behind central's (transit time included). */
export function clockOffsetMs(sentAt: string, receivedAt: Date): number {
  return receivedAt.getTime() - Date.parse(sentAt);
}

export function storedRatingsFor(batch: SyncBatch, times: IngestTimes): StoredRating[] {
  const offset = clockOffsetMs(batch.sentAt, times.receivedAt);
  return batch.ratings.map((rating) => ({
    rating,
    contentHash: ratingContentHash(rating),
    batchId: batch.batchId,
    receivedAt: times.receivedAt.toISOString(),
    clockOffsetMs: offset,
    centralFlags: centralFlagsFor(rating, times.now),
  }));
}

export type IntakeOutcome =
  | { id: string; kind: 'accepted' }
  | { id: string; kind: 'duplicate' }
  | { id: string; kind: 'conflict'; reason: string };

/** What the store found while inserting a batch "insert unless it exists". */
export interface IntakeFindings {
  /** Ids this transaction inserted. */
  inserted: ReadonlySet<string>;
  /** content_hash of every already-stored rating whose id the batch repeats. */
  storedHashById: ReadonlyMap<string, string>;
  /** Id of the stored rating holding each (device, seq) the batch uses. */
  storedIdBySeq: ReadonlyMap<number, string>;
}

export function classifyRatings(ratings: readonly StoredRating[], found: IntakeFindings): IntakeOutcome[] {
  return ratings.map(({ rating, contentHash }) => {
    const id = rating.id;
    if (found.inserted.has(id)) return { id, kind: 'accepted' };
    const storedHash = found.storedHashById.get(id);
    if (storedHash === contentHash) return { id, kind: 'duplicate' };
    if (storedHash !== undefined) return { id, kind: 'conflict', reason: ID_CONFLICT_REASON };
    // Not inserted and no row with this id: only the (device, seq) uniqueness can have refused it.
    const holder = found.storedIdBySeq.get(rating.seq);
    if (holder === undefined) throw new Error(`rating ${id} was neither inserted nor found`);
    return { id, kind: 'conflict', reason: seqConflictReason(rating.seq, holder) };
  });
}

export function ackFor(batchId: string, outcomes: readonly IntakeOutcome[], receivedAt: Date): SyncAck {
  const ack: SyncAck = { batchId, accepted: [], duplicate: [], conflicts: [], receivedAt: receivedAt.toISOString() };
  for (const o of outcomes) {
    if (o.kind === 'accepted') ack.accepted.push(o.id);
    else if (o.kind === 'duplicate') ack.duplicate.push(o.id);
    else ack.conflicts.push({ id: o.id, reason: o.reason });
  }
  return ack;
}
