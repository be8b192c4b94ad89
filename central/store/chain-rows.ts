// The record chain's rows as both drivers hand them back (see stored-rows.ts), parsed into the
// shapes central/chain-verification.ts works on. The facts queries of both stores return the
// same columns, so both build the same report.
import { z } from 'zod';
import { chainRecordKinds } from '../../shared/sync/chain';
import { chainBreakKinds, chainReport, type ChainBreak, type ChainHeadRow, type ChainRecordRow, type DeviceChainReport, type StoredChainBreak } from '../chain-verification';
import { dbBoolean, dbInstant, dbInteger, gapRow } from './stored-rows';

const recordRow = z.object({ position: dbInteger, kind: z.enum(chainRecordKinds), record_id: z.string(), link: z.string(), content: z.string() });
const headRow = z.object({
  position: dbInteger,
  link: z.string(),
  migrated_through: dbInteger.nullable(),
  migrated_link: z.string().nullable(),
  signed_at: z.string(),
  signature: z.string(),
  verified: dbBoolean,
});
const breakRow = z.object({ device_id: z.string(), position: dbInteger, kind: z.enum(chainBreakKinds), detail: z.string(), detected_at: dbInstant });

export function toChainRecord(row: unknown): ChainRecordRow {
  const r = recordRow.parse(row);
  return { position: r.position, kind: r.kind, recordId: r.record_id, link: r.link, content: r.content };
}

export function toChainHead(row: unknown): ChainHeadRow {
  const r = headRow.parse(row);
  return { position: r.position, link: r.link, migratedThrough: r.migrated_through, migratedLink: r.migrated_link, signedAt: r.signed_at, signature: r.signature, verified: r.verified };
}

export function toChainBreak(row: unknown): StoredChainBreak & { deviceId: string } {
  const r = breakRow.parse(row);
  return { deviceId: r.device_id, position: r.position, kind: r.kind, detail: r.detail, detectedAt: r.detected_at };
}

/** Heads of `more` not already in `heads` (same position and link). */
export function mergeHeads(heads: readonly ChainHeadRow[], more: readonly ChainHeadRow[]): ChainHeadRow[] {
  const seen = new Set(heads.map((h) => `${h.position}:${h.link}`));
  return [...heads, ...more.filter((h) => !seen.has(`${h.position}:${h.link}`))];
}

export function byPosition(records: readonly ChainRecordRow[]): Map<number, ChainRecordRow> {
  return new Map(records.map((r) => [r.position, r]));
}

/** The chain of a device as stored, for `central verify`. */
export interface StoredChain {
  records: ChainRecordRow[];
  heads: ChainHeadRow[];
  breaks: StoredChainBreak[];
}

export type { ChainBreak };

const headFactsRow = z.object({ device_id: z.string(), head_position: dbInteger.nullable(), migrated_through: dbInteger.nullable(), unverified: dbBoolean });
const recordFactsRow = z.object({ device_id: z.string(), max_position: dbInteger.nullable() });

/**
 * Every device's chain report from three small queries' rows (heads per device, records' highest
 * position per device, gaps between record positions counted from 1) and the stored breaks.
 */
export function toChainReports(headFacts: unknown[], recordFacts: unknown[], gapRows: unknown[], breakRows: unknown[]): Map<string, DeviceChainReport> {
  const devices = new Set<string>();
  const heads = new Map(headFacts.map((row) => headFactsRow.parse(row)).map((r) => [r.device_id, r]));
  const records = new Map(recordFacts.map((row) => recordFactsRow.parse(row)).map((r) => [r.device_id, r]));
  const gaps = new Map<string, { from: number; to: number }[]>();
  for (const g of gapRows.map((row) => gapRow.parse(row))) gaps.set(g.device_id, [...(gaps.get(g.device_id) ?? []), { from: g.gap_from, to: g.gap_to }]);
  const breaks = new Map<string, StoredChainBreak[]>();
  for (const b of breakRows.map(toChainBreak)) breaks.set(b.deviceId, [...(breaks.get(b.deviceId) ?? []), b]);
  for (const id of [...heads.keys(), ...records.keys(), ...breaks.keys()]) devices.add(id);
  const reports = new Map<string, DeviceChainReport>();
  for (const id of devices) {
    const h = heads.get(id);
    reports.set(
      id,
      chainReport({
        recordGaps: (gaps.get(id) ?? []).sort((a, b) => a.from - b.from),
        maxRecordPosition: records.get(id)?.max_position ?? null,
        headPosition: h?.head_position ?? null,
        migratedThrough: h?.migrated_through ?? null,
        unverifiedHeads: h?.unverified ?? false,
        breaks: breaks.get(id) ?? [],
      }),
    );
  }
  return reports;
}
