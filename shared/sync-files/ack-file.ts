// The ack file (.hlack): central's signed answer to one sync file. Same lists and meaning as
// the HTTP ack: every record id of the file (rating or reason answer) is in exactly one of
// accepted, duplicate, conflicts.
import { z } from 'zod';
import { refuse } from './rejections';
import { encodeSignedFile, FILE_FORMAT_VERSION, parseSignedFile, verifySignature } from './signed-file';

export const ACK_FILE_EXTENSION = '.hlack';

const uuid = z.uuid();
export const ackFileSchema = z.strictObject({
  formatVersion: z.literal(FILE_FORMAT_VERSION),
  kind: z.literal('ack'),
  deviceId: uuid,
  fileNumber: z.number().int().positive(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** "imported": central stored the file now; "replayed": it had it already (nothing added). */
  outcome: z.enum(['imported', 'replayed']),
  accepted: z.array(uuid),
  duplicate: z.array(uuid),
  conflicts: z.array(z.strictObject({ id: uuid, reason: z.string().max(200) })),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type AckFile = z.infer<typeof ackFileSchema>;

export async function buildAckFile(ack: Omit<AckFile, 'formatVersion' | 'kind'>, centralPrivateKey: CryptoKey): Promise<Uint8Array> {
  const header = ackFileSchema.parse({ formatVersion: FILE_FORMAT_VERSION, kind: 'ack', ...ack });
  return encodeSignedFile('HLACK', header, new Uint8Array(0), centralPrivateKey);
}

export async function verifyAckFile(bytes: Uint8Array, centralPublicKey: CryptoKey): Promise<AckFile> {
  const parts = parseSignedFile(bytes, 'HLACK');
  if (parts.payload.length !== 0) throw refuse('MALFORMED', 'tệp xác nhận không có phần dữ liệu');
  if (!(await verifySignature(centralPublicKey, parts))) throw refuse('BAD_SIGNATURE', 'chữ ký của máy chủ trung tâm');
  const version = (parts.header as { formatVersion?: unknown }).formatVersion;
  if (version !== FILE_FORMAT_VERSION) throw refuse('UNSUPPORTED_FORMAT', `formatVersion ${JSON.stringify(version)?.slice(0, 20)}`);
  const parsed = ackFileSchema.safeParse(parts.header);
  if (!parsed.success) throw refuse('MALFORMED', parsed.error.issues[0]?.message);
  return parsed.data;
}
