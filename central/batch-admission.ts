// From parsed JSON to a SyncBatch central will store, or the protocol's refusal. Checks run in
// the order that lets each answer be most specific: an object at all, the format version first
// (a future format may carry its id elsewhere), a batchId, then the Idempotency-Key, the record
// counts, the schema.
import { z } from 'zod';
import { MAX_BATCH_RATINGS, WIRE_FORMAT_VERSIONS, syncBatchSchema, type SyncBatch } from '../shared/sync/wire';
import { rejection } from './rejections';

const MAX_DETAIL_ISSUES = 5;
// Every key optional: a missing one is named below (formatVersion, batchId) or by the schema, not "not an object".
const envelopeSchema = z.looseObject({ formatVersion: z.unknown().optional(), batchId: z.unknown().optional(), ratings: z.unknown().optional(), reasonAnswers: z.unknown().optional() });
const idempotencyKeySchema = z.string().trim().min(1);

export function admitBatch(json: unknown, idempotencyKey: unknown): SyncBatch {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw rejection('INVALID_BATCH', 'Nội dung không phải một đối tượng JSON');
  const { formatVersion, batchId, ratings, reasonAnswers } = envelope.data;
  if (formatVersion === undefined) throw rejection('INVALID_BATCH', 'thiếu formatVersion');
  if (!(WIRE_FORMAT_VERSIONS as readonly unknown[]).includes(formatVersion)) {
    throw rejection('UNSUPPORTED_FORMAT', `formatVersion ${JSON.stringify(formatVersion)?.slice(0, 40)}; máy chủ hỗ trợ ${WIRE_FORMAT_VERSIONS.join(', ')}`);
  }
  // Before the Idempotency-Key: without a batchId, no key could be right (the body is at fault).
  if (batchId === undefined) throw rejection('INVALID_BATCH', 'thiếu batchId');
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) throw rejection('MALFORMED', 'Thiếu tiêu đề Idempotency-Key');
  if (typeof batchId === 'string' && batchId !== key.data) throw rejection('MALFORMED', 'Idempotency-Key khác batchId');
  if (Array.isArray(ratings) && ratings.length > MAX_BATCH_RATINGS) {
    throw rejection('TOO_LARGE', `${ratings.length} đánh giá, tối đa ${MAX_BATCH_RATINGS}`);
  }
  // The same limit for reason answers: a count, like the ratings', so the same answer (413).
  if (Array.isArray(reasonAnswers) && reasonAnswers.length > MAX_BATCH_RATINGS) {
    throw rejection('TOO_LARGE', `${reasonAnswers.length} câu trả lời lý do, tối đa ${MAX_BATCH_RATINGS}`);
  }
  const parsed = syncBatchSchema.safeParse(json);
  // The schema also refuses text no store can keep as sent (NUL, lone surrogates).
  if (!parsed.success) throw rejection('INVALID_BATCH', describeIssues(parsed.error.issues));
  return parsed.data;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_DETAIL_ISSUES).map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`);
  const more = issues.length - shown.length;
  return (shown.join('; ') + (more > 0 ? `; và ${more} lỗi khác` : '')).slice(0, 1000);
}
