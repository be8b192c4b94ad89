// Crash safety: the thank-you is a promise that the rating is on disk. Round after round on one
// data folder, a citizen taps, the backend acknowledges, and the host is killed with SIGKILL at
// once (a crash, as far as the app can tell). Every acknowledged rating must still be there,
// seq must stay gapless and the SQLite file must pass its own integrity check. A second test
// kills the host while the rating is being saved: the rating may or may not be stored, but
// never half, and the file and the seq stay sound.
//
// Most rounds send the page's own request (POST /api/submitRating with the launch's token) over
// HTTP: what is under test is the host's "commit, then reply", and a browser adds seconds per
// round without adding a check. Every PAGE_EVERY-th round goes through the real page in
// Chromium (tap → acknowledgement → thank-you visible → SIGKILL), interleaved on the same data
// folder, so the screen's part of the promise stays proven too.
import { request } from 'node:http';
import { afterAll, expect, test } from 'vitest';
import { z } from 'zod';
import { storedRatingSchema, type StoredRating } from '../../shared/contract';
import { scales, type RatingLevel } from '../../shared/scales';
import { callHost, freshDataDir, hostRoute, killAllHosts, provision, readDatabase, sharedBrowser, startHost, type KioskHost } from '../support/e2e-host';
import { levelButton, openKioskPage, tapLevel, waitForHome } from '../support/e2e-kiosk';
import { seededRandom } from '../support/seeded-random';

const ROUNDS = 100;
const MID_SAVE_ROUNDS = 10;
/** Every PAGE_EVERY-th round taps in the real page; the others go over HTTP. */
const PAGE_EVERY = 10;
const MID_SAVE_PAGE_EVERY = 5;
/** Rerun a failure with the seed it printed: E2E_SEED=<seed> npm run test:e2e. */
const SEED = process.env.E2E_SEED !== undefined && process.env.E2E_SEED !== '' ? Number(process.env.E2E_SEED) : Date.now() >>> 0;
const SCALE = 'vn-5';

const chromium = sharedBrowser();
const acknowledgement = z.object({ ok: z.literal(true), data: storedRatingSchema });

afterAll(async () => {
  await killAllHosts();
  await chromium.close();
});

/** A citizen's tap through the real page: resolves once the thank-you is visible. */
async function tapInPage(host: KioskHost, level: RatingLevel): Promise<StoredRating> {
  const { page } = await openKioskPage(await chromium.get(), host.url);
  try {
    await waitForHome(page, SCALE);
    const ack = await tapLevel(page, level);
    const exit = await host.kill();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    return ack;
  } finally {
    await page.close();
  }
}

/** The page's request without the page: resolves with the backend's acknowledgement. */
async function tapOverHttp(host: KioskHost, level: RatingLevel): Promise<StoredRating> {
  const reply = acknowledgement.parse(await callHost(host.url, 'submitRating', { scale: SCALE, level: level.level }));
  const exit = await host.kill();
  expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
  return reply.data;
}

/** Sends the rating from the page and resolves once the browser sent the request; returns a cleanup. */
async function startSavingInPage(host: KioskHost, level: RatingLevel, onAcknowledged: () => void): Promise<() => Promise<void>> {
  const { page } = await openKioskPage(await chromium.get(), host.url);
  page.on('response', (response) => {
    if (response.url().endsWith('/api/submitRating') && response.status() === 200) onAcknowledged();
  });
  try {
    await waitForHome(page, SCALE);
    const sent = page.waitForEvent('request', (request) => request.url().endsWith('/api/submitRating'));
    await levelButton(page, level).click();
    await sent;
  } catch (error) {
    await page.close();
    throw error;
  }
  return () => page.close();
}

/**
 * The page's requests from Node: the home screen first (as the page loads it, which also warms
 * the host up as a page would), then the rating; resolves once the whole request was handed to
 * the socket.
 */
