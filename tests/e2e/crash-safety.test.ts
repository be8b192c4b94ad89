// Crash safety: the thank-you is a promise that the rating is on disk. Round after round on one
// data folder, a citizen taps, the thank-you appears, and the host is killed with SIGKILL at
// once (a crash, as far as the app can tell). Every acknowledged rating must still be there,
// seq must stay gapless and the SQLite file must pass its own integrity check. A second test
// kills the host while the rating is being saved: the rating may or may not be stored, but
// never half, and the file and the seq stay sound.
import { afterAll, expect, test } from 'vitest';
import { type StoredRating } from '../../shared/contract';
import { scales } from '../../shared/scales';
import { freshDataDir, killAllHosts, provision, readDatabase, sharedBrowser, startHost } from '../support/e2e-host';
import { levelButton, openKioskPage, tapLevel, waitForHome } from '../support/e2e-kiosk';
import { seededRandom } from '../support/seeded-random';

const ROUNDS = 100;
const MID_SAVE_ROUNDS = 10;
/** Rerun a failure with the seed it printed: E2E_SEED=<seed> npm run test:e2e. */
const SEED = process.env.E2E_SEED !== undefined && process.env.E2E_SEED !== '' ? Number(process.env.E2E_SEED) : Date.now() >>> 0;
const SCALE = 'vn-5';

const chromium = sharedBrowser();

afterAll(async () => {
  await killAllHosts();
  await chromium.close();
});

test(`${ROUNDS} rounds of tap → thank-you → SIGKILL lose no acknowledged rating`, { timeout: 600_000 }, async () => {
  const browser = await chromium.get();
  if (!Number.isInteger(SEED)) throw new Error(`E2E_SEED must be an integer, got ${process.env.E2E_SEED}`);
  console.log(`crash-safety: seed ${SEED} (rerun with E2E_SEED=${SEED})`);
  const random = seededRandom(SEED);
  const levels = scales[SCALE];

  const dir = freshDataDir('crash-safety');
  // A long thank-you: the screen never goes back home (no request in flight) before the kill.
  provision(dir, { scaleId: SCALE, thankYouSeconds: 30 });

  const tapped: number[] = [];
  const acknowledged: StoredRating[] = [];
  const started = Date.now();

  for (let round = 1; round <= ROUNDS; round++) {
    const level = levels[Math.floor(random() * levels.length)];
    if (level === undefined) throw new Error('random level out of range');
    const where = `round ${round} (seed ${SEED}, data ${dir})`;

    const host = await startHost(dir);
    const { page } = await openKioskPage(browser, host.url);
    try {
      await waitForHome(page, SCALE);
      const ack = await tapLevel(page, level); // resolves once the thank-you is visible
      const exit = await host.kill();
      expect(exit, where).toEqual({ code: null, signal: 'SIGKILL' });
      tapped.push(level.level);
      acknowledged.push(ack);
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}\nhost stderr: ${host.stderr()}`, {
        cause: error,
      });
    } finally {
      await host.kill();
      await page.close();
    }

    const db = readDatabase(dir);
    expect(db.integrity, where).toEqual(['ok']);
    expect(db.ratings.length, where).toBe(acknowledged.length);
    expect(db.ratings.map((r) => r.level), where).toEqual(tapped);
    expect(db.ratings.map((r) => r.seq), where).toEqual(acknowledged.map((_, i) => i + 1));
    expect(db.ratings.map((r) => r.id), where).toEqual(acknowledged.map((a) => a.id));
    expect(db.ratings.map((r) => r.created_at), where).toEqual(acknowledged.map((a) => a.createdAt));
    expect(new Set(db.ratings.map((r) => r.device_id)), where).toEqual(new Set([db.deviceId]));
    // One rating per launch: every round's host had its own boot id.
    expect(new Set(db.ratings.map((r) => r.boot_id)).size, where).toBe(round);
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(`crash-safety: ${ROUNDS} rounds in ${seconds.toFixed(1)} s (${((seconds * 1000) / ROUNDS).toFixed(0)} ms per round)`);
});

test(`${MID_SAVE_ROUNDS} rounds of SIGKILL while a rating is being saved leave no half rating`, { timeout: 300_000 }, async () => {
  const browser = await chromium.get();
  const seed = (SEED + 1) >>> 0;
  console.log(`crash-safety mid-save: seed ${seed} (rerun with E2E_SEED=${SEED})`);
  const random = seededRandom(seed);
  const levels = scales[SCALE];
  const dir = freshDataDir('crash-mid-save');
  provision(dir, { scaleId: SCALE, thankYouSeconds: 30 });

  /** Levels of the ratings that must be (or turned out to be) stored, in order. */
  const stored: number[] = [];
  let acknowledgedCount = 0;
  let lostUnacknowledged = 0;

  for (let round = 1; round <= MID_SAVE_ROUNDS; round++) {
    const level = levels[Math.floor(random() * levels.length)];
    if (level === undefined) throw new Error('random level out of range');
    // 0–15 ms after the browser sent the request: before, during or just after the commit.
    const delayMs = Math.floor(random() * 16);
    const where = `mid-save round ${round} (seed ${SEED}, delay ${delayMs} ms, data ${dir})`;

    const host = await startHost(dir);
    const { page } = await openKioskPage(browser, host.url);
    // A reply that left the server means the rating was committed, whenever we hear of it.
    let acknowledged = false;
    page.on('response', (response) => {
      if (response.url().endsWith('/api/submitRating') && response.status() === 200) acknowledged = true;
    });
    try {
      await waitForHome(page, SCALE);
      const sent = page.waitForEvent('request', (request) => request.url().endsWith('/api/submitRating'));
      await levelButton(page, level).click();
      await sent;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await host.kill();
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}\nhost stderr: ${host.stderr()}`, {
        cause: error,
      });
    } finally {
      await host.kill();
      await page.close();
    }

    const db = readDatabase(dir);
    expect(db.integrity, where).toEqual(['ok']);
    const n = db.ratings.length;
    // Either this round's rating is there in full, or it is not there at all.
    expect([stored.length, stored.length + 1], where).toContain(n);
    if (acknowledged) expect(n, `${where}: acknowledged but not stored`).toBe(stored.length + 1);
    if (n === stored.length + 1) stored.push(level.level);
    else lostUnacknowledged += 1;
    if (acknowledged) acknowledgedCount += 1;
    expect(db.ratings.map((r) => r.level), where).toEqual(stored);
    expect(db.ratings.map((r) => r.seq), where).toEqual(stored.map((_, i) => i + 1));
  }
  console.log(
    `crash-safety mid-save: ${stored.length} stored (${acknowledgedCount} acknowledged before the kill), ` +
      `${lostUnacknowledged} never stored and never acknowledged`,
  );
});
