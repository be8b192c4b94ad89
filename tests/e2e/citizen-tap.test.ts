// The citizen's tap, end to end: built browser host + real Chromium + the SQLite file on disk.
// Each scale shows exactly its buttons; each tap leaves exactly one row with every column as
// the domain says; ratings survive a restart; a double tap is one rating; the reasons question
// after a negative tap fits every screen; screenshots for review.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { type RatingRow } from '../../electron/backend/ratings-repo';
import { defaultReasons } from '../../shared/default-reasons';
import { type StoredRating } from '../../shared/contract';
import { scaleIds, scales, type RatingLevel, type ScaleId } from '../../shared/scales';
import {
  databaseFile,
  e2eFile,
  freshDataDir,
  provision,
  readDatabase,
  readRatings,
  repoRoot,
  screenshotDir,
  startHost,
} from '../support/e2e-host';
import {
  LANDSCAPE_FULL_HD,
  LANDSCAPE_SMALL,
  answerReasonsIfAsked,
  PORTRAIT_FULL_HD,
  levelButton,
  nextAcknowledgement,
  openKioskPage,
  reasonsQuestion,
  tapLevel,
  thankYou,
  waitForHome,
  type KioskPage,
  type Viewport,
} from '../support/e2e-kiosk';

const { version: appVersion } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;
/** Slack for comparing the kiosk's clock with the test's (same machine, so only rounding). */
const CLOCK_SLACK_MS = 1_000;

const { chromium, track } = e2eFile();

/** The shortest thank-you the settings allow. */
const THANK_YOU_SECONDS = 2;

async function open(url: string, viewport: Viewport = LANDSCAPE_SMALL): Promise<KioskPage> {
  const kiosk = await openKioskPage(await chromium.get(), url, viewport);
  track(kiosk.page);
  return kiosk;
}

/** One tap as the test saw it: what was tapped, when, and what the backend acknowledged. */
interface Tap {
  level: RatingLevel;
  startedAt: number;
  acknowledgedAt: number;
  ack: StoredRating;
}

async function tap(page: Page, level: RatingLevel): Promise<Tap> {
  const startedAt = Date.now();
  const ack = await tapLevel(page, level);
  return { level, startedAt, acknowledgedAt: Date.now(), ack };
}

/** Every column of every row, against the taps that produced them (in tap order). */
function expectRowsForTaps(rows: RatingRow[], taps: Tap[], scaleId: ScaleId): void {
  expect(rows).toHaveLength(taps.length);
  const deviceId = rows[0]?.device_id;
  expect(deviceId).toMatch(UUID);
  rows.forEach((row, i) => {
    const t = taps[i];
    if (t === undefined) throw new Error(`no tap for row ${i}`);
    const where = `row ${i + 1} (${t.level.label})`;
    expect(row.id, where).toMatch(UUID_V7);
    expect(row.id, where).toBe(t.ack.id);
    expect(row.device_id, where).toBe(deviceId);
    expect(row.seq, where).toBe(i + 1);
    expect(row.seq, where).toBe(t.ack.seq);
    expect(row.created_at, where).toMatch(CREATED_AT);
    expect(row.created_at, where).toBe(t.ack.createdAt);
    const at = Date.parse(row.created_at);
    expect(at, where).toBeGreaterThanOrEqual(t.startedAt - CLOCK_SLACK_MS);
    expect(at, where).toBeLessThanOrEqual(t.acknowledgedAt + CLOCK_SLACK_MS);
    expect(row.local_day, where).toBe(row.created_at.slice(0, 10));
    expect(row.scale, where).toBe(scaleId);
    expect(row.level, where).toBe(t.level.level);
    expect(row.officer_id, where).toBeNull();
    expect(row.service_code, where).toBeNull();
    expect(row.dossier_code, where).toBeNull();
    expect(row.reasons, where).toBe('[]');
    expect(row.flags, where).toBe('[]');
    expect(row.app_version, where).toBe(appVersion);
    expect(row.boot_id, where).toMatch(UUID);
  });
  // UUIDv7 ids sort by time: tap order, seq order and id order agree.
  expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort());
}