async function startSavingOverHttp(host: KioskHost, level: RatingLevel, onAcknowledged: () => void): Promise<() => Promise<void>> {
  expect(await callHost(host.url, 'getHomeScreen', {})).toMatchObject({ ok: true, data: { scaleId: SCALE } });
  const { url, authorization } = hostRoute(host.url, 'submitRating');
  const body = JSON.stringify({ scale: SCALE, level: level.level });
  await new Promise<void>((resolve, reject) => {
    let sent = false;
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization } },
      (response) => {
        if (response.statusCode === 200) onAcknowledged();
        response.resume();
      },
    );
    // After the request left, an error is the kill cutting the connection: expected.
    req.on('error', (error) => (sent ? undefined : reject(error)));
    req.once('finish', () => {
      sent = true;
      resolve();
    });
    req.end(body);
  });
  return () => Promise.resolve();
}

test(`${ROUNDS} rounds of tap → acknowledgement → SIGKILL lose no acknowledged rating`, { timeout: 600_000 }, async () => {
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

  let pageRounds = 0;
  /** Where a round's time goes, in ms summed over the rounds of each kind: printed at the end. */
  const spent = { http: { start: 0, tap: 0, check: 0 }, page: { start: 0, tap: 0, check: 0 } };
  for (let round = 1; round <= ROUNDS; round++) {
    const level = levels[Math.floor(random() * levels.length)];
    if (level === undefined) throw new Error('random level out of range');
    const inPage = round % PAGE_EVERY === 0;
    const where = `round ${round} ${inPage ? 'in the page' : 'over HTTP'} (seed ${SEED}, data ${dir})`;

    const times = spent[inPage ? 'page' : 'http'];
    let mark = performance.now();
    const lap = (phase: keyof typeof times) => {
      const at = performance.now();
      times[phase] += at - mark;
      mark = at;
    };
    const host = await startHost(dir);
    lap('start');
    try {
      acknowledged.push(await (inPage ? tapInPage(host, level) : tapOverHttp(host, level)));
      tapped.push(level.level);
      if (inPage) pageRounds += 1;
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}\nhost stderr: ${host.stderr()}`, {
        cause: error,
      });
    } finally {
      await host.kill();
      lap('tap');
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
    lap('check');
  }

  expect(pageRounds).toBe(ROUNDS / PAGE_EVERY);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `crash-safety: ${ROUNDS} rounds (${pageRounds} in the page) in ${seconds.toFixed(1)} s (${((seconds * 1000) / ROUNDS).toFixed(0)} ms per round)`,
  );
  const perRound = (times: Record<string, number>, n: number) =>
    Object.entries(times)
      .map(([phase, ms]) => `${phase} ${(ms / n).toFixed(0)}`)
      .join(', ');
  console.log(
    `crash-safety: ms per round over HTTP: ${perRound(spent.http, ROUNDS - pageRounds)}; in the page: ${perRound(spent.page, pageRounds)}`,
  );
});

test(`${MID_SAVE_ROUNDS} rounds of SIGKILL while a rating is being saved leave no half rating`, { timeout: 300_000 }, async () => {
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
    // 0–15 ms after the request was sent: before, during or just after the commit.
    const delayMs = Math.floor(random() * 16);
    const inPage = round % MID_SAVE_PAGE_EVERY === 0;
    const where = `mid-save round ${round} ${inPage ? 'in the page' : 'over HTTP'} (seed ${SEED}, delay ${delayMs} ms, data ${dir})`;
    const host = await startHost(dir);
    // A reply that left the server means the rating was committed, whenever we hear of it.
    let acknowledged = false;
    let cleanup: () => Promise<void> = () => Promise.resolve();
    try {
      cleanup = await (inPage ? startSavingInPage : startSavingOverHttp)(host, level, () => (acknowledged = true));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await host.kill();
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}\nhost stderr: ${host.stderr()}`, {
        cause: error,
      });
    } finally {
      await host.kill();
      await cleanup();
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
