// Tallies kept at ingest (issue 17): the dashboard's counts (central/dashboard/dashboard-counts.ts)
// kept per device and local day in the batch's own transaction, so the dashboard never scans raw
// ratings. Pure: both stores (store/sqlite-tallies.ts, store/postgres-tallies.ts) call these with
// what their inserts reported, then upsert `n = n + excluded.n`, one row per distinct key.
//
// Invariants:
// - only records this transaction inserted are counted (a resend, a retried batch or a re-imported
//   sync file inserts nothing, so adds nothing);
// - a reason counts once per rating, however many answers repeat it, and only from an answer of
//   the rating's own device; an answer may arrive before its rating, so the rating's arrival
//   counts the answers already stored (exactly the raw join: store/*-raw-dashboard-repo.ts);
// - `tallies rebuild` recomputes everything from the raw rows and must give the same rows.
import type { DashboardCounts } from './dashboard/dashboard-counts';
import type { IntakeOutcome } from './store/intake-rules';
import type { StoredRating, StoredReasonAnswer } from './store/central-store';
import type { DayRange } from '../shared/periods';

/**
 * Stored in place of NULL (no officer signed in, no service area chosen) so the key can be a
 * primary key and ON CONFLICT finds it: NULLs are distinct in a unique index. The wire never sends
 * an empty code (min length 1), so '' cannot clash; reads turn it back into NULL.
 */
export const NONE = '';

/** Ratings of one device, local day, officer, service area, scale, level and flags (flags as the stored JSON text). */
export interface DayTally {
  deviceId: string;
  localDay: string;
  officerId: string;
  serviceCode: string;
  scale: string;
  level: number;
  flags: string;
  n: number;
}

/** Ratings of one local hour (from the kiosk's own createdAt) of one local day. */
export interface HourTally {
  deviceId: string;
  localDay: string;
  hour: number;
  officerId: string;
  scale: string;
  level: number;
  flags: string;
  n: number;
}

/**
 * Ratings (with these flags, on this device, day and officer) that had this reason chosen.
 * `labels`: every label the new answers gave the code (the stored label becomes the greatest,
 * compared by the database as the raw query's max() does); `n` is 0 when an answer only
 * repeats a reason already counted for its rating: the row exists, only its label may change.
 */
export interface ReasonTally {
  deviceId: string;
  localDay: string;
  officerId: string;
  flags: string;
  code: string;
  labels: string[];
  n: number;
}

export interface TallyIncrements {
  days: DayTally[];
  hours: HourTally[];
  reasons: ReasonTally[];
}

/** What a rating's reason choices are counted under: read from the batch or, for an older rating, from the store. */
export interface RatingFacts {
  id: string;
  deviceId: string;
  localDay: string;
  officerId: string | null;
  /** As stored: JSON text of the kiosk's flags. */
  flags: string;
}

/** A stored reason answer of one of the ratings concerned. */
export interface AnswerFacts {
  id: string;
  ratingId: string;
  deviceId: string;
  codes: { code: string; label: string | null }[];
}

/** Every tally row, sorted: what the rebuild check compares. */
export interface TallyRows {
  days: DayTally[];
  hours: HourTally[];
  reasons: (Omit<ReasonTally, 'labels'> & { label: string | null })[];
}

export interface TallyRebuild {
  /** Ratings counted (the sum over day tallies). */
  ratings: number;
  /** Reason choices counted. */
  reasonChoices: number;
}

/** What a store offers beside the incremental upkeep inside ingestBatch. */
export interface TallyStore {
  /** Recomputes every tally from the raw ratings and reason answers in one transaction (ingest waits meanwhile). */
  rebuild(): Promise<TallyRebuild>;
  /** Every tally row, in a fixed order. */
  rows(): Promise<TallyRows>;
  /** The dashboard's counts from the raw rows, as before the tallies: for checks and the benchmark. */
  rawCounts(range: DayRange): Promise<DashboardCounts>;
}

/** The records of the batch its inserts accepted (an accepted record is one this transaction inserted). */
export function insertedRecords(
  ratings: readonly StoredRating[],
  answers: readonly StoredReasonAnswer[],
  outcomes: readonly IntakeOutcome[],
): { ratings: StoredRating[]; answers: StoredReasonAnswer[] } {
  const accepted = new Set(outcomes.filter((o) => o.kind === 'accepted').map((o) => o.id));
  return { ratings: ratings.filter((r) => accepted.has(r.rating.id)), answers: answers.filter((a) => accepted.has(a.answer.id)) };
}

