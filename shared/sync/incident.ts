// A storage incident (issue 12): the kiosk's signed statement that its database was damaged and
// rebuilt, and what, if anything, could not be recovered. It travels to central with the next
// batch or sync file, so central shows "declared lost after recovery" instead of an unexplained
// gap in seq or in the record chain. Signed with the chain head of the rebuilt database (the
// head's own Ed25519 signature, shared/sync/chain.ts), so a forged incident cannot excuse a
// deletion: only the device key can declare a loss.
//
// Under "How the format grows" (docs/sync-protocol.md) this is an optional key of format 2
// (`incidents` on a batch and on a sync file manifest): an older central ignores it.
import { z } from 'zod';
import { signText, verifyText } from '../sync-files/signed-file';
import { MAX_CHAIN_POSITION, chainHeadSchema, verifyChainHead } from './chain';

export const incidentKinds = [
  /** The database was found corrupt (at start or by the daily check), quarantined and rebuilt. */
  'database-rebuilt',
  /** The -wal file vanished under the running kiosk: acknowledged ratings may not survive. */
  'wal-lost',
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

const range = (max: number) =>
  z
    .strictObject({ from: z.number().int().min(1).max(max), to: z.number().int().min(1).max(max) })
    .refine((r) => r.from <= r.to, 'from ≤ to');

// Strict: the signature covers exactly these fields (a new field is a new HLINCIDENT version).
export const incidentSchema = z.strictObject({
  id: z.uuid(),
  deviceId: z.uuid(),
  kind: z.enum(incidentKinds),
  detectedAt: z.iso.datetime({ offset: true, precision: 3 }),
  /** Ratings by seq that could not be recovered: declared lost. Empty when nothing was lost. */
  lostSeqRanges: z.array(range(1_000_000_000)).max(100),
  /** Chain positions that could not be recovered (ratings and reason answers alike). */
  lostChainRanges: z.array(range(MAX_CHAIN_POSITION)).max(100),
  /** Where the rebuilt database came from, in plain words for IT (snapshot time, rows salvaged, journal records replayed). */
  detail: z
    .string()
    .min(1)
    .max(1000)
    .refine((d) => !/[\r\n]/.test(d), 'một dòng'),
  /** The rebuilt database's chain head, signed by the device key; `signedAt` ≥ `detectedAt`. */
  chainHead: chainHeadSchema,
  /** Ed25519 by the device key over `incidentMessage(incident)`, base64. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type Incident = z.infer<typeof incidentSchema>;
export type UnsignedIncident = Omit<Incident, 'signature'>;

/** The exact text the device signs (UTF-8): every field but the signature, one a line. */
export function incidentMessage(i: UnsignedIncident): string {
  const ranges = (rs: readonly { from: number; to: number }[]) => rs.map((r) => `${r.from}-${r.to}`).join(',') || '-';
  return ['HLINCIDENT/1', i.id, i.deviceId, i.kind, i.detectedAt, ranges(i.lostSeqRanges), ranges(i.lostChainRanges), i.detail, i.chainHead.position, i.chainHead.link, i.chainHead.signature, ''].join('\n');
}

export async function signIncident(incident: UnsignedIncident, devicePrivateKey: string | CryptoKey): Promise<Incident> {
  return { ...incident, signature: await signText(devicePrivateKey, incidentMessage(incident)) };
}

/** True when both the incident and its chain head are signed by the device key. */
export async function verifyIncident(incident: Incident, devicePublicKey: string): Promise<boolean> {
  const { signature, ...unsigned } = incident;
  return (await verifyText(devicePublicKey, incidentMessage(unsigned), signature)) && verifyChainHead(incident.chainHead, devicePublicKey);
}
