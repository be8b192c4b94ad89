// The sync wire format: what a kiosk sends to central and what central answers, over HTTP
// (issue: sync) and in sync files on a USB stick (issue: IT staff). One schema, one serializer.
// docs/sync-protocol.md describes the same thing for people; its examples are parsed in tests.
import { z } from 'zod';
import { isLevelOnScale, scaleIdSchema } from '../scales';
import { chainFieldsShape, chainHeadSchema, chainPositionSchema } from './chain';
import { incidentSchema, type Incident } from './incident';
import { kioskDirectorySchema } from './directory';
import { kioskHealthRecordSchema } from './health-record';

/**
 * The format this code writes. Format 2 (issue 11) adds the record chain: each record carries
 * `chainPosition`/`chainLink`, each batch the signed `chainHead`; and from format 2 on, a
 * receiver ignores object keys it does not know (see "How the format grows" in
 * docs/sync-protocol.md). Format 1 stays exactly as shipped: unknown keys refused.
 */
export const WIRE_FORMAT_VERSION = 2;
/** Every format central accepts, oldest first: a province upgrades central before its kiosks. */
export const WIRE_FORMAT_VERSIONS = [1, 2] as const;
export type WireFormatVersion = (typeof WIRE_FORMAT_VERSIONS)[number];
export const MAX_BATCH_RATINGS = 500;
/** Storage incidents one batch or sync file may carry (issue 12); more wait for the next. */
export const MAX_BATCH_INCIDENTS = 20;
/** Uncompressed JSON size limit of one batch body. */
export const MAX_BATCH_BYTES = 512 * 1024;
/** Largest `seq` (and seqFrom/seqTo): one rating a second for 30 years stays below it. */
export const MAX_SEQ = 1_000_000_000;

const uuid = z.uuid();
// No control characters (they print badly in reports, and PostgreSQL text cannot hold NUL) and
// no lone UTF-16 surrogates (not encodable as UTF-8): SQLite and PostgreSQL then store the same.
const controlOrLoneSurrogate = /\p{Cc}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const text = (max: number) =>
  z.string().min(1).max(max).refine((s) => !controlOrLoneSurrogate.test(s), 'chứa ký tự điều khiển hoặc UTF-16 không hợp lệ');
const code = text(64);
const isoWithOffset = z.iso.datetime({ offset: true, precision: 3 });

/** One rating on the wire. Field for field the kiosk's `ratings` row, in camelCase. */
const wireRatingShape = {
  id: uuid,
  deviceId: uuid,
  seq: z.number().int().positive().max(MAX_SEQ),
  createdAt: isoWithOffset,
  localDay: z.iso.date(),
  scale: scaleIdSchema,
  level: z.number().int().min(1).max(5),
  officerId: code.nullable(),
  serviceCode: code.nullable(),
  dossierCode: text(100).nullable(),
  reasons: z.array(text(200)).max(20),
  /**
   * The kiosk's flags (shared/rating-flags.ts: 'cooldown', 'burst', 'suspected_misuse' mark
   * suspected misuse; 'clock_went_backwards' is information). Deliberately an open list of short
   * strings: a newer kiosk's new flag must never make an older central refuse its batch.
   */
  flags: z.array(text(64)).max(20),
  appVersion: text(40),
  bootId: uuid,
};
/** A rating in format 1: exactly these keys. Also the fields every format carries. */
export const wireRatingSchema = z.strictObject(wireRatingShape);
export type WireRating = z.infer<typeof wireRatingSchema>;
/** A rating in format 2: format 1's keys, its place in the device's chain, and any key a newer kiosk added (kept: the chain covers it). */
export const chainedWireRatingSchema = z.looseObject({ ...wireRatingShape, ...chainFieldsShape });
export type ChainedWireRating = z.infer<typeof chainedWireRatingSchema>;

