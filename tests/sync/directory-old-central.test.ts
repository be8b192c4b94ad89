// Issue 16 against a central that predates the directory (format 2, "How the format grows"): it
// ignores the `directory` key of a batch with records, and refuses a batch of zero records (422,
// "empty batch"). The kiosk must not stop syncing for that: the directory then waits for the next
// batch with records, and ratings keep flowing. The old central is played by a real HTTP server on
// 127.0.0.1 that answers with the pre-issue-16 rules.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { saveSyncSettings } from '../../electron/backend/settings-repo';
import { insertOfficer, updateOfficer } from '../../electron/backend/staff/officers-repo';
import { directoryRevisions } from '../../electron/backend/sync/directory-repo';
import { olderCentral } from '../support/older-central';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

describe('a kiosk talking to a central older than the directory', () => {
  it('keeps syncing: a refused directory-only batch neither stops it nor retries; the directory rides with the next rating', async () => {
    const central = await startCentral();
    opened.push(central);
    const kiosk = await enrolledKiosk(central, { direct: true });
    opened.push(kiosk);
    const db = kiosk.backend.context.db;
    const old = await olderCentral({ directory: true });
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
