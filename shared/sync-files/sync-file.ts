// The sync file (.hlsync): a kiosk's pending ratings and reason answers on a USB stick, signed
// by the device key. Header = the manifest; payload = gzip of one JSON object
// {"ratings":[…],"reasonAnswers":[…]} of wire records (the same schemas and canonical
// serializers as HTTP sync). See docs/sync-protocol.md, "Sync files (USB)".
import { z } from 'zod';
import { isLevelOnScale } from '../scales';
import { canonicalJson, chainHeadSchema, type ChainHead } from '../sync/chain';
import { incidentSchema, type Incident } from '../sync/incident';
import { kioskDirectorySchema, type KioskDirectory } from '../sync/directory';
import {
  canonicalRatingJson,
  canonicalReasonAnswerJson,
  chainedWireRatingSchema,
  chainedWireReasonAnswerSchema,
  checkIncidents,
  MAX_BATCH_INCIDENTS,
  wireRatingSchema,
  wireReasonAnswerSchema,
  type ChainedWireRating,
  type ChainedWireReasonAnswer,
  type WireRating,
  type WireReasonAnswer,
} from '../sync/wire';
import { refuse } from './rejections';
import { encodeSignedFile, FILE_FORMAT_VERSION, fromUtf8, parseSignedFile, sha256Hex, utf8, verifySignature } from './signed-file';

export const SYNC_FILE_EXTENSION = '.hlsync';
/** A decompression bomb signed by a real device key still must not fill central's memory. */
export const MAX_SYNC_PAYLOAD_JSON_BYTES = 256 * 1024 * 1024;

const uuid = z.uuid();
const iso = z.iso.datetime({ offset: true });

export const syncFileHealthSchema = z.strictObject({
  appVersion: z.string().min(1).max(40),
  /** Ratings central had not acknowledged when the file was written (all in this file, or more). */
  pendingCount: z.number().int().nonnegative(),
  /** The same for reason answers. */
  pendingReasonAnswers: z.number().int().nonnegative(),
  /** `PRAGMA integrity_check`: "ok" or the first problems it reported. */
  integrityCheck: z.string().min(1).max(2000),
  /** The kiosk's clock at export: compare with the import time to spot a drifting clock. */
  clock: iso,
  lastBootAt: iso.nullable(),
});
export type SyncFileHealth = z.infer<typeof syncFileHealthSchema>;

/**
 * The manifest's format, as the batch's (docs/sync-protocol.md, "How the format grows"): 1 as
 * shipped (exactly these keys, records without chain); 2 adds the device's signed `chainHead`,
 * chained records in the payload, and ignores keys it does not know. The container stays
 * `HLSYNC/1`. Other file kinds (ack, provisioning, enrollment, PIN reset) stay at format 1.
 */
export const SYNC_FILE_FORMAT_VERSIONS = [1, 2] as const;

const manifestShape = {
    kind: z.literal('ratings'),
    deviceId: uuid,
    officeCode: z.string().min(1).max(64).nullable(),
    counter: z.number().int().positive(),
    /** 1, 2, 3, … per kiosk: central refuses a number it has already seen (REPLAYED). */
    fileNumber: z.number().int().positive(),
    // The ratings: their seq range, number and time span. A file of reason answers only (their
    // ratings were acknowledged before) has count 0 and nulls, so no field pretends a range.
    seqFrom: z.number().int().positive().nullable(),
    seqTo: z.number().int().positive().nullable(),
    count: z.number().int().nonnegative(),
    firstCreatedAt: iso.nullable(),
    lastCreatedAt: iso.nullable(),
    reasonAnswerCount: z.number().int().nonnegative(),
    createdAt: iso,
    payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
    payloadBytes: z.number().int().positive(),
    health: syncFileHealthSchema,
};

