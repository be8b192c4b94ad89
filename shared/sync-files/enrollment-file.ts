// The enrollment file (.hlenroll): a kiosk introduces its device key to central. Signed by that
// same key (proof that the kiosk holds the private half). It carries no secret.
// A kiosk that changes its key while it still holds the old one adds `previousKey`: the old key's
// signature over a statement naming the device, the new key and the time (keyChangeStatement), so
// central can accept the change without anyone at central confirming a fingerprint. Optional and
// additive (formatVersion stays 1), like `reasonAnswers` in batches.
import { z } from 'zod';
import { refuse } from './rejections';
import {
  encodeSignedFile, FILE_FORMAT_VERSION, fromBase64, importPublicKey, parseSignedFile, publicKeyTextPattern, sha256Hex, toBase64, utf8, verifySignature,
} from './signed-file';

export const ENROLLMENT_FILE_EXTENSION = '.hlenroll';

export const enrollmentFileSchema = z.strictObject({
  formatVersion: z.literal(FILE_FORMAT_VERSION),
  kind: z.literal('enrollment'),
  deviceId: z.uuid(),
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: z.string().regex(publicKeyTextPattern),
  officeCode: z.string().trim().min(1).max(64).nullable(),
  counter: z.number().int().min(1).max(9999),
  label: z.string().trim().min(1).max(200).nullable(),
  appVersion: z.string().min(1).max(40),
  createdAt: z.iso.datetime({ offset: true }),
  /** Present only when the kiosk replaces a key it still holds: the old key vouches for the new one. */
  previousKey: z
    .strictObject({
      /** The old raw public key, base64 (the one central has registered). */
      publicKey: z.string().regex(publicKeyTextPattern),
      /** Ed25519 signature by the old key over keyChangeStatement(file), canonical base64 (88 chars). */
      signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
    })
    .optional(),
});
export type EnrollmentFile = z.infer<typeof enrollmentFileSchema>;

/**
 * What the old key signs when a kiosk changes keys: UTF-8 of
 * "HLENROLL-KEY-CHANGE/1\n<deviceId>\n<new publicKey>\n<createdAt>\n".
 */
export function keyChangeStatement(file: Pick<EnrollmentFile, 'deviceId' | 'publicKey' | 'createdAt'>): Uint8Array<ArrayBuffer> {
  return utf8(`HLENROLL-KEY-CHANGE/1\n${file.deviceId}\n${file.publicKey}\n${file.createdAt}\n`) as Uint8Array<ArrayBuffer>;
}

export interface PreviousDeviceKey {
  publicKey: string;
  privateKey: CryptoKey;
}

export async function buildEnrollmentFile(
  content: Omit<EnrollmentFile, 'formatVersion' | 'kind' | 'previousKey'>,
  devicePrivateKey: CryptoKey,
  previous?: PreviousDeviceKey,
): Promise<Uint8Array> {
  const previousKey =
    previous === undefined
      ? undefined
      : { publicKey: previous.publicKey, signature: toBase64(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, previous.privateKey, keyChangeStatement(content)))) };
  const header = enrollmentFileSchema.parse({ formatVersion: FILE_FORMAT_VERSION, kind: 'enrollment', ...content, ...(previousKey === undefined ? {} : { previousKey }) });
  return encodeSignedFile('HLENROLL', header, new Uint8Array(0), devicePrivateKey);
}

export async function verifyEnrollmentFile(bytes: Uint8Array): Promise<EnrollmentFile> {
  const parts = parseSignedFile(bytes, 'HLENROLL');
  if (parts.payload.length !== 0) throw refuse('MALFORMED', 'tệp đăng ký không có phần dữ liệu');
  const version = (parts.header as { formatVersion?: unknown }).formatVersion;
  if (version !== FILE_FORMAT_VERSION) throw refuse('UNSUPPORTED_FORMAT', `formatVersion ${JSON.stringify(version)?.slice(0, 20)}`);
  const parsed = enrollmentFileSchema.safeParse(parts.header);
  if (!parsed.success) throw refuse('MALFORMED', `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  let key: CryptoKey;
  try {
    key = await importPublicKey(parsed.data.publicKey);
  } catch {
    throw refuse('MALFORMED', 'khóa công khai không hợp lệ');
  }
  if (!(await verifySignature(key, parts))) throw refuse('BAD_SIGNATURE', 'chữ ký của thiết bị');
  return parsed.data;
}

/** True when the file's previousKey is `registeredKey` (raw base64) and its signature verifies. */
export async function signedByPreviousKey(file: EnrollmentFile, registeredKey: string): Promise<boolean> {
  if (file.previousKey === undefined) return false;
  try {
    const previous = toBase64(fromBase64(file.previousKey.publicKey));
    if (previous !== toBase64(fromBase64(registeredKey))) return false;
    const key = await importPublicKey(previous);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(file.previousKey.signature), keyChangeStatement(file));
  } catch {
    return false;
  }
}

/**
 * The fingerprint of a device key: the first 80 bits of SHA-256 of the raw key, hex, in groups
 * of four. The one function both sides use: the kiosk shows it (IT admin → diagnostics, and after
 * exporting the enrollment file) and central checks `--replace-key --fingerprint` against it.
 */
export async function keyFingerprint(publicKeyBase64: string): Promise<string> {
  const hex = (await sha256Hex(fromBase64(publicKeyBase64))).slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

/** A fingerprint as people type it: spaces, dashes and colons ignored, case ignored. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/[\s:-]/g, '').toUpperCase();
}
