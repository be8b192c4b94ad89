// Hundreds of seeded fault schedules between a real kiosk backend and the real central server:
// afterwards central holds exactly the kiosk's ratings — none lost, none twice — and at no
// moment was a rating marked synced that central did not have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults, type Fault } from '../support/fault-proxy';
import { enrolledKiosk, picture, seededRandom, startCentral, type Central } from '../support/sync-rig';

const SCHEDULES = 200;
const RATINGS_PER_SCHEDULE = 15;
const CHUNK = 25;

let central: Central;
beforeAll(async () => {
  central = await startCentral();
});
afterAll(async () => {
  await central.close();
});

async function runSchedule(seed: number): Promise<{ faultsSeen: Fault[]; ratings: number }> {
  const random = seededRandom(seed);
  const kiosk = await enrolledKiosk(central, { random });
  const seen: Fault[] = [];
  try {
    let tapped = 0;
    while (tapped < RATINGS_PER_SCHEDULE) {
      const taps = Math.min(RATINGS_PER_SCHEDULE - tapped, Math.floor(random() * 4));
      for (let i = 0; i < taps; i++) await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 1 + Math.floor(random() * 3) });
      tapped += taps;
      // Half the attempts meet a fault, spread evenly over every kind.
      const plan = Array.from({ length: 3 }, (): Fault => (random() < 0.5 ? 'pass' : (faults[1 + Math.floor(random() * (faults.length - 1))] ?? 'pass')));
      central.proxy.plan(plan);
      const before = central.proxy.log.length;
      await kiosk.backend.sync.trigger('manual');
      seen.push(...central.proxy.log.slice(before));
      if (random() < 0.15) await kiosk.restart();
      const now = await picture(kiosk, central);
      // The invariant at every step: synced ⊆ what central holds.
      expect(now.syncedIds.filter((id) => !now.centralIds.includes(id)), `seed ${seed}`).toEqual([]);
    }
    central.proxy.plan([]);
    for (let round = 0; round < 20 && (await picture(kiosk, central)).pending > 0; round++) await kiosk.backend.sync.trigger('manual');

    const end = await picture(kiosk, central);
    expect(end.pending, `seed ${seed}`).toBe(0);
    expect(end.quarantined, `seed ${seed}`).toBe(0);
    expect([...end.centralIds].sort(), `seed ${seed}`).toEqual([...end.kioskIds].sort());
    expect(new Set(end.centralIds).size, `seed ${seed}: duplicates at central`).toBe(end.centralIds.length);
    expect(end.contentMismatches, `seed ${seed}`).toEqual([]);
    return { faultsSeen: seen, ratings: end.kioskIds.length };
  } finally {
    await kiosk.close();
  }
}

describe('sync fault matrix', () => {
  const totals = new Map<Fault, number>();
  let ratings = 0;

  const chunks = Array.from({ length: SCHEDULES / CHUNK }, (_, i) => i * CHUNK + 1);
  it.each(chunks)('schedules from seed %i: 0 lost, 0 duplicated, never synced ahead of central', async (first) => {
    for (let seed = first; seed < first + CHUNK; seed++) {
      const { faultsSeen, ratings: n } = await runSchedule(seed);
      ratings += n;
      for (const f of faultsSeen) totals.set(f, (totals.get(f) ?? 0) + 1);
    }
  }, 300_000);

  it('exercised every fault many times over thousands of ratings', () => {
    expect(ratings).toBe(SCHEDULES * RATINGS_PER_SCHEDULE);
    for (const fault of faults) expect(totals.get(fault) ?? 0, fault).toBeGreaterThanOrEqual(20);
  });
});
