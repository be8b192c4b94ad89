// The kiosk's directory (issue 16): what central needs to name what a kiosk's ratings point at —
// the office's name and time zone, its service areas, its officers and its reasons with their
// survey factor. Officer and service-area ids in ratings are the kiosk's own values; this is the
// table that turns them into names at central.
//
// Under "How the format grows" (docs/sync-protocol.md) this is an optional key of format 2
// (`directory` on a batch and in a sync file's payload): a central that predates it ignores it.
// It is not a record: it is not chained, never acknowledged by id, and a newer one replaces an
// older one. `revision` is the kiosk's own sequence (1, 2, 3, … each time the content changes),
// so a directory arriving late on a USB stick never replaces a newer one central already holds.
//
// Never in it: PINs, PIN hashes, setup codes, tokens (officers have none; the shared roles' PINs
// live elsewhere). Photos only when the office allows it (`directoryPhotos`), each bounded.
import { z } from 'zod';

/** Officers one directory may name (an office has a few dozen; a bound for central's memory). */
export const MAX_DIRECTORY_OFFICERS = 300;
export const MAX_DIRECTORY_SERVICE_AREAS = 100;
export const MAX_DIRECTORY_REASONS = 50;
/**
 * A photo travels only as a data URL of at most this many characters (about 36 KB of JPEG or
 * PNG); a larger one is left out (`photo: null`): names matter at central, portraits much less.
 */
export const MAX_DIRECTORY_PHOTO_CHARS = 48_000;
/** A directory's JSON at most (photos included): a batch's records keep the other half of its 512 KiB. */
export const MAX_DIRECTORY_BYTES = 256 * 1024;

const controlOrLoneSurrogate = /\p{Cc}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const clean = (s: string) => !controlOrLoneSurrogate.test(s);
const text = (max: number) => z.string().min(1).max(max).refine(clean, 'chứa ký tự điều khiển hoặc UTF-16 không hợp lệ');
const code = text(64);

export const directoryPhotoSchema = z
  .string()
  .max(MAX_DIRECTORY_PHOTO_CHARS)
  .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/, 'ảnh phải là data URL PNG, JPEG hoặc WebP');

// Loose objects: a newer kiosk may add a key (a receiver ignores it), as for records.
export const directoryOfficerSchema = z.looseObject({
  /** The id ratings carry as `officerId`. */
  id: code,
  /** The officer's staff code (mã cán bộ). */
  code,
  name: text(200),
  /** May be empty: not every office gives titles. */
  title: z.string().max(200).refine(clean, 'chứa ký tự điều khiển'),
  active: z.boolean(),
  /** Only when the office allows photos at central; null otherwise or when too large. */
  photo: directoryPhotoSchema.nullable(),
});
export const directoryServiceAreaSchema = z.looseObject({ code, name: text(200), active: z.boolean() });
export const directoryReasonSchema = z.looseObject({
  code,
  label: text(200),
  /** Its factor in the national survey (SIPAS: access, procedure, officer, result, feedback), null outside the five. Open: a newer factor is information. */
  factor: text(32).nullable(),
});

export const kioskDirectorySchema = z
  .looseObject({
    /** The kiosk's own sequence: a directory with a lower revision than central holds is ignored. */
    revision: z.number().int().positive().max(1_000_000_000),
    /** When the kiosk saw this content first (its clock, its offset): orders directories of several kiosks of one office. */
    changedAt: z.iso.datetime({ offset: true, precision: 3 }),
    officeName: text(200),
    /** IANA zone, e.g. Asia/Ho_Chi_Minh: the office's local days. */
    timeZone: text(64),
    serviceAreas: z.array(directoryServiceAreaSchema).max(MAX_DIRECTORY_SERVICE_AREAS),
    officers: z.array(directoryOfficerSchema).max(MAX_DIRECTORY_OFFICERS),
    reasons: z.array(directoryReasonSchema).max(MAX_DIRECTORY_REASONS),
  })
  .superRefine((d, ctx) => {
    for (const [list, items] of [['officers', d.officers.map((o) => o.id)], ['serviceAreas', d.serviceAreas.map((a) => a.code)], ['reasons', d.reasons.map((r) => r.code)]] as const) {
      const seen = new Set<string>();
      for (const [i, id] of items.entries()) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, i], message: 'repeated in the directory' });
        seen.add(id);
      }
    }
  });
export type KioskDirectory = z.infer<typeof kioskDirectorySchema>;
/**
 * The content that is compared (and hashed) to tell "changed": everything but the stamp, as this
 * release writes it (spelt out: the loose schema's index signature would swallow the keys).
 */
export interface DirectoryContent {
  officeName: string;
  timeZone: string;
  serviceAreas: { code: string; name: string; active: boolean }[];
  officers: { id: string; code: string; name: string; title: string; active: boolean; photo: string | null }[];
  reasons: { code: string; label: string; factor: string | null }[];
}
