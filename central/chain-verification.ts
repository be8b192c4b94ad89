// Central's check of each device's record chain (issue 11; docs/sync-protocol.md, "Record
// chain"). Pure: given what central holds of one device's chain — its chained records, the
// signed heads, the migration anchor they state — it says which records may be stored, where the
// chain breaks, which positions central never received and how far the chain is verified. The
// stores only load and save rows; ingest runs this on the neighbourhood of what arrived, and
// `central verify` on a device's whole chain.
import { chainLink } from '../shared/node/record-chain';
import { chainedContent, GENESIS_LINK, type ChainHead, type ChainRecordKind } from '../shared/sync/chain';
import { chainBreakKinds, type SyncBatch } from '../shared/sync/wire';

/**
 * - `link-mismatch`: a record's link is not the SHA-256 of the previous link and its content
 *   (altered, inserted or reordered records);
 * - `position-conflict`: another record (or other content) at a position already held, or one
 *   record id at two positions;
 * - `head-mismatch`: a signed head's link (or a migration anchor) differs from the stored link at
 *   its position: history rewritten after it was signed;
 * - `head-conflict`: two signed heads (or anchors) at one position with different links.
 */
export { chainBreakKinds };
export type ChainBreakKind = (typeof chainBreakKinds)[number];

/** One chained record as central keeps it: its content is the canonical JSON as received. */
export interface ChainRecordRow {
  position: number;
  kind: ChainRecordKind;
  recordId: string;
  link: string;
  content: string;
}

export interface ChainHeadRow {
  position: number;
  link: string;
  migratedThrough: number | null;
  migratedLink: string | null;
  signedAt: string;
  signature: string;
  /** False when the device had no registered public key when the head arrived. */
  verified: boolean;
}

export interface ChainBreak {
  position: number;
  kind: ChainBreakKind;
  detail: string;
}

export interface StoredChainBreak extends ChainBreak {
  detectedAt: string;
}

export interface PositionGap {
  from: number;
  to: number;
}

/** What central holds of one device's chain: all of it, or the neighbourhood of a batch. */
export interface ChainView {
  records: ReadonlyMap<number, ChainRecordRow>;
  heads: readonly ChainHeadRow[];
}

/** The device's chain in GET /api/v1/devices (DeviceSummary.chain). */
export interface DeviceChainReport {
  headPosition: number | null;
  migratedThrough: number | null;
  verifiedThrough: number;
  gaps: PositionGap[];
  breaks: { position: number; kind: ChainBreakKind; detectedAt: string }[];
  unverifiedHeads: boolean;
}

export const EMPTY_CHAIN_REPORT: DeviceChainReport = { headPosition: null, migratedThrough: null, verifiedThrough: 0, gaps: [], breaks: [], unverifiedHeads: false };

/** The order breaks are found and reported in: by position, then kind (as listed in chainBreakKinds). */
function byPositionThenKind(a: ChainBreak, b: ChainBreak): number {
  return a.position - b.position || chainBreakKinds.indexOf(a.kind) - chainBreakKinds.indexOf(b.kind);
}

/** A head as received, for storing. */
export function chainHeadRow(head: ChainHead, verified: boolean): ChainHeadRow {
  return {
    position: head.position,
    link: head.link,
    migratedThrough: head.migratedThrough,
    migratedLink: head.migratedLink,
    signedAt: head.signedAt,
    signature: head.signature,
    verified,
  };
}

/** migratedThrough → migratedLink for every migration anchor the heads state (0 and nulls: none). */
function anchorsOf(heads: readonly ChainHeadRow[]): Map<number, string> {
  const anchors = new Map<number, string>();
  for (const h of heads) {
    if (h.migratedThrough !== null && h.migratedThrough > 0 && h.migratedLink !== null && !anchors.has(h.migratedThrough)) anchors.set(h.migratedThrough, h.migratedLink);
  }
  return anchors;
}

/**
 * The link before position `n`: the stored record n-1's; the migration anchor when n-1 is the
 * last migrated position; genesis for 1; otherwise unknown (checked when n-1 arrives).
 */
function previousLink(view: ChainView, anchors: ReadonlyMap<number, string>, n: number): string | undefined {
  if (n === 1) return GENESIS_LINK;
  return view.records.get(n - 1)?.link ?? anchors.get(n - 1);
}