export const syncFileManifestSchema = z
  .discriminatedUnion('formatVersion', [
    z.strictObject({ formatVersion: z.literal(FILE_FORMAT_VERSION), ...manifestShape }),
    z.looseObject({ formatVersion: z.literal(2), ...manifestShape, chainHead: chainHeadSchema, incidents: z.array(incidentSchema).max(MAX_BATCH_INCIDENTS).optional() }),
  ])
  .superRefine((m, ctx) => {
    if (m.count + m.reasonAnswerCount === 0) ctx.addIssue({ code: 'custom', path: ['count'], message: 'empty sync file' });
    const span = [m.seqFrom, m.seqTo, m.firstCreatedAt, m.lastCreatedAt];
    if (span.some((v) => (v === null) !== (m.count === 0))) {
      ctx.addIssue({ code: 'custom', path: ['seqFrom'], message: 'seqFrom, seqTo, firstCreatedAt, lastCreatedAt are null exactly when count is 0' });
    }
    if (m.seqFrom !== null && m.seqTo !== null && m.seqFrom > m.seqTo) ctx.addIssue({ code: 'custom', path: ['seqTo'], message: 'seqTo before seqFrom' });
    if (m.formatVersion === 2 && m.chainHead.deviceId !== m.deviceId) ctx.addIssue({ code: 'custom', path: ['chainHead', 'deviceId'], message: 'not the file device' });
    if (m.formatVersion === 2) checkIncidents(m.incidents, m.deviceId, 'not the file device', ctx);
  });
export type SyncFileManifest = z.infer<typeof syncFileManifestSchema>;

type RatingsSpan = Pick<SyncFileManifest, 'seqFrom' | 'seqTo' | 'count' | 'firstCreatedAt' | 'lastCreatedAt'>;

type ManifestFacts = Omit<z.infer<z.ZodObject<typeof manifestShape>>, 'kind' | keyof RatingsSpan | 'reasonAnswerCount' | 'payloadSha256' | 'payloadBytes'>;
/** What the exporting kiosk states; with `chainHead` (and chained records) the file is format 2. */
export type SyncFileFacts = ManifestFacts & { chainHead?: ChainHead; incidents?: Incident[] };

/** What a sync file carries: the payload, parsed (format 2: the records carry their chain fields). */
export interface SyncFileRecords {
  ratings: (WireRating | ChainedWireRating)[];
  reasonAnswers: (WireReasonAnswer | ChainedWireReasonAnswer)[];
  /** Format 2 only (issue 16): the kiosk's directory when it changed since central acknowledged it. In the payload: with photos it can outgrow the header's 64 KiB. */
  directory?: KioskDirectory | undefined;
  /**
   * Format 2 only (issue 16): the kiosk's health record (shared/sync/health-record.ts) at export.
   * Read by central on its own (`readHealthRecord`): one off the schema never refuses the file.
   */
  health?: unknown;
}

const syncFilePayloadSchemas = {
  1: z.strictObject({ ratings: z.array(wireRatingSchema), reasonAnswers: z.array(wireReasonAnswerSchema) }),
  2: z.looseObject({ ratings: z.array(chainedWireRatingSchema), reasonAnswers: z.array(chainedWireReasonAnswerSchema), directory: kioskDirectorySchema.optional(), health: z.unknown().optional() }),
} as const;

export interface SyncFileContent extends SyncFileRecords {
  manifest: SyncFileManifest;
}

/**
 * Builds and signs a sync file. The manifest's ranges and counts are derived from the records.
 * At least one record of either kind: an empty file would only cost a file number.
 */
