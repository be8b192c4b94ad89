// The PIN reset file (.hlreset): central's signed order to one kiosk to replace one shared
// role's PIN (section head or IT admin) with a one-time code, for a kiosk where nobody has a
// shell. It carries only the code's scrypt hash (the kiosk's format and strength); central
// prints the code once and keeps it nowhere. The kiosk verifies it with the PINNED central key
// (never with a key the file names), checks the device and uses each fileId once.
import { z } from 'zod';
import { setupCodeHashSchema } from './provisioning-file';
import { refuse } from './rejections';
import { canonicalPublicKey, encodeSignedFile, FILE_FORMAT_VERSION, importPublicKey, parseSignedFile, publicKeyTextPattern, verifySignature } from './signed-file';
import { sharedRoles } from '../staff';

export const PIN_RESET_FILE_EXTENSION = '.hlreset';

export const pinResetFileSchema = z.strictObject({
  formatVersion: z.literal(FILE_FORMAT_VERSION),
  kind: z.literal('pin-reset'),
  /** Unique per file: the kiosk refuses a fileId it has used (RESET_FILE_USED). */
  fileId: z.uuid(),
  deviceId: z.uuid(),
  role: z.enum(sharedRoles),
  /** scrypt$N$r$p$salt$hash of the one-time code; never the code. */
  codeHash: setupCodeHashSchema,
  /** Central's public key (raw base64): tells a tampered file (BAD_SIGNATURE) from another central's (CENTRAL_KEY_CHANGED). */
  centralPublicKey: z.string().regex(publicKeyTextPattern),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type PinResetFile = z.infer<typeof pinResetFileSchema>;

export async function buildPinResetFile(content: Omit<PinResetFile, 'formatVersion' | 'kind'>, centralPrivateKey: CryptoKey): Promise<Uint8Array> {
  const header = pinResetFileSchema.parse({ formatVersion: FILE_FORMAT_VERSION, kind: 'pin-reset', ...content });
  return encodeSignedFile('HLRESET', header, new Uint8Array(0), centralPrivateKey);
}

/**
 * Verifies with the key the file names, then requires that key to be the PINNED one (canonical
 * raw base64): a file that does not verify is BAD_SIGNATURE, a good file from another central
 * CENTRAL_KEY_CHANGED. The caller checks the device and the fileId.
 */
export async function verifyPinResetFile(bytes: Uint8Array, pinnedCentralKey: string): Promise<PinResetFile> {
  const parts = parseSignedFile(bytes, 'HLRESET');
  if (parts.payload.length !== 0) throw refuse('MALFORMED', 'tệp đặt lại mã PIN không có phần dữ liệu');
  const version = (parts.header as { formatVersion?: unknown }).formatVersion;
  if (version !== FILE_FORMAT_VERSION) throw refuse('UNSUPPORTED_FORMAT', `formatVersion ${JSON.stringify(version)?.slice(0, 20)}`);
  const parsed = pinResetFileSchema.safeParse(parts.header);
  if (!parsed.success) throw refuse('MALFORMED', `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  let named: string;
  try {
    named = await canonicalPublicKey(parsed.data.centralPublicKey);
  } catch {
    throw refuse('MALFORMED', 'khóa công khai của máy chủ trung tâm không hợp lệ');
  }
  if (!(await verifySignature(await importPublicKey(named), parts))) throw refuse('BAD_SIGNATURE', 'chữ ký của máy chủ trung tâm');
  const pinned = await canonicalPublicKey(pinnedCentralKey);
  if (named !== pinned) throw refuse('CENTRAL_KEY_CHANGED', 'tệp đặt lại mã PIN được ký bằng khóa khác');
  // Belt and braces: the signature verifies with the pinned key itself.
  if (!(await verifySignature(await importPublicKey(pinned), parts))) throw refuse('BAD_SIGNATURE', 'chữ ký của máy chủ trung tâm');
  return parsed.data;
}