/**
 * The codes and labels of a stored answer, as the raw query's json_extract reads them: an element
 * without a text code is not a choice. By hand, not zod: this runs on every batch's hot path.
 */
export function choicesOf(reasons: unknown): AnswerFacts['codes'] {
  if (!Array.isArray(reasons)) return [];
  const codes: AnswerFacts['codes'] = [];
  for (const c of reasons as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const { code, label } = c as { code?: unknown; label?: unknown };
    if (typeof code === 'string') codes.push({ code, label: typeof label === 'string' ? label : null });
  }
  return codes;
}

/** createdAt is the kiosk's local time with its offset (the wire checks its date is localDay): characters 12–13 are the local hour. */
export const localHourOf = (createdAt: string): number => Number(createdAt.slice(11, 13));

/** A map key of the parts: joined by NUL, which no stored code, day or flag text contains (the wire refuses control characters). */
const keyOf = (parts: readonly (string | number)[]) => parts.join('\u0000');

function addTo<T extends { n: number }>(into: Map<string, T>, key: string, row: T): T {
  const held = into.get(key);
  if (held === undefined) {
    into.set(key, row);
    return row;
  }
  held.n += row.n;
  return held;
}

/** Day and hour tallies of newly inserted ratings, one entry per distinct key. */
export function ratingIncrements(inserted: readonly StoredRating[]): Pick<TallyIncrements, 'days' | 'hours'> {
  const days = new Map<string, DayTally>();
  const hours = new Map<string, HourTally>();
  for (const { rating: r } of inserted) {
    const flags = JSON.stringify(r.flags);
    const officerId = r.officerId ?? NONE;
    const serviceCode = r.serviceCode ?? NONE;
    addTo(days, keyOf([r.deviceId, r.localDay, officerId, serviceCode, r.scale, r.level, flags]), {
      deviceId: r.deviceId, localDay: r.localDay, officerId, serviceCode, scale: r.scale, level: r.level, flags, n: 1,
    });
    const hour = localHourOf(r.createdAt);
    addTo(hours, keyOf([r.deviceId, r.localDay, hour, officerId, r.scale, r.level, flags]), {
      deviceId: r.deviceId, localDay: r.localDay, hour, officerId, scale: r.scale, level: r.level, flags, n: 1,
    });
  }
  return { days: [...days.values()], hours: [...hours.values()] };
}

/** The ratings whose reason choices this batch may change: the new ratings and the ratings of the new answers. */
export function ratingsConcerned(inserted: { ratings: readonly StoredRating[]; answers: readonly StoredReasonAnswer[] }): string[] {
  return [...new Set([...inserted.ratings.map((r) => r.rating.id), ...inserted.answers.map((a) => a.answer.ratingId)])];
}

/**
 * Reason tallies this batch adds. `ratings`: the facts of every concerned rating the store holds
 * now (new ones included); `answers`: every stored answer (new ones included) to those ratings.
 * A rating new in this batch had nothing counted yet: all its answers count. An older rating
 * had its older answers' reasons counted already: only a new answer's reason not among them adds one.
 */
export function reasonIncrements(
  ratings: readonly RatingFacts[],
  answers: readonly AnswerFacts[],
  newRatingIds: ReadonlySet<string>,
  newAnswerIds: ReadonlySet<string>,
): ReasonTally[] {
  const answersOf = new Map<string, AnswerFacts[]>();
  for (const a of answers) answersOf.set(a.ratingId, [...(answersOf.get(a.ratingId) ?? []), a]);
  const tallies = new Map<string, ReasonTally>();
  for (const rating of ratings) {
    // Only an answer of the rating's own device counts: a device cannot pile reasons onto another's ratings.
    const own = (answersOf.get(rating.id) ?? []).filter((a) => a.deviceId === rating.deviceId);
    const isNew = newRatingIds.has(rating.id);
    const counted = new Set(isNew ? [] : own.filter((a) => !newAnswerIds.has(a.id)).flatMap((a) => a.codes.map((c) => c.code)));
    for (const answer of isNew ? own : own.filter((a) => newAnswerIds.has(a.id))) {
      for (const { code, label } of answer.codes) {
        const n = counted.has(code) ? 0 : 1;
        counted.add(code);
        const officerId = rating.officerId ?? NONE;
        const row = addTo(tallies, keyOf([rating.deviceId, rating.localDay, officerId, rating.flags, code]), {
          deviceId: rating.deviceId, localDay: rating.localDay, officerId, flags: rating.flags, code, labels: [], n,
        });
        if (label !== null && !row.labels.includes(label)) row.labels.push(label);
      }
    }
  }
  return [...tallies.values()];
}