export async function buildSyncFile(facts: SyncFileFacts, records: Readonly<SyncFileRecords>, privateKey: CryptoKey): Promise<{ bytes: Uint8Array; manifest: SyncFileManifest }> {
  const { ratings, reasonAnswers } = records;
  if (ratings.length + reasonAnswers.length === 0) throw new Error('a sync file needs at least one rating or reason answer');
  const chained = facts.chainHead !== undefined;
  // Format 1: canonical by hand (fixed key order, canonical records), as the HTTP batch body is.
  // Format 2: each record in canonical JSON (sorted keys), chain fields included.
  const rating = chained ? canonicalJson : canonicalRatingJson;
  const answer = chained ? canonicalJson : canonicalReasonAnswerJson;
  const directory = chained && records.directory !== undefined ? `,"directory":${canonicalJson(records.directory)}` : '';
  const health = chained && records.health !== undefined ? `,"health":${canonicalJson(records.health)}` : '';
  const json = `{"ratings":[${ratings.map((r) => rating(r as ChainedWireRating)).join(',')}],"reasonAnswers":[${reasonAnswers.map((a) => answer(a as ChainedWireReasonAnswer)).join(',')}]${directory}${health}}`;
  const payload = await gzip(utf8(json));
  const manifest = syncFileManifestSchema.parse({
    formatVersion: chained ? 2 : FILE_FORMAT_VERSION,
    kind: 'ratings',
    ...facts,
    ...ratingsSpan(ratings),
    reasonAnswerCount: reasonAnswers.length,
    payloadSha256: await sha256Hex(payload),
    payloadBytes: payload.length,
  });
  return { bytes: await encodeSignedFile('HLSYNC', manifest, payload, privateKey), manifest };
}

/** The manifest alone, before any key is known: central needs the deviceId to find the key. */
export function readSyncFileManifest(bytes: Uint8Array): SyncFileManifest {
  const parts = parseSignedFile(bytes, 'HLSYNC');
  return parseManifest(parts.header);
}

/**
 * Every check but the device's standing at central: structure, manifest schema, payload hash,
 * signature with `devicePublicKey` (looked up by the caller from the manifest's deviceId), the
 * payload's ratings, and their agreement with the manifest.
 */
export async function verifySyncFile(bytes: Uint8Array, devicePublicKey: (manifest: SyncFileManifest) => Promise<CryptoKey>): Promise<SyncFileContent> {
  const parts = parseSignedFile(bytes, 'HLSYNC');
  const manifest = parseManifest(parts.header);
  const key = await devicePublicKey(manifest);
  // Hash first: damage to the payload on the stick then reads as what it is.
  if ((await sha256Hex(parts.payload)) !== manifest.payloadSha256) throw refuse('HASH_MISMATCH', `payloadSha256 ${manifest.payloadSha256}`);
  if (!(await verifySignature(key, parts))) throw refuse('BAD_SIGNATURE', `thiết bị ${manifest.deviceId}`);
  const records = await parsePayload(parts.payload, manifest.formatVersion);
  checkAgainstManifest(manifest, records);
  return { manifest, ...records };
}

function parseManifest(header: unknown): SyncFileManifest {
  const version = (header as { formatVersion?: unknown }).formatVersion;
  if (!(SYNC_FILE_FORMAT_VERSIONS as readonly unknown[]).includes(version)) throw refuse('UNSUPPORTED_FORMAT', `formatVersion ${JSON.stringify(version)?.slice(0, 20)}`);
  const parsed = syncFileManifestSchema.safeParse(header);
  if (!parsed.success) throw refuse('MALFORMED', `manifest: ${issueText(parsed.error)}`);
  return parsed.data;
}

async function parsePayload(payload: Uint8Array, formatVersion: SyncFileManifest['formatVersion']): Promise<SyncFileRecords> {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(await gunzip(payload, MAX_SYNC_PAYLOAD_JSON_BYTES)));
  } catch (error) {
    throw refuse('MALFORMED', `nội dung không giải nén hoặc không đọc được: ${error instanceof Error ? error.message.slice(0, 200) : ''}`);
  }
  const parsed = syncFilePayloadSchemas[formatVersion].safeParse(json);
  if (!parsed.success) throw refuse('MALFORMED', `đánh giá hoặc lý do không hợp lệ: ${issueText(parsed.error)}`);
  return parsed.data;
}

/** The manifest's description of these ratings; nulls (and count 0) when there are none. */
function ratingsSpan(ratings: readonly WireRating[]): RatingsSpan {
  let seqFrom: number | null = null;
  let seqTo: number | null = null;
  let first: WireRating | undefined;
  let last: WireRating | undefined;
  for (const r of ratings) {
    seqFrom = Math.min(seqFrom ?? r.seq, r.seq);
    seqTo = Math.max(seqTo ?? r.seq, r.seq);
    // By instant, not by seq: a clock that went backwards makes the two orders differ.
    if (first === undefined || Date.parse(r.createdAt) < Date.parse(first.createdAt)) first = r;
    if (last === undefined || Date.parse(r.createdAt) > Date.parse(last.createdAt)) last = r;
  }
  return { seqFrom, seqTo, count: ratings.length, firstCreatedAt: first?.createdAt ?? null, lastCreatedAt: last?.createdAt ?? null };
}