/** The home screen shows exactly the scale's buttons, in the scale's order, and the large-text toggle and the dossier keypad's button (issue 15) before them. */
async function expectExactlyTheScaleButtons(page: Page, scaleId: ScaleId): Promise<void> {
  const levels = scales[scaleId];
  const all = page.getByRole('button');
  expect(await all.count()).toBe(levels.length + 2);
  expect(await all.nth(0).textContent()).toBe('Chữ lớn');
  expect(await all.nth(1).textContent()).toBe('Nhập mã hồ sơ');
  for (const [i, level] of levels.entries()) {
    expect(await levelButton(page, level).count(), level.label).toBe(1);
    // The i-th tile is the one named exactly like the i-th level.
    expect(await all.nth(i + 2).and(levelButton(page, level)).count(), `button ${i + 2} is "${level.label}"`).toBe(1);
  }
}

/** Every button and its label lie fully inside the viewport: nothing to scroll, nothing clipped. */
async function expectButtonsFit(page: Page, scaleId: ScaleId, viewport: Viewport): Promise<void> {
  const size = `${viewport.width}x${viewport.height}`;
  for (const level of scales[scaleId]) {
    const button = levelButton(page, level);
    const box = await button.boundingBox();
    const label = await button.getByText(level.label, { exact: true }).boundingBox();
    if (box === null || label === null) throw new Error(`"${level.label}" is not rendered at ${size}`);
    const where = `"${level.label}" at ${size}`;
    expect(box.x, where).toBeGreaterThanOrEqual(0);
    expect(box.y, where).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
    expect(label.x, `label of ${where}`).toBeGreaterThanOrEqual(box.x - 0.5);
    expect(label.x + label.width, `label of ${where}`).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(label.y + label.height, `label of ${where}`).toBeLessThanOrEqual(box.y + box.height + 0.5);
  }
}

async function screenshot(page: Page, name: string): Promise<string> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  expect(statSync(file).size, file).toBeGreaterThan(1_000);
  return file;
}

/** One kiosk on `scaleId`: exactly its buttons at every kiosk size; each tap is one complete row. */
async function scaleRound(scaleId: ScaleId): Promise<void> {
  const levels = scales[scaleId];
  const dir = freshDataDir(`tap-${scaleId}`);
  provision(dir, { scaleId, thankYouSeconds: THANK_YOU_SECONDS });
  const host = await startHost(dir);
  const { page, errors } = await open(host.url);
  await waitForHome(page, scaleId);
  await expectExactlyTheScaleButtons(page, scaleId);

  for (const viewport of [LANDSCAPE_SMALL, LANDSCAPE_FULL_HD, PORTRAIT_FULL_HD]) {
    await page.setViewportSize(viewport);
    await expectButtonsFit(page, scaleId, viewport);
    await screenshot(page, `home-${scaleId}-${viewport.width}x${viewport.height}`);
  }
  await page.setViewportSize(LANDSCAPE_SMALL);

  const taps: Tap[] = [];
  for (const level of levels) {
    taps.push(await tap(page, level));
    if (taps.length === 1) await screenshot(page, `thanks-${scaleId}-1366x768`);
    // The thank-you goes away by itself and the same scale is offered again. Waited for in real
    // time: a tap sooner than the thank-you allows is one the backend flags (cooldown).
    await waitForHome(page, scaleId);
    await expectExactlyTheScaleButtons(page, scaleId);
  }

  // Read while the host still runs: a committed rating is visible to any other reader.
  const live = readDatabase(dir);
  expect(live.integrity).toEqual(['ok']);
  expectRowsForTaps(live.ratings, taps, scaleId);
  expect(live.ratings[0]?.device_id).toBe(live.deviceId);
  expect(new Set(live.ratings.map((r) => r.boot_id)).size).toBe(1);

  // Checked before the host stops: a stopping server cuts the page's open connections.
  expect(errors).toEqual([]);
  await page.close();
  expect(await host.stop()).toEqual({ code: 0, signal: null });
  expect(host.stdoutLines()).toEqual([expect.stringMatching(/^KIOSK_URL=/)]);
  expect(readRatings(dir)).toEqual(live.ratings);
}