/**
 * Which incoming records to insert, and the position conflicts they make. `held` holds the
 * stored records at the incoming positions; `heldPositionById` the stored position of each
 * incoming record id. Identical re-delivery is neither inserted nor a break; a different record
 * at a held position keeps the original.
 */
export function admitChainRecords(
  incoming: readonly ChainRecordRow[],
  held: ReadonlyMap<number, ChainRecordRow>,
  heldPositionById: ReadonlyMap<string, number>,
): { insert: ChainRecordRow[]; breaks: ChainBreak[] } {
  const insert: ChainRecordRow[] = [];
  const breaks: ChainBreak[] = [];
  for (const r of incoming) {
    const original = held.get(r.position);
    if (original !== undefined) {
      if (original.recordId === r.recordId && original.kind === r.kind && original.content === r.content && original.link === r.link) continue;
      const what = original.recordId === r.recordId ? `bản ghi ${r.recordId} với nội dung hoặc liên kết khác` : `bản ghi ${r.recordId}, vị trí đã thuộc về ${original.recordId}`;
      breaks.push({ position: r.position, kind: 'position-conflict', detail: `nhận ${what}` });
      continue;
    }
    const elsewhere = heldPositionById.get(r.recordId);
    if (elsewhere !== undefined && elsewhere !== r.position) {
      breaks.push({ position: r.position, kind: 'position-conflict', detail: `bản ghi ${r.recordId} đã ở vị trí ${elsewhere}` });
      continue;
    }
    insert.push(r);
  }
  return { insert, breaks };
}

/**
 * The breaks visible in `view`: the link of each record at `positions` whose previous link is
 * known, every head and migration anchor whose position holds a record, heads and anchors that
 * disagree with each other. Deterministic order (position, then kind).
 */
export function findBreaks(view: ChainView, positions: Iterable<number>): ChainBreak[] {
  const anchors = anchorsOf(view.heads);
  const found = new Map<string, ChainBreak>();
  const add = (b: ChainBreak) => {
    const key = `${b.position}:${b.kind}`;
    if (!found.has(key)) found.set(key, b);
  };
  for (const n of new Set(positions)) {
    const record = view.records.get(n);
    if (record === undefined) continue;
    const previous = previousLink(view, anchors, n);
    if (previous === undefined) continue;
    if (chainLink(previous, n, record.kind, record.content) !== record.link) {
      add({ position: n, kind: 'link-mismatch', detail: `liên kết của bản ghi ${record.recordId} không khớp với liên kết trước và nội dung` });
    }
  }
  const headLinks = new Map<number, Set<string>>();
  const vouch = (position: number, link: string, what: string) => {
    const links = headLinks.get(position) ?? new Set<string>();
    links.add(link);
    headLinks.set(position, links);
    const record = view.records.get(position);
    if (record !== undefined && record.link !== link) add({ position, kind: 'head-mismatch', detail: `${what} ghi liên kết ${link.slice(0, 12)}…, bản ghi ${record.recordId} có ${record.link.slice(0, 12)}…` });
  };
  for (const h of view.heads) {
    vouch(h.position, h.link, `đầu chuỗi ký lúc ${h.signedAt}`);
    if (h.migratedThrough !== null && h.migratedThrough > 0 && h.migratedLink !== null) vouch(h.migratedThrough, h.migratedLink, `mốc chuyển đổi của đầu chuỗi ${h.position}`);
  }
  for (const [position, links] of headLinks) {
    if (links.size > 1) add({ position, kind: 'head-conflict', detail: `${links.size} liên kết khác nhau được ký cho vị trí này` });
  }
  return [...found.values()].sort(byPositionThenKind);
}

/**
 * The positions to look at after records at `positions` arrived with `heads`: each new record's
 * neighbours (n-1..n+1), every head's position and migration anchor (and the record after it).
 */
export function neighbourhoodOf(positions: Iterable<number>, heads: readonly ChainHeadRow[]): Set<number> {
  const around = new Set<number>();
  for (const n of positions) for (const p of [n - 1, n, n + 1]) if (p >= 1) around.add(p);
  for (const h of heads) {
    around.add(h.position);
    if (h.migratedThrough !== null && h.migratedThrough > 0) {
      around.add(h.migratedThrough);
      around.add(h.migratedThrough + 1);
    }
  }
  return around;
}