/**
 * The payload must be what the signed manifest says, and what one HTTP batch may hold: every
 * record of this device, every id once across both kinds (the ack lists them all in one set).
 */
function checkAgainstManifest(m: SyncFileManifest, { ratings, reasonAnswers }: SyncFileRecords): void {
  const mismatch = (what: string) => refuse('MANIFEST_MISMATCH', what);
  if (ratings.length !== m.count) throw mismatch(`count ${m.count}, tệp có ${ratings.length} đánh giá`);
  if (reasonAnswers.length !== m.reasonAnswerCount) throw mismatch(`reasonAnswerCount ${m.reasonAnswerCount}, tệp có ${reasonAnswers.length} câu trả lời lý do`);
  const ids = new Set<string>();
  const seqs = new Set<number>();
  for (const r of ratings) {
    if (r.deviceId !== m.deviceId) throw mismatch(`đánh giá ${r.id} của thiết bị ${r.deviceId}`);
    if (ids.has(r.id) || seqs.has(r.seq)) throw mismatch(`đánh giá ${r.id} (seq ${r.seq}) lặp lại`);
    if (!isLevelOnScale(r.scale, r.level)) throw mismatch(`đánh giá ${r.id}: mức ${r.level} không có trên thang ${r.scale}`);
    ids.add(r.id);
    seqs.add(r.seq);
  }
  for (const a of reasonAnswers) {
    if (a.deviceId !== m.deviceId) throw mismatch(`câu trả lời lý do ${a.id} của thiết bị ${a.deviceId}`);
    if (ids.has(a.id)) throw mismatch(`mã ${a.id} lặp lại`);
    if (new Set(a.reasons.map((r) => r.code)).size !== a.reasons.length) throw mismatch(`câu trả lời lý do ${a.id}: một lý do lặp lại`);
    ids.add(a.id);
  }
  if (m.formatVersion === 2) {
    // Every record chained, no position twice, none beyond the signed head.
    const positions = new Set<number>();
    for (const r of [...ratings, ...reasonAnswers] as { id: string; chainPosition?: number }[]) {
      if (r.chainPosition === undefined || positions.has(r.chainPosition) || r.chainPosition > m.chainHead.position) throw mismatch(`bản ghi ${r.id}: vị trí chuỗi ${r.chainPosition ?? '—'} không hợp lệ`);
      positions.add(r.chainPosition);
    }
  }
  const span = ratingsSpan(ratings);
  if (span.seqFrom !== m.seqFrom || span.seqTo !== m.seqTo) throw mismatch(`seq ${m.seqFrom}..${m.seqTo}, tệp có ${span.seqFrom}..${span.seqTo}`);
  const instant = (t: string | null) => (t === null ? null : Date.parse(t));
  if (instant(span.firstCreatedAt) !== instant(m.firstCreatedAt) || instant(span.lastCreatedAt) !== instant(m.lastCreatedAt)) throw mismatch('khoảng thời gian không khớp');
}

/** The first three issues of a refused file, one line (at most 500 characters) for its refusal. */
export function issueText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`)
    .join('; ')
    .slice(0, 500);
}

// --- gzip through the Compression Streams API (Node 22 and browsers alike)

export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gunzip(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`giải nén vượt quá ${maxBytes} byte`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The batch id central files a sync file's records under (one per chunk of ≤ 500 of each kind):
 * derived from the payload hash, so a re-import files them under the same ids. A UUIDv8 (custom) shape.
 */
export function syncFileBatchId(payloadSha256: string, chunk: number): string {
  const h = payloadSha256;
  const c = chunk.toString(16).padStart(3, '0');
  if (c.length > 3) throw new Error('a sync file has at most 4096 chunks');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-8${c}-${h.slice(20, 32)}`;
}