/**
 * The reasons a citizen gave after a negative rating ("lý do không hài lòng"). The rating was
 * stored and may already be synced when the citizen picks reasons, and a rating never changes
 * on the wire; so the answer is its own append-only record, with its own id, pointing at the
 * rating. Each reason carries its code (for counting) and its Vietnamese label at that moment
 * (the same whatever language the citizen read, so reports read alike).
 */
const wireReasonAnswerShape = {
  id: uuid,
  deviceId: uuid,
  ratingId: uuid,
  createdAt: isoWithOffset,
  reasons: z
    .array(z.strictObject({ code, label: text(200) }))
    .min(1)
    .max(20),
};
export const wireReasonAnswerSchema = z.strictObject(wireReasonAnswerShape);
export type WireReasonAnswer = z.infer<typeof wireReasonAnswerSchema>;
/** A reason answer in format 2 (as for ratings: chain fields, unknown keys kept). Reason answers have no seq: the chain position orders them with the ratings. */
export const chainedWireReasonAnswerSchema = z.looseObject({
  ...wireReasonAnswerShape,
  reasons: z
    .array(z.looseObject({ code, label: text(200) }))
    .min(1)
    .max(20),
  ...chainFieldsShape,
});
export type ChainedWireReasonAnswer = z.infer<typeof chainedWireReasonAnswerSchema>;

const batchShape = {
  deviceId: uuid,
  batchId: uuid,
  /** The seq range of `ratings`; null when the batch carries reason answers only. */
  seqFrom: z.number().int().positive().max(MAX_SEQ).nullable(),
  seqTo: z.number().int().positive().max(MAX_SEQ).nullable(),
  /** The kiosk's clock when it sent the batch: central derives the clock offset from it. */
  sentAt: isoWithOffset,
  appVersion: text(40),
};

/** Format 1, as shipped: exactly these keys. */
export const syncBatchV1Schema = z.strictObject({
  formatVersion: z.literal(1),
  ...batchShape,
  ratings: z.array(wireRatingSchema).max(MAX_BATCH_RATINGS),
  /** Added after format 1 shipped its first batches: absent means none. */
  reasonAnswers: z.array(wireReasonAnswerSchema).max(MAX_BATCH_RATINGS).default([]),
});

/** Format 2: chained records and the device's signed chain head; unknown keys ignored. */
export const syncBatchV2Schema = z.looseObject({
  formatVersion: z.literal(2),
  ...batchShape,
  ratings: z.array(chainedWireRatingSchema).max(MAX_BATCH_RATINGS),
  reasonAnswers: z.array(chainedWireReasonAnswerSchema).max(MAX_BATCH_RATINGS),
  chainHead: chainHeadSchema,
  /** The device's signed storage incidents not yet acknowledged (issue 12): absent means none. */
  incidents: z.array(incidentSchema).max(MAX_BATCH_INCIDENTS).optional(),
  /**
   * The kiosk's directory (issue 16, shared/sync/directory.ts) when it changed since central last
   * acknowledged it: absent means "unchanged" (or a kiosk that predates it), never "empty".
   */
  directory: kioskDirectorySchema.optional(),
  /**
   * The kiosk's health record (issue 16, shared/sync/health-record.ts). Read apart from the batch
   * (`readHealthRecord`): a health record off its schema is refused alone, never the batch's records.
   */
  health: z.unknown().optional(),
});