/** Ranges of positions from 1 missing among the sorted, distinct `positions`. */
export function gapsBetween(sortedPositions: readonly number[]): PositionGap[] {
  const gaps: PositionGap[] = [];
  let previous = 0;
  for (const p of sortedPositions) {
    if (p > previous + 1) gaps.push({ from: previous + 1, to: p - 1 });
    previous = p;
  }
  return gaps;
}

export interface ChainFacts {
  /** Gaps among the stored record positions, counted from 1 (`gapsBetween`, or the same in SQL). */
  recordGaps: readonly PositionGap[];
  maxRecordPosition: number | null;
  headPosition: number | null;
  migratedThrough: number | null;
  unverifiedHeads: boolean;
  breaks: readonly StoredChainBreak[];
}

/**
 * The report from the facts: gaps only above the migrated history (what came before the chain
 * may have arrived unchained) and up to the highest head or record; verified through the first
 * gap or break. Every stored link was checked as its predecessor arrived (ingest checks each
 * arrival's neighbourhood), so contiguous records without a break are verified ones.
 */
export function chainReport(facts: ChainFacts): DeviceChainReport {
  if (facts.headPosition === null && facts.maxRecordPosition === null) return { ...EMPTY_CHAIN_REPORT, breaks: reportBreaks(facts.breaks) };
  const base = facts.migratedThrough ?? 0;
  const top = Math.max(facts.headPosition ?? 0, facts.maxRecordPosition ?? 0);
  const gaps: PositionGap[] = [];
  for (const g of facts.recordGaps) {
    if (g.to <= base) continue;
    gaps.push({ from: Math.max(g.from, base + 1), to: g.to });
  }
  const lastHeld = Math.max(base, facts.maxRecordPosition ?? 0);
  if (top > lastHeld) gaps.push({ from: lastHeld + 1, to: top });
  let verifiedThrough = gaps[0] === undefined ? lastHeld : gaps[0].from - 1;
  for (const b of facts.breaks) if (b.position <= verifiedThrough) verifiedThrough = b.position - 1;
  return {
    headPosition: facts.headPosition,
    migratedThrough: facts.migratedThrough,
    verifiedThrough: Math.max(0, verifiedThrough),
    gaps,
    breaks: reportBreaks(facts.breaks),
    unverifiedHeads: facts.unverifiedHeads,
  };
}

function reportBreaks(breaks: readonly StoredChainBreak[]) {
  return [...breaks]
    .sort(byPositionThenKind)
    .map((b) => ({ position: b.position, kind: b.kind, detectedAt: b.detectedAt }));
}

/** A device's whole chain as stored: the facts for `chainReport`, and every break visible now. */
export function verifyWholeChain(records: readonly ChainRecordRow[], heads: readonly ChainHeadRow[]): { breaks: ChainBreak[]; facts: Omit<ChainFacts, 'breaks'> } {
  const byPosition = new Map(records.map((r) => [r.position, r]));
  const positions = [...byPosition.keys()].sort((a, b) => a - b);
  return {
    breaks: findBreaks({ records: byPosition, heads }, positions),
    facts: {
      recordGaps: gapsBetween(positions),
      maxRecordPosition: positions.at(-1) ?? null,
      headPosition: heads.length === 0 ? null : Math.max(...heads.map((h) => h.position)),
      migratedThrough: migratedThroughOf(heads),
      unverifiedHeads: heads.some((h) => !h.verified),
    },
  };
}

/** The migrated history's end the heads state (the largest, should they differ). */
export function migratedThroughOf(heads: readonly Pick<ChainHeadRow, 'migratedThrough'>[]): number | null {
  let m: number | null = null;
  for (const h of heads) if (h.migratedThrough !== null) m = Math.max(m ?? 0, h.migratedThrough);
  return m;
}

/** The chained records of a format 2 batch, as central keeps them (none for format 1: unchained history). */
export function chainRecordsOf(batch: SyncBatch): ChainRecordRow[] {
  if (batch.formatVersion !== 2) return [];
  return [
    ...batch.ratings.map((r) => ({ position: r.chainPosition, kind: 'rating' as const, recordId: r.id, link: r.chainLink, content: chainedContent(r) })),
    ...batch.reasonAnswers.map((a) => ({ position: a.chainPosition, kind: 'reason-answer' as const, recordId: a.id, link: a.chainLink, content: chainedContent(a) })),
  ].sort((a, b) => a.position - b.position);
}
