// A format 2 central of an earlier release, for "How the format grows" (docs/sync-protocol.md): a
// real HTTP server on 127.0.0.1 whose batch schema lacks the keys added since (`without`). Its
// schema is a loose object, so it ignores those keys on a batch with records; like every central
// before issue 16 it refuses a batch of zero records (422, "empty batch") — a directory-only batch
// or a heartbeat — and accepts every record of a good batch.
import { gunzipSync } from 'node:zlib';
import { syncBatchV2Schema } from '../../shared/sync/wire';
import { cannedServer } from './canned-server';

export function olderCentral(without: { directory?: true; health?: true }) {
  const before = syncBatchV2Schema.omit(without);
  return cannedServer((_req, body, res) => {
    res.setHeader('content-type', 'application/json');
    const json = JSON.parse(gunzipSync(body).toString('utf8')) as { batchId: string; ratings: { id: string }[]; reasonAnswers: { id: string }[] };
    if (!before.safeParse(json).success || json.ratings.length + json.reasonAnswers.length === 0) {
      res.statusCode = 422;
      res.end(JSON.stringify({ error: { code: 'INVALID_BATCH', message: 'Lô dữ liệu không hợp lệ.', detail: 'ratings: empty batch' } }));
      return;
    }
    res.statusCode = 200;
    res.end(JSON.stringify({ batchId: json.batchId, accepted: [...json.ratings, ...json.reasonAnswers].map((r) => r.id), duplicate: [], conflicts: [], receivedAt: new Date().toISOString() }));
  });
}
