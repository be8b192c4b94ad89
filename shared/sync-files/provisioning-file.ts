// The provisioning file (.hlprov): everything a fresh kiosk needs, signed by central. It holds
// the device token (a secret): hand it over like a key, and delete it from the stick afterwards.
// The kiosk pins the central key it carries on first import (trust on first use) and refuses
// any later file signed by another key; see docs/sync-protocol.md.
import { z } from 'zod';
import { languageListSchema, reasonListSchema } from '../citizen-options';
import { officeCodeSchema, serviceAreaListSchema } from '../device-settings';
import { reportContactSchema } from '../report-contact';
import { dossierSettingsSchema } from '../dossier-code';
import { openingHoursSchema } from '../opening-hours';
import { scaleIdSchema } from '../scales';
import { kioskSettingsSchema, timeZoneSchema } from '../settings';
import { serviceAreaSchema } from '../staff';
import { refuse } from './rejections';
import { encodeSignedFile, FILE_FORMAT_VERSION, parseSignedFile, publicKeyTextPattern, verifySignature, importPublicKey } from './signed-file';

export const PROVISIONING_FILE_EXTENSION = '.hlprov';

/**
 * `scrypt$N$r$p$salt$hash` as the kiosk stores PINs (shared/node/pin-hashing.ts, which pure
 * shared/ cannot import: the same pattern, with the kiosk's bounds on the work factors so a file
 * cannot make it allocate gigabytes, and at least N=2^14 so a weak hash is refused).
 */
export const setupCodeHashSchema = z
  .string()
  .max(200)
  .regex(/^scrypt\$(\d+)\$(\d+)\$(\d+)\$[A-Za-z0-9+/=]{4,64}\$[A-Za-z0-9+/=]{44}$/, 'không phải mã băm scrypt')
  .refine((hash) => {
    const [, N, r, p] = hash.split('$').map(Number) as [number, number, number, number];
    return N >= 2 ** 14 && N <= 2 ** 20 && Number.isInteger(Math.log2(N)) && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  }, 'tham số scrypt ngoài giới hạn');

export const provisioningFileSchema = z.strictObject({
  formatVersion: z.literal(FILE_FORMAT_VERSION),
  kind: z.literal('provisioning'),
  deviceId: z.uuid(),
  /** Checked exactly as the setup screen checks it (one schema). */
  officeCode: officeCodeSchema,
  officeName: z.string().trim().min(1).max(120),
  counter: z.number().int().min(1).max(999),
  kioskLabel: z.string().trim().min(1).max(200).nullable(),
  scale: scaleIdSchema,
  /** null (here and below): keep what the kiosk has. */
  serviceAreas: z.array(serviceAreaSchema).max(100).nullable(),
  languages: languageListSchema.nullable().default(null),
  reasons: reasonListSchema.nullable().default(null),
  timeZone: timeZoneSchema,
  /** null: an office without network (sync files only). */
  endpoint: z.url({ protocol: /^https?$/ }).nullable(),
  deviceToken: z.string().regex(/^[\w-]{16,200}$/),
  /** Central's Ed25519 public key, raw 32 bytes in base64: it signs ack and provisioning files. */
  centralPublicKey: z.string().regex(publicKeyTextPattern),
  issuedAt: z.iso.datetime({ offset: true }),
  /**
   * Optional (files without it still import; formatVersion stays 1): the one-time setup codes of
   * the two shared roles, as scrypt hashes in the kiosk's own format — never the codes, which
   * central prints once. The kiosk stores them as the roles' PINs, to be changed at first use.
   */
  setupCodes: z.strictObject({ 'section-head': setupCodeHashSchema, 'it-admin': setupCodeHashSchema }).optional(),
  /** Optional (issue 15; formatVersion stays 1): where citizens report harassment. Absent: keep the kiosk's. */
  reportContact: reportContactSchema.optional(),
  /** Optional (issue 15): the dossier code setting, checked as the setup screen checks it; absent keeps the kiosk's. */
  dossier: dossierSettingsSchema.optional(),
  /** Optional (issue 15; formatVersion stays 1): the office's opening hours; absent keeps the kiosk's. */
  openingHours: openingHoursSchema.optional(),
  /** Optional (issue 16): officers' photos may go to central with the kiosk's directory. Absent keeps the kiosk's (off on a new kiosk). */
  directoryPhotos: kioskSettingsSchema.shape.directoryPhotos.optional(),
});
export type ProvisioningFile = z.infer<typeof provisioningFileSchema>;

/**
 * The office-wide settings IT staff keep in one JSON file and hand to `central provision
 * --settings FILE.json` for every kiosk of an office. Each key is optional: absent keeps the
 * kiosk's own value.
 */
export const officeSettingsFileSchema = z.strictObject({
  serviceAreas: serviceAreaListSchema.optional(),
  languages: languageListSchema.optional(),
  reasons: reasonListSchema.optional(),
  reportContact: reportContactSchema.optional(),
  dossier: dossierSettingsSchema.optional(),
  /** The office's opening hours (issue 15): weekly periods and holidays, as the setup screen sets them. */
  openingHours: openingHoursSchema.optional(),
  directoryPhotos: kioskSettingsSchema.shape.directoryPhotos.optional(),
});
export type OfficeSettingsFile = z.infer<typeof officeSettingsFileSchema>;

export async function buildProvisioningFile(content: Omit<z.input<typeof provisioningFileSchema>, 'formatVersion' | 'kind'>, centralPrivateKey: CryptoKey): Promise<Uint8Array> {
  const header = provisioningFileSchema.parse({ formatVersion: FILE_FORMAT_VERSION, kind: 'provisioning', ...content });
  return encodeSignedFile('HLPROV', header, new Uint8Array(0), centralPrivateKey);
}

/**
 * Verifies with the key the file itself names (the only check possible before anything is
 * pinned); the caller then compares that key with the pinned one, if any.
 */
export async function verifyProvisioningFile(bytes: Uint8Array): Promise<ProvisioningFile> {
  const parts = parseSignedFile(bytes, 'HLPROV');
  if (parts.payload.length !== 0) throw refuse('MALFORMED', 'tệp cấu hình không có phần dữ liệu');
  const version = (parts.header as { formatVersion?: unknown }).formatVersion;
  if (version !== FILE_FORMAT_VERSION) throw refuse('UNSUPPORTED_FORMAT', `formatVersion ${JSON.stringify(version)?.slice(0, 20)}`);
  const parsed = provisioningFileSchema.safeParse(parts.header);
  if (!parsed.success) throw refuse('MALFORMED', `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  let key: CryptoKey;
  try {
    key = await importPublicKey(parsed.data.centralPublicKey);
  } catch {
    throw refuse('MALFORMED', 'khóa công khai của máy chủ trung tâm không hợp lệ');
  }
  if (!(await verifySignature(key, parts))) throw refuse('BAD_SIGNATURE', 'chữ ký của máy chủ trung tâm');
  return parsed.data;
}