export const syncBatchSchema = z
  .discriminatedUnion('formatVersion', [syncBatchV1Schema, syncBatchV2Schema])
  .superRefine((batch, ctx) => {
    // A format 2 batch may carry only the kiosk's directory or health record (issue 16): the
    // directory changed, or the heartbeat is due, and no record is pending. Anything else needs a record.
    const directoryOnly = batch.formatVersion === 2 && (batch.directory !== undefined || batch.health !== undefined);
    if (batch.ratings.length + batch.reasonAnswers.length === 0 && !directoryOnly) ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'empty batch' });
    if ((batch.seqFrom === null) !== (batch.ratings.length === 0) || (batch.seqTo === null) !== (batch.ratings.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['seqFrom'], message: 'seqFrom/seqTo are null exactly when there are no ratings' });
    }
    if (batch.seqFrom !== null && batch.seqTo !== null && batch.seqFrom > batch.seqTo) ctx.addIssue({ code: 'custom', path: ['seqTo'], message: 'seqTo before seqFrom' });
    const ids = new Set<string>();
    const seqs = new Set<number>();
    for (const [i, r] of batch.ratings.entries()) {
      if (r.level >= 1 && r.level <= 5 && !isLevelOnScale(r.scale, r.level)) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'level'], message: 'level not on the scale' });
      if (seqs.has(r.seq)) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'seq'], message: 'seq repeated in batch' });
      seqs.add(r.seq);
      if (r.deviceId !== batch.deviceId) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'deviceId'], message: 'not the batch device' });
      if (batch.seqFrom === null || batch.seqTo === null || r.seq < batch.seqFrom || r.seq > batch.seqTo) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'seq'], message: 'outside seqFrom..seqTo' });
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'id'], message: 'id repeated in batch' });
      ids.add(r.id);
      // The kiosk writes both from one instant in the office's time zone: the day is createdAt's
      // own date, in createdAt's own offset (its first 10 characters).
      if (typeof r.createdAt === 'string' && typeof r.localDay === 'string' && r.localDay !== r.createdAt.slice(0, 10)) {
        ctx.addIssue({ code: 'custom', path: ['ratings', i, 'localDay'], message: 'localDay is not the date of createdAt' });
      }
    }
    for (const [i, a] of batch.reasonAnswers.entries()) {
      if (a.deviceId !== batch.deviceId) ctx.addIssue({ code: 'custom', path: ['reasonAnswers', i, 'deviceId'], message: 'not the batch device' });
      if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['reasonAnswers', i, 'id'], message: 'id repeated in batch' });
      ids.add(a.id);
      if (new Set(a.reasons.map((r) => r.code)).size !== a.reasons.length) ctx.addIssue({ code: 'custom', path: ['reasonAnswers', i, 'reasons'], message: 'reason code repeated' });
    }
    if (batch.formatVersion === 2) checkChainFields(batch, ctx);
  });
export type SyncBatch = z.infer<typeof syncBatchSchema>;
export type SyncBatchV1 = z.infer<typeof syncBatchV1Schema>;
export type SyncBatchV2 = z.infer<typeof syncBatchV2Schema>;

/** Format 2: the head is this device's, no position twice, none beyond the head. */
function checkChainFields(batch: Pick<SyncBatchV2, 'deviceId' | 'ratings' | 'reasonAnswers' | 'chainHead' | 'incidents'>, ctx: z.RefinementCtx): void {
  if (batch.chainHead.deviceId !== batch.deviceId) ctx.addIssue({ code: 'custom', path: ['chainHead', 'deviceId'], message: 'not the batch device' });
  checkIncidents(batch.incidents, batch.deviceId, 'not the batch device', ctx);
  const positions = new Set<number>();
  for (const [list, records] of [['ratings', batch.ratings], ['reasonAnswers', batch.reasonAnswers]] as const) {
    for (const [i, r] of records.entries()) {
      if (positions.has(r.chainPosition)) ctx.addIssue({ code: 'custom', path: [list, i, 'chainPosition'], message: 'chainPosition repeated in batch' });
      positions.add(r.chainPosition);
      if (r.chainPosition > batch.chainHead.position) ctx.addIssue({ code: 'custom', path: [list, i, 'chainPosition'], message: 'beyond chainHead.position' });
    }
  }
}
/** Incidents (batch or sync file manifest): each of the sending device, each id once, each signed with a head of that device. */
export function checkIncidents(incidents: readonly Incident[] | undefined, deviceId: string, message: string, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  for (const [i, incident] of (incidents ?? []).entries()) {
    if (incident.deviceId !== deviceId) ctx.addIssue({ code: 'custom', path: ['incidents', i, 'deviceId'], message });
    if (incident.chainHead.deviceId !== deviceId) ctx.addIssue({ code: 'custom', path: ['incidents', i, 'chainHead', 'deviceId'], message });
    if (ids.has(incident.id)) ctx.addIssue({ code: 'custom', path: ['incidents', i, 'id'], message: 'incident repeated' });
    ids.add(incident.id);
  }
}
/** A batch as the kiosk builds it (reasonAnswers may be left out). */
export type SyncBatchInput = z.input<typeof syncBatchSchema>;

