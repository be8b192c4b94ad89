// How central answers each record of a batch (ratings, reason answers) and what it stores beside
// it. Pure functions: both stores call them, so SQLite and PostgreSQL classify a batch identically.
import { hash } from 'node:crypto';
import { canonicalRatingJson, canonicalReasonAnswerJson, type SyncAck, type SyncBatch, type WireRating, type WireReasonAnswer } from '../../shared/sync/wire';
import type { IngestTimes, StoredRating, StoredReasonAnswer } from './central-store';

/** The product's first release: a rating created earlier comes from a kiosk with a wrong clock. */
export const FIRST_RELEASE_AT = Date.parse('2026-01-01T00:00:00+07:00');
/** Clock drift central tolerates before a rating counts as created in the future. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export const centralFlags = ['implausible_time_before_release', 'implausible_time_future'] as const;
export type CentralFlag = (typeof centralFlags)[number];

export const ID_CONFLICT_REASON = 'Mã đánh giá đã tồn tại với nội dung khác';
export const REASON_ANSWER_CONFLICT_REASON = 'Mã câu trả lời lý do đã tồn tại với nội dung khác';
/** A rating whose id a stored reason answer has, or the reverse: ids are unique across both kinds. */
export const OTHER_KIND_CONFLICT_REASON = 'id đã dùng cho một bản ghi khác loại';

export function seqConflictReason(seq: number, storedId: string): string {
  return `Số thứ tự (seq) ${seq} của thiết bị đã thuộc về đánh giá khác (${storedId})`;
}

// One-shot crypto.hash: the same SHA-256 as createHash().update().digest(), without a Hash
// object per record (a third cheaper on a batch of 500).
const sha256Hex = (text: string) => hash('sha256', text, 'hex');

/** Same id and same hash means a resend; same id and another hash is a conflict. */
export function ratingContentHash(rating: WireRating): string {
  return sha256Hex(canonicalRatingJson(rating));
}

export function reasonAnswerContentHash(answer: WireReasonAnswer): string {
  return sha256Hex(canonicalReasonAnswerJson(answer));
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
  const receivedAt = times.receivedAt.toISOString();
  return batch.ratings.map((rating) => ({
    rating,
    contentHash: ratingContentHash(rating),
    batchId: batch.batchId,
    receivedAt,
    clockOffsetMs: offset,
    centralFlags: centralFlagsFor(rating, times.now),
  }));
}

/** No clock offset or plausibility flags beside an answer: the device row keeps the offset, and its rating's flags tell of a wrong clock. */
export function storedReasonAnswersFor(batch: SyncBatch, times: IngestTimes): StoredReasonAnswer[] {
  const receivedAt = times.receivedAt.toISOString();
  return batch.reasonAnswers.map((answer) => ({
    answer,
    contentHash: reasonAnswerContentHash(answer),
    batchId: batch.batchId,
    receivedAt,
  }));
}

export type IntakeOutcome =
  | { id: string; kind: 'accepted' }
  | { id: string; kind: 'duplicate' }
  | { id: string; kind: 'conflict'; reason: string };

/** What the store found while inserting records "insert unless the id exists". */
export interface IdFindings {
  /** Ids this transaction inserted. */
  inserted: ReadonlySet<string>;
  /** content_hash of every already-stored record whose id the batch repeats. */
  storedHashById: ReadonlyMap<string, string>;
  /** Ids the batch gives this kind that a stored record of the other kind has: never inserted. */
  otherKindIds: ReadonlySet<string>;
}

/** For ratings, the (device, seq) uniqueness can refuse an insert too. */
export interface IntakeFindings extends IdFindings {
  /** Id of the stored rating holding each (device, seq) the batch uses. */
  storedIdBySeq: ReadonlyMap<number, string>;
}

/** Accepted, duplicate or an id conflict; undefined when the id was neither inserted nor found. */
function outcomeById(id: string, contentHash: string, found: IdFindings, conflictReason: string): IntakeOutcome | undefined {
  if (found.inserted.has(id)) return { id, kind: 'accepted' };
  const storedHash = found.storedHashById.get(id);
  if (storedHash === contentHash) return { id, kind: 'duplicate' };
  if (storedHash !== undefined) return { id, kind: 'conflict', reason: conflictReason };
  if (found.otherKindIds.has(id)) return { id, kind: 'conflict', reason: OTHER_KIND_CONFLICT_REASON };
  return undefined;
}

export function classifyRatings(ratings: readonly StoredRating[], found: IntakeFindings): IntakeOutcome[] {
  return ratings.map(({ rating, contentHash }) => {
    const outcome = outcomeById(rating.id, contentHash, found, ID_CONFLICT_REASON);
    if (outcome !== undefined) return outcome;
    // Not inserted and no row with this id: only the (device, seq) uniqueness can have refused it.
    const holder = found.storedIdBySeq.get(rating.seq);
    if (holder === undefined) throw new Error(`rating ${rating.id} was neither inserted nor found`);
    return { id: rating.id, kind: 'conflict', reason: seqConflictReason(rating.seq, holder) };
  });
}

export function classifyReasonAnswers(answers: readonly StoredReasonAnswer[], found: IdFindings): IntakeOutcome[] {
  return answers.map(({ answer, contentHash }) => {
    const outcome = outcomeById(answer.id, contentHash, found, REASON_ANSWER_CONFLICT_REASON);
    // The id is the table's only unique key: an insert it skipped has a stored row.
    if (outcome === undefined) throw new Error(`reason answer ${answer.id} was neither inserted nor found`);
    return outcome;
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
