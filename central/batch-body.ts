// A batch body from bytes to JSON under the protocol's limits. The compressed size is capped
// by Fastify (MAX_COMPRESSED_BYTES) before we see it; inflating stops at MAX_BATCH_BYTES, so a
// zip bomb costs us 512 KiB of memory, not whatever it expands to.
// Inflating is synchronous: at most 512 KiB comes out, 0.1 ms for a batch of 500 ratings, 0.5 ms
// for a zip bomb, 4 ms for the worst allowed body (incompressible), no longer than the SQLite
// store holds the thread for its transaction anyway. The async gunzip's thread-pool round trip
// cost more than the inflating itself (npm run bench, issue 9).
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { MAX_BATCH_BYTES } from '../shared/sync/wire';
import { rejection } from './rejections';

/** Largest request body central reads at all (compressed, as it travels). */
export const MAX_COMPRESSED_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

const contentEncodingSchema = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['gzip', 'identity']))
  .optional();

export function decodeBatchBody(raw: Buffer, contentEncoding: unknown): unknown {
  const encoding = contentEncodingSchema.safeParse(contentEncoding);
  if (!encoding.success) throw rejection('MALFORMED', `Content-Encoding không được hỗ trợ: ${String(contentEncoding).slice(0, 40)}`);
  const json = encoding.data === 'gzip' ? inflateCapped(raw) : raw;
  if (json.length > MAX_BATCH_BYTES) throw rejection('TOO_LARGE', `Nội dung ${json.length} byte, tối đa ${MAX_BATCH_BYTES} byte`);
  let text: string;
  try {
    text = utf8.decode(json);
  } catch {
    throw rejection('MALFORMED', 'Nội dung không phải UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw rejection('MALFORMED', 'Nội dung không phải JSON');
  }
}

function inflateCapped(raw: Buffer): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_BATCH_BYTES });
  } catch (error) {
    if (error instanceof RangeError && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE') {
      throw rejection('TOO_LARGE', `Nội dung giải nén vượt quá ${MAX_BATCH_BYTES} byte`);
    }
    throw rejection('MALFORMED', 'Nội dung không phải gzip hợp lệ');
  }
}