test('every scale, three kiosks side by side: exactly its buttons at every kiosk size; each tap is one complete row', async () => {
  // At once rather than one after another: each kiosk waits out its own thank-you screens in
  // real time (a sooner tap is flagged), and those waits need not add up.
  const results = await Promise.allSettled(scaleIds.map((scaleId) => scaleRound(scaleId)));
  for (const [i, result] of results.entries()) {
    if (result.status === 'rejected') {
      const reason: unknown = result.reason;
      throw new Error(`scale ${scaleIds[i]}: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
    }
  }
});

test('a rating survives a restart; the next one continues seq with a new boot id, same device', async () => {
  const dir = freshDataDir('restart');
  provision(dir, { scaleId: 'vn-3', thankYouSeconds: THANK_YOU_SECONDS });
  const [best, , worst] = scales['vn-3'];
  if (best === undefined || worst === undefined) throw new Error('vn-3 has three levels');

  const first = await startHost(dir);
  const before = await open(first.url);
  await waitForHome(before.page, 'vn-3');
  const firstTap = await tap(before.page, best);
  await waitForHome(before.page, 'vn-3');
  // Checked before the host stops: a stopping server cuts the page's open connections.
  expect(before.errors).toEqual([]);
  await before.page.close();
  expect(await first.stop()).toEqual({ code: 0, signal: null });

  const afterStop = readRatings(dir);
  expectRowsForTaps(afterStop, [firstTap], 'vn-3');

  const second = await startHost(dir);
  // The data folder's kept secret (issue 14); the port is any free one here (--port 0).
  expect(new URL(second.url).hash).toBe(new URL(first.url).hash);
  const after = await open(second.url);
  await waitForHome(after.page, 'vn-3');
  const secondTap = await tap(after.page, worst);
  await waitForHome(after.page, 'vn-3');

  const rows = readRatings(dir);
  expectRowsForTaps(rows, [firstTap, secondTap], 'vn-3');
  const [r1, r2] = rows;
  expect(r1).toEqual(afterStop[0]); // the old row is untouched
  expect(r2?.seq).toBe(2);
  expect(r2?.device_id).toBe(r1?.device_id);
  expect(r2?.boot_id).not.toBe(r1?.boot_id);

  expect(after.errors).toEqual([]);
  await after.page.close();
  expect(await second.stop()).toEqual({ code: 0, signal: null });
  expect(readDatabase(dir).integrity).toEqual(['ok']);
});

test('a double tap, two rapid clicks or two clicks in one frame store exactly one rating each', async () => {
  const dir = freshDataDir('double-tap');
  provision(dir, { scaleId: 'vn-3', thankYouSeconds: 2 });
  const host = await startHost(dir);
  const { page, errors } = await open(host.url);
  let submits = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/submitRating')) submits += 1;
  });
  const [best, good, worst] = scales['vn-3'];
  if (best === undefined || good === undefined || worst === undefined) throw new Error('vn-3 has three levels');

  const variants: [string, RatingLevel, () => Promise<void>][] = [
    ['dblclick', best, () => levelButton(page, best).dblclick()],
    [
      'two rapid clicks',
      good,
      async () => {
        const box = await levelButton(page, good).boundingBox();
        if (box === null) throw new Error(`"${good.label}" is not rendered`);
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        await page.mouse.click(x, y);
        await page.mouse.click(x, y);
      },
    ],
    [
      'two clicks in one frame',
      worst,
      () =>
        page.evaluate((label) => {
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
          if (button === undefined) throw new Error(`no button "${label}"`);
          button.click();
          button.click();
        }, worst.label),
    ],
  ];

  for (const [i, [name, level, doubleTap]] of variants.entries()) {
    await waitForHome(page, 'vn-3');
    await doubleTap();
    await answerReasonsIfAsked(page);
    // Home comes back after the thank-you: any second rating would have been stored by then.
    await waitForHome(page, 'vn-3');
    const rows = readRatings(dir);
    expect(rows.at(-1)?.level, name).toBe(level.level);
    expect(rows.map((r) => r.level), name).toEqual(variants.slice(0, i + 1).map(([, l]) => l.level));
    expect(rows.map((r) => r.seq), name).toEqual(rows.map((_, n) => n + 1));
    expect(submits, `${name}: submitRating requests`).toBe(i + 1);
  }

  expect(errors).toEqual([]);
  await page.close();
  expect(await host.stop()).toEqual({ code: 0, signal: null });
});

test('after a negative tap the reasons question fits every kiosk size, in Vietnamese and English; the answer is stored beside the rating', async () => {
  const dir = freshDataDir('reasons');
  provision(dir, { scaleId: 'vn-5', thankYouSeconds: 2, languages: ['vi', 'en'], reasons: defaultReasons });
  const host = await startHost(dir);
  const { page, errors } = await open(host.url);
  await waitForHome(page, 'vn-5');
  const worst = scales['vn-5'][4];
  if (worst === undefined) throw new Error('vn-5 has five levels');

  const expectInside = async (name: string, viewport: Viewport) => {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    if (box === null) throw new Error(`"${name}" is not rendered`);
    const where = `"${name}" at ${viewport.width}x${viewport.height}`;
    expect(box.x, where).toBeGreaterThanOrEqual(0);
    expect(box.y, where).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
    expect(box.height, `${where}: a finger-sized target`).toBeGreaterThanOrEqual(56);
  };

  const acknowledged = nextAcknowledgement(page);
  await levelButton(page, worst).click();
  const rating = await acknowledged;
  await reasonsQuestion(page).waitFor({ state: 'visible' });
  for (const viewport of [LANDSCAPE_SMALL, LANDSCAPE_FULL_HD, PORTRAIT_FULL_HD]) {
    await page.setViewportSize(viewport);
    for (const reason of defaultReasons) await expectInside(reason.label, viewport);
    await expectInside('Bỏ qua', viewport);
    await expectInside('Gửi lý do', viewport);
    await screenshot(page, `reasons-vn-5-${viewport.width}x${viewport.height}`);
  }
  await page.setViewportSize(LANDSCAPE_SMALL);
  await page.getByRole('button', { name: 'Gây phiền hà, sách nhiễu' }).click();
  await page.getByRole('button', { name: 'Gửi lý do' }).click();
  // A reason on the report path (issue 15): where to report it, until the citizen closes it.
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await thankYou(page).waitFor({ state: 'visible' });
  await waitForHome(page, 'vn-5');

  // An English-reading citizen: the same question and list in English, the same codes stored.
  await page.getByRole('button', { name: 'English' }).click();
  const englishAck = nextAcknowledgement(page);
  await page.getByRole('button', { name: worst.labelEn, exact: true }).click();
  const englishRating = await englishAck;
  await page.getByRole('heading', { name: 'What were you not satisfied with?' }).waitFor({ state: 'visible' });
  await page.setViewportSize(PORTRAIT_FULL_HD);
  for (const reason of defaultReasons) await expectInside(reason.labelEn ?? reason.label, PORTRAIT_FULL_HD);
  await page.getByRole('button', { name: 'Long waiting time' }).click();
  await screenshot(page, 'reasons-english-1080x1920');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Thank you for your rating!', { exact: true }).waitFor({ state: 'visible' });
  await waitForHome(page, 'vn-5');

  const db = openDatabase(databaseFile(dir));
  try {
    expect(db.prepare('SELECT rating_id, reasons FROM reason_answers ORDER BY rowid').all()).toEqual([
      { rating_id: rating.id, reasons: JSON.stringify([{ code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu' }]) },
      { rating_id: englishRating.id, reasons: JSON.stringify([{ code: 'CHO-LAU', label: 'Thời gian chờ lâu' }]) },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 2 });
  } finally {
    db.close();
  }
  expect(errors).toEqual([]);
  await page.close();
  expect(await host.stop()).toEqual({ code: 0, signal: null });
});
