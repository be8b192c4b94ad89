// "Tình trạng thiết bị" over HTTP (issue 17): GET /api/v1/fleet answers every device the signed-in
// account may see with what IT judges a kiosk by — its last contact, version, backlog and clock
// from its newest health record, its gaps, declared losses and chain breaks — and central's
// verdict on each (silent, out of date) by the rules of shared/fleet-health.ts. Central parses its
// answer with these schemas before sending and the page parses it on arrival.
import { z } from 'zod';
import { unitCodeSchema } from './central-units';
import { kioskHealthRecordSchema } from './sync/health-record';
import { deviceChainSchema, deviceSummarySchema } from './sync/wire';

const at = z.iso.datetime({ offset: true });

/** `?unit=CODE`: that unit and every unit below it; absent: everything the account may see. */
export const fleetQuerySchema = z.strictObject({ unit: unitCodeSchema.optional() });
export type FleetQuery = z.infer<typeof fleetQuerySchema>;

export const fleetDeviceSchema = z.strictObject({
  deviceId: z.uuid(),
  officeCode: z.string().min(1),
  /** The office's name from the directory its kiosks sent; null before any did. */
  officeName: z.string().nullable(),
  /** The unit the office is placed under; null: not placed yet (only a province admin sees those). */
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  counter: z.number().int().positive(),
  label: z.string().nullable(),
  revoked: z.boolean(),
  /** The newest contact: a batch, a heartbeat or an imported sync file (central's clock); null: never. */
  lastContactAt: at.nullable(),
  /** Whole working days since that contact's local day (shared/fleet-health.ts); null: never in contact. */
  workingDaysSilent: z.number().int().nonnegative().nullable(),
  /** Never in contact, or silent at least the province's threshold; never a revoked device (it is meant to be silent). */
  silent: z.boolean(),
  /** The newest health record's version, else the newest batch's. */
  appVersion: z.string().nullable(),
  /** Older than the newest version seen in the province. */
  outdated: z.boolean(),
  /** What the kiosk still holds back (its newest health record); null: no health record yet. */
  pending: kioskHealthRecordSchema.shape.pending.nullable(),
  /** The kiosk's clock minus central's (ms, positive: ahead) at the newest health record by HTTP; null otherwise. */
  clockDriftMs: z.number().int().nullable(),
  /** When that health record arrived, and how. */
  healthReceivedAt: at.nullable(),
  healthVia: z.enum(['http', 'sync-file']).nullable(),
  ratingCount: z.number().int().nonnegative(),
  maxSeq: z.number().int().nonnegative(),
  seqGaps: deviceSummarySchema.shape.gaps,
  missingSeqs: z.number().int().nonnegative(),
  chainGaps: deviceChainSchema.shape.gaps,
  chainGapPositions: z.number().int().nonnegative(),
  chainBreaks: deviceChainSchema.shape.breaks,
  declaredLost: deviceSummarySchema.shape.declaredLost,
  /** Storage incidents the kiosk declared (verified or not). */
  incidents: z.number().int().nonnegative(),
});
export type FleetDevice = z.infer<typeof fleetDeviceSchema>;

export const fleetUnitSchema = z.strictObject({ code: z.string().min(1), name: z.string(), parentCode: z.string().nullable() });

export const fleetResponseSchema = z.strictObject({
  /** Central's clock when it judged (the page shows "n ngày" against it, not the browser's). */
  at,
  /** The province's threshold (CENTRAL_SILENT_DAYS). */
  silentWorkingDays: z.number().int().positive(),
  /** The newest app version at least two devices of the province run (shared/fleet-health.ts; all the province's, not only the account's). */
  newestAppVersion: z.string().nullable(),
  /** The filter asked for; null: everything the account may see. */
  unit: z.string().nullable(),
  /** The units the account may filter by (a unit viewer: theirs and those below them). */
  units: z.array(fleetUnitSchema),
  devices: z.array(fleetDeviceSchema),
});
export type FleetResponse = z.infer<typeof fleetResponseSchema>;
