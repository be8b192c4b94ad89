// Storage incidents at central (issue 12; docs/sync-protocol.md, "Storage incidents"): a
// device's signed declaration that its database was rebuilt and which seq ranges and chain
// positions could not be recovered. Checked with the device's registered key before anything of
// the batch is stored (as the chain head), kept once per device and id, and reported: the
// positions a verified incident declares lost, and that central does not hold, are shown as
// `declaredLost` instead of gaps. A declared loss never hides anything central holds: a held
// position is verified (or broken) as before, whatever an incident says.
import { z } from 'zod';
import { incidentSchema, verifyIncident, type Incident } from '../shared/sync/incident';
import type { DeviceSummary, SyncBatch } from '../shared/sync/wire';
import { CentralRejection } from './rejections';

export const BAD_INCIDENT_DETAIL = 'incidents: chữ ký không hợp lệ';

/** An incident that does not verify with the device's key: the whole batch is refused (HTTP 422 INVALID_BATCH). */
export class IncidentSignatureError extends CentralRejection {
  constructor(readonly deviceId: string, readonly incidentId: string) {
    super('INVALID_BATCH', `${BAD_INCIDENT_DETAIL} (${incidentId})`);
    this.name = 'IncidentSignatureError';
  }
}

/** An incident as it is stored: `verified` false when the device had no registered key. */
export interface IncidentRow {
  incident: Incident;
  verified: boolean;
}

/** The batch's incidents with their standing; throws IncidentSignatureError for one not signed by the device key. */
export async function incidentsStanding(batch: SyncBatch, devicePublicKey: string | null): Promise<IncidentRow[]> {
  if (batch.formatVersion !== 2) return [];
  return checkIncidents(batch.deviceId, batch.incidents ?? [], devicePublicKey);
}

export async function checkIncidents(deviceId: string, incidents: readonly Incident[], devicePublicKey: string | null): Promise<IncidentRow[]> {
  const rows: IncidentRow[] = [];
  for (const incident of incidents) {
    if (devicePublicKey === null) rows.push({ incident, verified: false });
    else if (await verifyIncident(incident, devicePublicKey)) rows.push({ incident, verified: true });
    else throw new IncidentSignatureError(deviceId, incident.id);
  }
  return rows;
}

const dbBoolean = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);
const storedRow = z.object({ device_id: z.string(), record: z.string(), verified: dbBoolean });

/** A stored row (both drivers) back to the incident and its standing. */
export function toIncidentRow(row: unknown): IncidentRow & { deviceId: string } {
  const r = storedRow.parse(row);
  return { deviceId: r.device_id, incident: incidentSchema.parse(JSON.parse(r.record)), verified: r.verified };
}

// --- Reporting -------------------------------------------------------------------------------

export interface Range {
  from: number;
  to: number;
}
const OPEN_END = Number.MAX_SAFE_INTEGER;

/** Sorted, merged (adjacent ranges joined). */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last !== undefined && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const x of normalize(a)) for (const y of normalize(b)) {
    const from = Math.max(x.from, y.from);
    const to = Math.min(x.to, y.to);
    if (from <= to) out.push({ from, to });
  }
  return normalize(out);
}

/** `a` without what `b` covers, keeping `a`'s own ranges apart (gaps stay as listed, only cut). */
export function subtract(a: readonly Range[], b: readonly Range[]): Range[] {
  const cut = normalize(b);
  const out: Range[] = [];
  for (const x of a) {
    let pieces: Range[] = [{ from: x.from, to: x.to }];
    for (const y of cut) {
      pieces = pieces.flatMap((p) => {
        if (y.to < p.from || y.from > p.to) return [p];
        const left = y.from > p.from ? [{ from: p.from, to: y.from - 1 }] : [];
        const right = y.to < p.to ? [{ from: y.to + 1, to: p.to }] : [];
        return [...left, ...right];
      });
    }
    out.push(...pieces);
  }
  return out;
}

/** A device's declared losses as central sees them: only what it does not hold, from verified incidents. */
export interface DeclaredLosses {
  seq: Range[];
  chain: Range[];
}

/**
 * Splits a device's gaps: what verified incidents declare lost leaves `gaps` for `declaredLost`.
 * Not held = a gap, or above everything central knows of (maxSeq; the highest head or the
 * migration anchor). A chain position at or below `migratedThrough` is unchained history, never
 * declared lost.
 */
export function declaredLosses(
  rows: readonly IncidentRow[],
  seq: { gaps: readonly Range[]; maxSeq: number },
  chain: { gaps: readonly Range[]; headPosition: number | null; migratedThrough: number | null },
): { seqGaps: Range[]; chainGaps: Range[]; declaredLost: DeclaredLosses } {
  const verified = rows.filter((r) => r.verified).map((r) => r.incident);
  const declaredSeq = normalize(verified.flatMap((i) => i.lostSeqRanges));
  const declaredChain = normalize(verified.flatMap((i) => i.lostChainRanges));
  const seqNotHeld = [...seq.gaps, { from: seq.maxSeq + 1, to: OPEN_END }];
  const base = chain.migratedThrough ?? 0;
  const top = Math.max(chain.headPosition ?? 0, base);
  const chainNotHeld = intersect([...chain.gaps, { from: top + 1, to: OPEN_END }], [{ from: base + 1, to: OPEN_END }]);
  return {
    seqGaps: subtract(seq.gaps, declaredSeq),
    chainGaps: subtract(chain.gaps, declaredChain),
    declaredLost: { seq: intersect(declaredSeq, seqNotHeld), chain: intersect(declaredChain, chainNotHeld) },
  };
}

export type DeviceIncidentReport = DeviceSummary['incidents'][number];

export function incidentReport(row: IncidentRow): DeviceIncidentReport {
  const { id, kind, detectedAt, lostSeqRanges, lostChainRanges, detail } = row.incident;
  return { id, kind, detectedAt, lostSeqRanges, lostChainRanges, detail, verified: row.verified };
}

/** A summary without incidents, completed with them: incidents newest first, gaps split. */
export function withIncidents(summary: Omit<DeviceSummary, 'incidents' | 'declaredLost'>, rows: readonly IncidentRow[]): DeviceSummary {
  const split = declaredLosses(rows, { gaps: summary.gaps, maxSeq: summary.maxSeq }, summary.chain);
  const newestFirst = [...rows].sort((a, b) => Date.parse(b.incident.detectedAt) - Date.parse(a.incident.detectedAt) || (a.incident.id < b.incident.id ? -1 : 1));
  return {
    ...summary,
    gaps: split.seqGaps,
    chain: { ...summary.chain, gaps: split.chainGaps },
    incidents: newestFirst.map(incidentReport),
    declaredLost: split.declaredLost,
  };
}
