// Property-based model test of the outbox (fast-check): random programs of taps, sync attempts
// under faults, restarts and clock jumps. Invariant after every step: every rating the kiosk
// marks synced is held by central. After a final fault-free drain: the two sets are equal.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults, type Fault } from '../support/fault-proxy';
import { enrolledKiosk, picture, startCentral, type Central } from '../support/sync-rig';

type Step =
  | { kind: 'tap'; count: number; level: number }
  | { kind: 'sync'; plan: Fault[] }
  | { kind: 'restart' }
  | { kind: 'clock'; jumpMs: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('tap' as const), count: fc.integer({ min: 1, max: 6 }), level: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), plan: fc.array(fc.constantFrom(...faults), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
  {
    weight: 1,
    // Clocks drift and get "fixed" by hand, by hours or by a day, both ways.
    arbitrary: fc.record({ kind: fc.constant('clock' as const), jumpMs: fc.integer({ min: -26 * 3600_000, max: 26 * 3600_000 }) }),
  },
);

let central: Central;
beforeAll(async () => {
  central = await startCentral();
});
afterAll(async () => {
  await central.close();
});

describe('outbox model', () => {
  it('never marks synced what central lacks; after a drain, central equals the kiosk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (steps, seed) => {
        let clock = Date.parse('2026-11-23T02:00:00.000Z');
        const kiosk = await enrolledKiosk(central, { now: () => new Date(clock), random: () => ((seed = (seed * 16807) % 2147483647) / 2147483647) });
        try {
          let tapped = 0;
          for (const s of steps) {
            if (s.kind === 'tap') {
              for (let i = 0; i < s.count; i++) {
                await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: s.level });
                clock += 1_500;
              }
              tapped += s.count;
            } else if (s.kind === 'sync') {
              central.proxy.plan(s.plan);
              await kiosk.backend.sync.trigger('manual');
            } else if (s.kind === 'restart') {
              await kiosk.restart();
            } else {
              clock += s.jumpMs;
            }
            const now = await picture(kiosk, central);
            expect(now.syncedIds.filter((id) => !now.centralIds.includes(id))).toEqual([]);
            expect(now.kioskIds).toHaveLength(tapped);
          }
          central.proxy.plan([]);
          for (let round = 0; round < 30 && (await picture(kiosk, central)).pending > 0; round++) await kiosk.backend.sync.trigger('manual');
          const end = await picture(kiosk, central);
          expect(end.pending).toBe(0);
          expect([...end.centralIds].sort()).toEqual([...end.kioskIds].sort());
          expect(new Set(end.centralIds).size).toBe(end.centralIds.length);
          expect(end.contentMismatches).toEqual([]);
        } finally {
          await kiosk.close();
        }
      }),
      { numRuns: 150, seed: 20261123 },
    );
  }, 600_000);
});
