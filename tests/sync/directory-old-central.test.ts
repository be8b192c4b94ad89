// Issue 16 against a central that predates the directory (format 2, "How the format grows"): it
// ignores the `directory` key of a batch with records, and refuses a batch of zero records (422,
// "empty batch"). The kiosk must not stop syncing for that: the directory then waits for the next
// batch with records, and ratings keep flowing. The old central is played by a real HTTP server on
// 127.0.0.1 that answers with the pre-issue-16 rules.
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { syncBatchV2Schema } from '../../shared/sync/wire';
import { saveSyncSettings } from '../../electron/backend/settings-repo';
import { insertOfficer, updateOfficer } from '../../electron/backend/staff/officers-repo';
import { directoryRevisions } from '../../electron/backend/sync/directory-repo';
import { cannedServer } from '../support/canned-server';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

/** What a format 2 central of the release before issue 16 answers. */
function oldCentral() {
  // That release's schema: the format 2 batch without `directory` (a loose object: unknown keys pass).
  const before = syncBatchV2Schema.omit({ directory: true });
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

describe('a kiosk talking to a central older than the directory', () => {
  it('keeps syncing: a refused directory-only batch neither stops it nor retries; the directory rides with the next rating', async () => {
    const central = await startCentral();
    opened.push(central);
    const kiosk = await enrolledKiosk(central, { direct: true });
    opened.push(kiosk);
    const db = kiosk.backend.context.db;
    const old = await oldCentral();
    saveSyncSettings(db, { endpoint: old.url });
    const officer = { id: randomUUID(), code: 'CB01', name: 'Lê Thị Mai', title: '', photoDataUrl: null, active: true };
    insertOfficer(db, officer, '2026-11-23T08:00:00.000+07:00');

    await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    await kiosk.backend.sync.trigger('manual');
    expect(old.requests).toHaveLength(1);
    expect(directoryRevisions(db)).toEqual({ revision: 1, ackedRevision: 1 });

    updateOfficer(db, { ...officer, name: 'Lê Thị Mai (Trưởng bộ phận)' });
    await kiosk.backend.sync.trigger('manual');
    expect(old.requests).toHaveLength(2);
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', lastProblem: null });
    // Not asked again while nothing else is pending.
    await kiosk.backend.sync.trigger('interval');
    await kiosk.backend.sync.trigger('manual');
    expect(old.requests).toHaveLength(2);
    expect(directoryRevisions(db)).toEqual({ revision: 2, ackedRevision: 1 });

    await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 2 });
    await kiosk.backend.sync.trigger('manual');
    expect(old.requests).toHaveLength(3);
    const third = old.requests[2]?.json as { ratings: unknown[]; directory?: { revision: number; officers: { name: string }[] } };
    expect([third.ratings.length, third.directory?.revision, third.directory?.officers[0]?.name]).toEqual([1, 2, 'Lê Thị Mai (Trưởng bộ phận)']);
    expect(directoryRevisions(db)).toEqual({ revision: 2, ackedRevision: 2 });
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', pendingCount: 0 });
  });
});
