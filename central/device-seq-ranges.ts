// The seq ranges central holds of each device (issue 17), kept at ingest so GET /api/v1/devices
// never scans ratings: a device's stored seqs are a few maximal ranges, its gaps the holes between
// them (and before the first). Pure rules, used by both stores (central/store/*-device-state.ts).
//
// Invariant of a device's stored ranges: disjoint and maximal (no two touch: a range ending at n
// and one starting at n + 1 are one range). Ingest only ever adds seqs central did not hold
// (the ratings it inserted, unique by (device, seq)), so a new run can only touch a stored range
// at its ends: the one ending just before it and the one starting just after it. Those two
// lookups per run are all a batch costs, in any arrival order, with duplicates and late sync files.

/** What a device's ranges count: its ratings' seqs, or its record chain's positions. */
export type RangeSeries = 'seq' | 'chain';

export interface SeqRange {
  from: number;
  to: number;
}

/** Consecutive runs of these seqs (any order, repeats ignored), ascending. */
export function runsOf(seqs: Iterable<number>): SeqRange[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const runs: SeqRange[] = [];
  for (const seq of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && seq === last.to + 1) last.to = seq;
    else runs.push({ from: seq, to: seq });
  }
  return runs;
}

/** The stored ranges a run may join: the one ending at `from - 1`, the one starting at `to + 1`. */
export function neighbourKeys(runs: readonly SeqRange[]): { endsAt: number[]; startsAt: number[] } {
  return { endsAt: runs.map((r) => r.from - 1), startsAt: runs.map((r) => r.to + 1) };
}

export interface RangeChange {
  /** Stored ranges (by `from`) to delete: each is part of a merged range now. */
  remove: number[];
  /** Ranges to insert: the new runs merged with their stored neighbours and with each other. */
  add: SeqRange[];
}

/** New runs plus the stored neighbours found for them → what to delete and insert. */
export function mergeRuns(runs: readonly SeqRange[], neighbours: readonly SeqRange[]): RangeChange {
  const all = [...runs, ...neighbours].sort((a, b) => a.from - b.from);
  const add: SeqRange[] = [];
  for (const range of all) {
    const last = add.at(-1);
    if (last !== undefined && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else add.push({ ...range });
  }
  return { remove: [...new Set(neighbours.map((n) => n.from))], add };
}

/** The seqs of the batch's ratings this ingest stored (accepted; never a duplicate or conflict). */
export function acceptedSeqs(ratings: readonly { id: string; seq: number }[], accepted: readonly string[]): number[] {
  const ids = new Set(accepted);
  return ratings.filter((r) => ids.has(r.id)).map((r) => r.seq);
}
