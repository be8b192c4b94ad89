// Issue 16's health record through the sync rig: a real kiosk and a real central on 127.0.0.1
// with the fault proxy between them, both on one injected clock. Whatever the network does, the
// record central ends with says what the kiosk holds once the drain is over (nothing pending, its
// newest rating), and a heartbeat whose answer was lost is sent again, never lost and never a
// stop: central keeps the newest.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../support/central-fixture';
import { enrolledKiosk, startCentral, testTuning, type Central, type Kiosk } from '../support/sync-rig';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

describe('the health record through the fault proxy', () => {
  it('ends the drain saying nothing is pending; a heartbeat whose answer was lost is sent again', async () => {
    const clock = manualClock('2026-11-23T01:30:00.000Z');
    const central = await startCentral(undefined, { now: clock.now });
    opened.push(central);
    // Backoff of about an hour: no retry wakes up on its own; the test's triggers decide.
    const kiosk = await enrolledKiosk(central, { now: clock.now, random: () => 0.99, tuning: { ...testTuning, backoffBaseMs: 3_600_000, backoffCapMs: 3_600_000 } });
    opened.push(kiosk);
    const healthAtCentral = async () => (await central.store.deviceSummaries()).find((d) => d.deviceId === kiosk.deviceId)?.health;
    const db = kiosk.backend.context.db;
    const pending = () => db.prepare('SELECT (SELECT count(*) FROM sync_outbox) + (SELECT count(*) FROM reason_outbox)').pluck().get() as number;

    for (let i = 0; i < 9; i++) {
      const reply = await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: i % 3 === 2 ? 3 : 1 });
      if (i % 3 === 2) await kiosk.backend.handlers.submitReasons({ ratingId: reply.id, reasonCodes: ['CHO-LAU'] });
    }
    // Batches of 4: central stores some answers it never gets to tell the kiosk about.
    central.proxy.plan(['response-lost', 'http-503-retry-after', 'pass', 'truncated-body', 'reset', 'response-lost']);
    for (let round = 0; round < 20 && pending() !== 0; round++) await kiosk.backend.sync.trigger('manual');
    expect(pending()).toBe(0);
    expect(await healthAtCentral()).toMatchObject({
      via: 'http',
      clockDriftMs: 0,
      record: { appVersion: '0.1.0', pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null }, quarantined: 0, lastRating: { seq: 9 } },
    });

    // Fifteen minutes on: the heartbeat reaches central, its answer does not.
    clock.set('2026-11-23T01:45:00.000Z');
    const before = central.proxy.log.length;
    central.proxy.plan(['response-lost']);
    await kiosk.backend.sync.trigger('interval');
    expect((await healthAtCentral())?.record.recordedAt).toBe('2026-11-23T08:45:00.000+07:00');
    expect(kiosk.backend.sync.status().state).toBe('waiting');

    clock.set('2026-11-23T01:46:00.000Z');
    await kiosk.backend.sync.trigger('manual');
    expect(central.proxy.log.slice(before)).toEqual(['response-lost', 'pass']);
    expect(await healthAtCentral()).toMatchObject({ clockDriftMs: 0, receivedAt: '2026-11-23T01:46:00.000Z', record: { recordedAt: '2026-11-23T08:46:00.000+07:00' } });
    expect(kiosk.backend.sync.status()).toMatchObject({ state: 'idle', lastProblem: null });

    // Acknowledged now: nothing more until the next fifteen minutes.
    await kiosk.backend.sync.trigger('manual');
    expect(central.proxy.log.length).toBe(before + 2);
  });
});