/** Central's answer. Every record id of the batch (ratings and reason answers) appears in exactly one list. */
export const syncAckSchema = z.strictObject({
  batchId: uuid,
  /** Stored now, for the first time. */
  accepted: z.array(uuid),
  /** Already stored with identical content (a retry): as good as accepted. */
  duplicate: z.array(uuid),
  /** Already stored with different content: central kept the original. */
  conflicts: z.array(z.strictObject({ id: uuid, reason: z.string().max(200) })),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type SyncAck = z.infer<typeof syncAckSchema>;

/** Why central refused a whole request (status 4xx/5xx). */
export const syncRejectionCodes = [
  'MALFORMED', // 400: not gzip, not JSON, Idempotency-Key missing or not the batchId
  'INVALID_BATCH', // 422: JSON that does not match syncBatchSchema
  'UNAUTHENTICATED', // 401: missing or unknown device token
  'DEVICE_REVOKED', // 403: the device was revoked
  'DEVICE_MISMATCH', // 403: the token belongs to another device
  'TOO_LARGE', // 413: body over the limit, or more than MAX_BATCH_RATINGS ratings or reason answers
  'UNSUPPORTED_FORMAT', // 422: formatVersion not understood
  'RATE_LIMITED', // 429
  'SERVER_ERROR', // 5xx
] as const;
export const syncRejectionSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(syncRejectionCodes), message: z.string(), detail: z.string().optional() }),
});
export type SyncRejection = z.infer<typeof syncRejectionSchema>;
export type SyncRejectionCode = (typeof syncRejectionCodes)[number];

/** Every id the ack mentions, with a check that it answers exactly this batch. */
export function ackCoversBatch(batch: Pick<SyncBatchInput, 'batchId' | 'ratings' | 'reasonAnswers'>, ack: SyncAck): boolean {
  if (ack.batchId !== batch.batchId) return false;
  const sent = new Set([...batch.ratings.map((r) => r.id), ...(batch.reasonAnswers ?? []).map((a) => a.id)]);
  const answered = [...ack.accepted, ...ack.duplicate, ...ack.conflicts.map((c) => c.id)];
  return answered.length === sent.size && new Set(answered).size === sent.size && answered.every((id) => sent.has(id));
}

/** How a device's record chain can break (central/chain-verification.ts says when each is found). */
export const chainBreakKinds = ['link-mismatch', 'position-conflict', 'head-mismatch', 'head-conflict'] as const;

const positionRange = z.strictObject({ from: chainPositionSchema, to: chainPositionSchema });
const seqRange = z.strictObject({ from: z.number().int().positive(), to: z.number().int().positive() });
/** What central knows of a device's record chain; all empty (nulls, 0) for a device that never sent format 2. */
export const deviceChainSchema = z.strictObject({
  /** The highest position a signed head states. */
  headPosition: chainPositionSchema.nullable(),
  /** The end of the history the kiosk chained when it upgraded (records up to it may have come unchained, in format 1). */
  migratedThrough: z.number().int().nonnegative().nullable(),
  /** Every position up to here is held (or migrated history) and linked without a break. */
  verifiedThrough: z.number().int().nonnegative(),
  /** Positions above migratedThrough, up to the highest head or record, that central never received and no verified incident declares lost. */
  gaps: z.array(positionRange),
  breaks: z.array(z.strictObject({ position: chainPositionSchema, kind: z.enum(chainBreakKinds), detectedAt: z.iso.datetime({ offset: true }) })),
  /** Some head arrived while the device had no registered public key: its signature was not checked. */
  unverifiedHeads: z.boolean(),
});

