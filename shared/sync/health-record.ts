// The kiosk's health record (issue 16, the ground for issue 17's fleet health): what IT needs to
// judge a kiosk from afar — its version, its clock, what it still holds back, its storage. It
// rides as the optional key `health` of every format 2 batch (alone in a zero-record "heartbeat"
// batch when nothing else is pending) and of a format 2 sync file's payload. Central keeps the
// newest per device (central/health-records.ts) and shows it in GET /api/v1/devices.
//
// Under "How the format grows" (docs/sync-protocol.md) it needs no new format: a central that
// predates it ignores the key. It is not a record: not chained, not acknowledged by id, never part
// of a record's hashed form. It names no device (the batch's device is the token's or the file
// signature's, so a kiosk cannot speak for another), and holds no personal data and no secret:
// counts, times, sizes, versions.
import { z } from 'zod';

/** A health record's JSON at most: a few hundred bytes are expected; anything larger is refused. */
export const MAX_HEALTH_RECORD_BYTES = 4096;
const MAX_COUNT = 1_000_000_000;
/** 1 PiB: more than any kiosk's disk, far below 2^53. */
const MAX_BYTES = 2 ** 50;

const controlOrLoneSurrogate = /\p{Cc}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const text = (max: number) => z.string().min(1).max(max).refine((s) => !controlOrLoneSurrogate.test(s), 'chứa ký tự điều khiển hoặc UTF-16 không hợp lệ');
const isoWithOffset = z.iso.datetime({ offset: true, precision: 3 });
const count = z.number().int().min(0).max(MAX_COUNT);
const bytes = z.number().int().min(0).max(MAX_BYTES);

/**
 * Every known field required, typed and bounded. An unknown key is dropped, not refused (the
 * protocol's rule: a receiver ignores keys it does not know), so a newer kiosk's added field never
 * costs its health record at an older central.
 */
export const kioskHealthRecordSchema = z.object({
  appVersion: text(40),
  /** The kiosk's own clock when it built the record, in its zone's offset: central compares it with its arrival. */
  recordedAt: isoWithOffset,
  /** The kiosk's time zone setting (IANA). */
  timeZone: text(64),
  /** The kiosk database's schema version (PRAGMA user_version). */
  schemaVersion: z.number().int().min(0).max(100_000),
  /**
   * What the kiosk holds that central has not acknowledged, beyond what this batch (file) itself
   * carries: 0 after a batch that drains the outbox. `oldestCreatedAt`: the lowest pending seq's rating.
   */
  pending: z.strictObject({ ratings: count, reasonAnswers: count, oldestCreatedAt: isoWithOffset.nullable() }),
  /** Records central refused as conflicting, set aside on the kiosk for IT to look at. */
  quarantined: count,
  /** The kiosk's newest rating (highest seq), null before the first. */
  lastRating: z.strictObject({ seq: z.number().int().min(1).max(MAX_COUNT), createdAt: isoWithOffset }).nullable(),
  /** kiosk.db with its -wal; free bytes on its disk for the app's user, null where the system cannot say. */
  storage: z.strictObject({ databaseBytes: bytes, freeDiskBytes: bytes.nullable() }),
  /** Storage incidents (issue 12) the kiosk recorded in all, and those central has not acknowledged yet. */
  incidents: z.strictObject({ recorded: count, unacknowledged: count }),
});
export type KioskHealthRecord = z.infer<typeof kioskHealthRecordSchema>;

export type HealthRecordReading = { ok: true; record: KioskHealthRecord } | { ok: false; detail: string };

/**
 * A received `health` value, read as the receiver must: over MAX_HEALTH_RECORD_BYTES or off the
 * schema, it is refused on its own (`detail` says why, at most 300 characters) — the records that
 * came with it are stored all the same: ratings matter more than health.
 */
export function readHealthRecord(value: unknown): HealthRecordReading {
  const size = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  if (size > MAX_HEALTH_RECORD_BYTES) return { ok: false, detail: `health: ${size} byte, tối đa ${MAX_HEALTH_RECORD_BYTES}` };
  const parsed = kioskHealthRecordSchema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `health.${i.path.join('.')}: ${i.message}`);
  return { ok: false, detail: issues.join('; ').slice(0, 300) };
}
