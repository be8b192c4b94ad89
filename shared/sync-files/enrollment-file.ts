// The enrollment file (.hlenroll): a kiosk introduces its device key to central. Signed by that
// same key (proof that the kiosk holds the private half). It carries no secret.
import { z } from 'zod';
import { refuse } from './rejections';
import { encodeSignedFile, FILE_FORMAT_VERSION, importPublicKey, parseSignedFile, publicKeyTextPattern, verifySignature } from './signed-file';

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
});
export type EnrollmentFile = z.infer<typeof enrollmentFileSchema>;

export async function buildEnrollmentFile(content: Omit<EnrollmentFile, 'formatVersion' | 'kind'>, devicePrivateKey: CryptoKey): Promise<Uint8Array> {
  const header = enrollmentFileSchema.parse({ formatVersion: FILE_FORMAT_VERSION, kind: 'enrollment', ...content });
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
