// Issue 16's health record against a central that predates it (format 2, "How the format grows"):
// it ignores the `health` key of a batch with records, and refuses a batch of zero records (422,
// "empty batch"), which is what the heartbeat is. The kiosk must not stop syncing for that: its
// health then rides with its records only, and no heartbeat goes alone to that central again. The
// old central is a real HTTP server on 127.0.0.1 answering with the pre-health rules (and the
// pre-directory ones: a central of either release refuses the heartbeat alike).
import { afterEach, describe, expect, it } from 'vitest';
import { saveSyncSettings } from '../../electron/backend/settings-repo';
import { olderCentral } from '../support/older-central';
import { manualClock } from '../support/central-fixture';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

describe('a kiosk talking to a central older than the health record', () => {
  it('keeps syncing its ratings with the health key (ignored there); a refused heartbeat neither stops it nor is sent again', async () => {
    const central = await startCentral();
    opened.push(central);
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const kiosk = await enrolledKiosk(central, { direct: true, now: clock.now });
    opened.push(kiosk);
    const old = await olderCentral({ directory: true, health: true });
    saveSyncSettings(kiosk.backend.context.db, { endpoint: old.url });
    const later = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());
    const bodies = () => old.requests.map((r) => r.json as { ratings: unknown[]; health?: { pending: { ratings: number } } });

    await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
    await kiosk.backend.sync.trigger('manual');
    expect(bodies().map((b) => [b.ratings.length, b.health?.pending.ratings])).toEqual([[1, 0]]);

    // The heartbeat is due: the old central refuses a batch of zero records.
    later(15);
    await kiosk.backend.sync.trigger('interval');
    expect(bodies().map((b) => b.ratings.length)).toEqual([1, 0]);
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', lastProblem: null });
    // Not asked again, however long nothing else is pending.
    later(60);
    await kiosk.backend.sync.trigger('interval');
    await kiosk.backend.sync.trigger('manual');
    expect(old.requests).toHaveLength(2);

    // The next rating carries the health record; that central ignores the key and stores the rating.
    await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 2 });
    await kiosk.backend.sync.trigger('manual');
    expect(bodies().map((b) => [b.ratings.length, b.health?.pending.ratings])).toEqual([[1, 0], [0, 0], [1, 0]]);
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', pendingCount: 0, lastProblem: null });
  });
});