/** A device's newest health record as central keeps it: the kiosk's record and what central learnt on arrival. */
export const deviceHealthSchema = z.strictObject({
  record: z.strictObject(kioskHealthRecordSchema.shape),
  /** When central received it (central's clock). */
  receivedAt: z.iso.datetime({ offset: true }),
  /** `http`: in a batch; `sync-file`: in an imported sync file (carried later: no clock drift). */
  via: z.enum(['http', 'sync-file']),
  /** The kiosk's clock minus central's at arrival (ms; positive: the kiosk runs ahead, transit included); null for a sync file. */
  clockDriftMs: z.number().int().nullable(),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

export const deviceSummarySchema = z.strictObject({
  deviceId: uuid,
  officeCode: z.string().min(1),
  counter: z.number().int().positive(),
  label: z.string().nullable(),
  revoked: z.boolean(),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  appVersion: z.string().nullable(),
  clockOffsetMs: z.number().int().nullable(),
  ratingCount: z.number().int().nonnegative(),
  maxSeq: z.number().int().nonnegative(),
  /** Inclusive seq ranges below maxSeq that central never received and no verified incident declares lost. */
  gaps: z.array(seqRange),
  /** The device's record chain as central verified it (docs/sync-protocol.md, "Record chain"). */
  chain: deviceChainSchema,
  /** The storage incidents the device declared (docs/sync-protocol.md, "Storage incidents"), newest first. */
  incidents: z.array(
    z.strictObject({
      id: uuid,
      kind: z.string().min(1),
      detectedAt: z.iso.datetime({ offset: true }),
      lostSeqRanges: z.array(seqRange),
      lostChainRanges: z.array(positionRange),
      detail: z.string(),
      /** False when the device had no registered public key: its losses stay gaps. */
      verified: z.boolean(),
    }),
  ),
  /** What verified incidents declare lost and central does not hold: left out of `gaps` and `chain.gaps`. */
  declaredLost: z.strictObject({ seq: z.array(seqRange), chain: z.array(positionRange) }),
  /** The device's newest health record (issue 16, docs/sync-protocol.md "The kiosk's health record"); null before the first. Absent from a central that predates it. */
  health: deviceHealthSchema.nullable().optional(),
  /** Health records central could not read (off the schema: an older or newer kiosk); null when none. The batches' records were stored all the same. */
  healthRefused: z.strictObject({ count: z.number().int().positive(), lastAt: z.iso.datetime({ offset: true }), detail: z.string() }).nullable().optional(),
});
export const devicesResponseSchema = z.strictObject({ devices: z.array(deviceSummarySchema) });
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

export const healthSchema = z.strictObject({
  status: z.literal('ok'),
  storage: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  time: z.iso.datetime({ offset: true }),
});

/**
 * The rating's content in one canonical form (fixed key order), so that "same id, same
 * content" is a byte comparison at central and in sync files.
 */
export function canonicalRatingJson(r: WireRating): string {
  const ordered: WireRating = {
    id: r.id,
    deviceId: r.deviceId,
    seq: r.seq,
    createdAt: r.createdAt,
    localDay: r.localDay,
    scale: r.scale,
    level: r.level,
    officerId: r.officerId,
    serviceCode: r.serviceCode,
    dossierCode: r.dossierCode,
    reasons: r.reasons,
    flags: r.flags,
    appVersion: r.appVersion,
    bootId: r.bootId,
  };
  return JSON.stringify(ordered);
}

/** The reason answer's content in one canonical form, as `canonicalRatingJson` for ratings. */
export function canonicalReasonAnswerJson(a: WireReasonAnswer): string {
  const ordered: WireReasonAnswer = {
    id: a.id,
    deviceId: a.deviceId,
    ratingId: a.ratingId,
    createdAt: a.createdAt,
    reasons: a.reasons.map((r) => ({ code: r.code, label: r.label })),
  };
  return JSON.stringify(ordered);
}
