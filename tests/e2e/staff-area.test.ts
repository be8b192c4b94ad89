// The counter officials' staff area, end to end (issue 4): the built browser host on a real
// data folder, a real Chromium, the SQLite file, the log and the exported files read back
// behind the app's back. One kiosk, one story, in order:
//   1. the section head gets in with the 3-second press (a tap does not), changes the default
//      PIN (a weak one is refused) and adds an officer;
//   2. the officer gets in, changes the initial PIN, starts a shift in "Hộ tịch"; the citizen
//      screen names them;
//   3. citizens tap; every row carries the officer and the service area;
//   4. the dashboard equals the hand count, draws its charts and updates live;
//   5. the .xlsx and the CSV read back with Vietnamese headers, numbers, dates, diacritics;
//   6. the daily report prints to exactly one A4 page;
//   7. 5 wrong PINs, then even the right one is refused with a countdown; no PIN is in clear
//      in the data folder (database, WAL, log).
// Each step needs the ones before it; a failed step makes the later ones fail at once, saying so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { type Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { currentLogFile } from '../../electron/backend/logger';
import { type RatingRow } from '../../electron/backend/ratings-repo';
import { scales, type RatingLevel } from '../../shared/scales';
import {
  databaseFile,
  freshDataDir,
  killAllHosts,
  outputDir,
  provision,
  readDatabase,
  readRatings,
  screenshotDir,
  sharedBrowser,
  startHost,
  type KioskHost,
} from '../support/e2e-host';
import { LANDSCAPE_FULL_HD, LANDSCAPE_SMALL, openKioskPage, tapLevel, waitForHome, type Viewport } from '../support/e2e-kiosk';
import {
  backToStaffHome,
  closeStaffArea,
  drawnHourlyStacks,
  enterNewPinTwice,
  enterOfficerPinTwice,
  filesUnder,
  findSecrets,
  holdRing,
  homeTile,
  inputsHoldingPins,
  officerIdByCode,
  openStaffArea,
  pinDots,
  pinKey,
  pinReply,
  signInTile,
  signInWithPin,
  staffArea,
  staffEntry,
  submitPin,
  typePin,
  waitForChartsToSettle,
  watchForStaffUi,
} from '../support/e2e-staff';

const SCALE = 'vn-3';
const DEFAULT_PIN = '123456';
const WEAK_PIN = '111111';
const HEAD_PIN = '583920';
const OFFICER = {
  code: 'CB-HT-01',
  name: 'Nguyễn Thị Hoà',
  title: 'Công chức Tư pháp – Hộ tịch',
  initialPin: '802413',
  pin: '736159',
} as const;
/** Five wrong PINs for the officer (none is theirs); the sixth attempt is the right PIN. */
const WRONG_PINS = ['907135', '246081', '319572', '640297', '158364'] as const;
const ALL_PINS = [DEFAULT_PIN, WEAK_PIN, HEAD_PIN, OFFICER.initialPin, OFFICER.pin, ...WRONG_PINS];
const SERVICE = { code: 'HO-TICH', name: 'Hộ tịch' } as const;
const NBSP = '\u00a0';

const [VERY_GOOD, GOOD, NOT_SATISFIED] = scales[SCALE];
if (VERY_GOOD === undefined || GOOD === undefined || NOT_SATISFIED === undefined) throw new Error('vn-3 has three levels');
/** The citizens' taps on screen, in order: 3 × Rất hài lòng, 2 × Hài lòng, 1 × Không hài lòng. */
const TAPS: readonly RatingLevel[] = [VERY_GOOD, GOOD, VERY_GOOD, NOT_SATISFIED, GOOD, VERY_GOOD];

const reportsDir = join(outputDir, 'reports');
const chromium = sharedBrowser();

afterAll(async () => {
  await chromium.close();
  await killAllHosts();
});

// ---------------------------------------------------------------------------------------------
// One kiosk for the whole file, started on first use (a failure fails the tests, never skips)

interface Rig {
  dir: string;
  host: KioskHost;
  page: Page;
  errors: string[];
  /** Every rating the kiosk stored, as the test made it (taps and the API call), in order. */
  rated: RatingLevel[];
  officerId?: string;
}

let starting: Promise<Rig> | undefined;
const rig = (): Promise<Rig> =>
  (starting ??= (async () => {
    mkdirSync(screenshotDir, { recursive: true });
    mkdirSync(reportsDir, { recursive: true });
    const dir = freshDataDir('staff-area');
    // This script rates faster than one counter serves citizens (7 ratings in under a minute):
    // the burst limit is raised so they count as ordinary ratings (cooldown still applies).
    provision(dir, { scaleId: SCALE, thankYouSeconds: 2, burstMaxPerMinute: 10 });
    const host = await startHost(dir);
    const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);
    // Browser mode prints through window.print(): headless Chromium must not block on a dialog.
    // The stub counts the calls, so the test sees the print path was taken.
    const stubPrint = () => {
      const counted = window as unknown as { printCalls: number };
      counted.printCalls = 0;
      window.print = () => {
        counted.printCalls += 1;
      };
    };
    await page.addInitScript(stubPrint);
    await page.evaluate(stubPrint);
    await waitForHome(page, SCALE);
    return { dir, host, page, errors, rated: [] };
  })());

const passed = new Set<string>();
function needs(...steps: string[]): void {
  const missing = steps.filter((s) => !passed.has(s));
  if (missing.length > 0) throw new Error(`Not run: an earlier step failed (${missing.join(', ')}).`);
}

async function screenshot(page: Page, name: string, viewport?: Viewport): Promise<string> {
  if (viewport !== undefined) await page.setViewportSize(viewport);
  // The mouse rests where the test last pressed; park it so no chart tooltip shows.
  await page.mouse.move(1, (page.viewportSize()?.height ?? LANDSCAPE_SMALL.height) - 1);
  await expect.poll(() => page.locator('.recharts-tooltip-wrapper:visible').count()).toBe(0);
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  expect(readFileSync(file).length, file).toBeGreaterThan(1_000);
  return file;
}

/** Vietnamese percentage as the kiosk writes it: one decimal, comma, no-break space: "83,3 %". */
function share(count: number, total: number): string {
  return `${(Math.round((count / total) * 1000) / 10).toFixed(1).replace('.', ',')}${NBSP}%`;
}

function handCount(rated: readonly RatingLevel[]) {
  const byLevel = scales[SCALE].map((level) => ({ level, count: rated.filter((r) => r.level === level.level).length }));
  const satisfied = rated.filter((r) => r.satisfied).length;
  return { total: rated.length, satisfied, byLevel };
}

/** The cells of a table's body rows, as text. */
function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));
}

function timed<T>(label: string, run: () => Promise<T>): () => Promise<T> {
  return async () => {
    const started = Date.now();
    try {
      return await run();
    } finally {
      console.log(`staff-area: ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Section head

test(
  'section head: a tap or a short press does not open the staff area; the 3-second press does; default PIN → forced change (weak refused) → adds an officer',
  timed('1 section head', async () => {
    const { page, errors, dir } = await rig();

    // A citizen's tap on the office name: nothing, not even the ring, for longer than the hold.
    const { x, y } = await staffEntry(page)
      .boundingBox()
      .then((box) => {
        if (box === null) throw new Error('office name not rendered');
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      });
    await page.mouse.click(x, y);
    expect(await watchForStaffUi(page, 3_500), 'after a tap').toEqual([]);

    // A press let go after 1.5 s: the ring showed (staff can see the hold counting), then went.
    const pressStarted = Date.now();
    await page.mouse.move(x, y);
    await page.mouse.down();
    await holdRing(page).waitFor({ state: 'visible', timeout: 3_000 });
    expect(Date.now() - pressStarted, 'the ring shows after about 1 s, not at once').toBeGreaterThanOrEqual(900);
    await page.waitForTimeout(Math.max(0, 1_500 - (Date.now() - pressStarted)));
    await page.mouse.up();
    await holdRing(page).waitFor({ state: 'hidden' });
    expect(await watchForStaffUi(page, 3_500 - (Date.now() - pressStarted)), 'after a 1.5 s press').toEqual([]);
    expect(await staffArea(page).count()).toBe(0);

    // The real way in.
    await openStaffArea(page);
    await signInTile(page, 'Trưởng bộ phận').click();
    await page.getByRole('heading', { name: 'Nhập mã PIN' }).waitFor();
    await signInWithPin(page, DEFAULT_PIN);

    // The default PIN must be changed before anything else.
    await page.getByRole('heading', { name: 'Đặt mã PIN mới' }).waitFor();
    await expect.poll(() => page.locator('.menu-grid').count()).toBe(0);
    const weak = await enterNewPinTwice(page, WEAK_PIN);
    expect(weak.ok).toBe(false);
    expect(weak.error?.code).toBe('PIN_TOO_WEAK');
    await page.getByRole('alert').filter({ hasText: 'Mã PIN quá dễ đoán' }).waitFor();
    const strong = await enterNewPinTwice(page, HEAD_PIN);
    expect(strong, 'changePin to a strong PIN').toMatchObject({ ok: true });

    // The section head's home.
    await page.locator('.menu-grid').waitFor();
    expect(await page.locator('.menu-grid button').allTextContents()).toEqual([
      'Thống kê đánh giá',
      'Báo cáo',
      'Cán bộ',
      'Lĩnh vực',
      'Cài đặt thống kê',
      'Đặt lại mã PIN bằng tệp',
      'Tra cứu mã phản ánh',
      'Đổi mã PIN',
    ]);
    await expect.poll(() => page.locator('.staff-bar-who').textContent()).toBe('Trưởng bộ phận');

    // The PIN reset file page (the IT admin's forgotten PIN): the stick's folder first.
    await homeTile(page, 'Đặt lại mã PIN bằng tệp').click();
    await page.getByText('Chọn thư mục USB trước.').waitFor();
    await screenshot(page, 'staff-pin-reset-file-1366x768');
    await page.getByRole('button', { name: '‹ Trang chính' }).click();

    // Add the officer.
    await homeTile(page, 'Cán bộ').click();
    await page.getByRole('button', { name: '+ Thêm cán bộ' }).click();
    await page.getByLabel('Mã cán bộ').fill(OFFICER.code);
    await page.getByLabel('Họ và tên').fill(OFFICER.name);
    await page.getByLabel('Chức danh').fill(OFFICER.title);
    // The initial PIN on the pad, twice (issue 10): dots only, no text field while it shows.
    await enterOfficerPinTwice(page, OFFICER.initialPin, 'initial', async () => {
      expect(await staffArea(page).locator('input, textarea').count(), 'no text field beside the pad').toBe(0);
      await screenshot(page, 'staff-officer-initial-pin-1366x768');
    });
    expect(await page.getByLabel('Họ và tên').inputValue(), 'the form kept its fields').toBe(OFFICER.name);
    expect(await inputsHoldingPins(page, ALL_PINS), 'no text or password field carries a PIN').toEqual([]);
    expect(await page.content(), 'the PIN is not in the page').not.toContain(OFFICER.initialPin);
    await screenshot(page, 'staff-officer-form-pin-set-1366x768');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Đã lưu cán bộ ${OFFICER.name}.` }).waitFor();
    await page.getByRole('button', { name: `Sửa thông tin ${OFFICER.name}` }).waitFor();
    await expect.poll(() => page.locator('.officer-row-meta').first().textContent()).toBe(`${OFFICER.code} · ${OFFICER.title}`);

    await closeStaffArea(page);
    await waitForHome(page, SCALE);
    expect(await page.getByTestId('officer-on-duty').count(), 'no shift yet: nobody is named').toBe(0);

    const r = await rig();
    r.officerId = officerIdByCode(dir, OFFICER.code);
    expect(errors).toEqual([]);
    passed.add('officer added');
  }),
);

// ---------------------------------------------------------------------------------------------
// 2. Officer signs in and starts a shift

test(
  'officer: initial PIN → forced change → shift in "Hộ tịch"; the citizen screen says "Cán bộ tiếp nhận: Nguyễn Thị Hoà"',
  timed('2 officer shift', async () => {
    needs('officer added');
    const { page, errors } = await rig();

    await openStaffArea(page);
    const tile = signInTile(page, OFFICER.name);
    await tile.waitFor();
    expect(await tile.textContent()).toContain(OFFICER.title);
    await screenshot(page, 'staff-sign-in-chooser-1366x768');

    await tile.click();
    await page.getByRole('heading', { name: 'Nhập mã PIN' }).waitFor();
    expect(await page.locator('.pin-who-name').textContent()).toBe(OFFICER.name);
    // Three digits in, the dots show them; "Xoá" takes them out again.
    await typePin(page, OFFICER.initialPin.slice(0, 3));
    expect(await pinKey(page, 'OK').isDisabled(), 'OK needs 6 digits').toBe(true);
    await screenshot(page, 'staff-pin-pad-1366x768');
    for (let n = 3; n > 0; n--) await pinKey(page, 'Xoá').click();
    await expect.poll(() => pinDots(page).getAttribute('aria-label')).toBe('Mã PIN: đã nhập 0 chữ số');
    await signInWithPin(page, OFFICER.initialPin);

    await page.getByRole('heading', { name: 'Đặt mã PIN mới' }).waitFor();
    expect(await enterNewPinTwice(page, OFFICER.pin), 'changePin').toMatchObject({ ok: true });

    // The officer's home: the shift panel and their tiles.
    await page.getByRole('heading', { name: 'Ca làm việc' }).waitFor();
    expect(await page.locator('.menu-grid button').allTextContents()).toEqual(['Thống kê đánh giá', 'Báo cáo', 'Đổi mã PIN']);
    await expect.poll(() => page.getByTestId('shift-state').textContent()).toBe('Chưa có ca làm việc nào tại quầy.');
    await page.getByRole('button', { name: 'Bắt đầu ca làm việc' }).click();
    await page.getByRole('group', { name: 'Chọn lĩnh vực cho ca làm việc' }).getByRole('button', { name: SERVICE.name, exact: true }).click();
    await expect.poll(() => page.getByTestId('shift-state').textContent()).toMatch(new RegExp(`^Bạn đang trong ca từ \\d{2}:\\d{2} · Lĩnh vực: ${SERVICE.name}$`));
    await expect.poll(() => page.locator('.staff-bar-who').textContent()).toBe(`${OFFICER.name} · Cán bộ một cửa`);
    await screenshot(page, 'staff-officer-home-shift-1366x768');

    // Back on the citizen screen: the officer on duty is named.
    await closeStaffArea(page);
    await waitForHome(page, SCALE);
    const onDuty = page.getByTestId('officer-on-duty');
    // The text beside the avatar (whose initial, "H", is decoration hidden from readers).
    await expect.poll(() => onDuty.locator(':scope > span:not([aria-hidden="true"])').textContent()).toBe(`Cán bộ tiếp nhận: ${OFFICER.name} · ${OFFICER.title}`);
    expect(await onDuty.locator('strong').textContent()).toBe(OFFICER.name);
    await screenshot(page, 'staff-citizen-officer-named-1366x768');

    expect(errors).toEqual([]);
    passed.add('shift started');
  }),
);

/** The officer (PIN already changed) opens the dashboard from the citizen screen. */
async function openOfficerDashboard(page: Page): Promise<void> {
  await openStaffArea(page);
  await signInTile(page, OFFICER.name).click();
  await signInWithPin(page, OFFICER.pin);
  // A changed PIN is not asked to change again: straight to the home.
  await page.getByRole('heading', { name: 'Ca làm việc' }).waitFor();
  await homeTile(page, 'Thống kê đánh giá').click();
  expect(await page.getByRole('group', { name: 'Khoảng thời gian' }).getByRole('button', { name: 'Hôm nay' }).getAttribute('aria-pressed')).toBe('true');
}

/**
 * The hourly chart as drawn equals the stored ratings: one stack per local hour that has
 * ratings, standing on that hour's label, one segment per level present (best at the bottom,
 * in the level's colour), segment heights in proportion to the counts.
 */
async function expectHourlyChartDrawn(page: Page, scopeSelector: string, rows: readonly RatingRow[]): Promise<void> {
  await waitForChartsToSettle(page, scopeSelector);
  const drawn = await drawnHourlyStacks(page, scopeSelector);
  const hours = [...new Set(rows.map((row) => Number(row.created_at.slice(11, 13))))].sort((a, b) => a - b);
  expect(drawn.map((stack) => stack.hour).sort(), 'hours with a bar').toEqual(hours.map((h) => `${h}h`).sort());
  for (const hour of hours) {
    const inHour = rows.filter((row) => Number(row.created_at.slice(11, 13)) === hour);
    const expected = scales[SCALE].map((level) => ({ level, count: inHour.filter((row) => row.level === level.level).length })).filter((e) => e.count > 0);
    const stack = drawn.find((d) => d.hour === `${hour}h`);
    if (stack === undefined) throw new Error(`no bar at ${hour}h`);
    expect(stack.segments.map((seg) => seg.fill.toLowerCase()), `colours at ${hour}h, bottom to top`).toEqual(expected.map((e) => e.level.background.toLowerCase()));
    const pxPerRating = stack.segments.reduce((n, seg) => n + seg.height, 0) / inHour.length;
    for (const [i, seg] of stack.segments.entries()) {
      expect(seg.height / pxPerRating, `${expected[i]?.level.label} at ${hour}h`).toBeCloseTo(expected[i]?.count ?? -1, 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Ratings carry the officer

test(
  'ratings tapped during the shift carry the officer id and service_code HO-TICH in the SQLite file',
  timed('3 taps', async () => {
    needs('shift started');
    const r = await rig();
    const { page, errors, dir } = r;
    const before = readRatings(dir);
    expect(before).toEqual([]);

    // The one negative rating names two reasons of two survey factors (issue 15).
    const tap = async (level: RatingLevel) => {
      await tapLevel(page, level, level.satisfied ? 'skip' : FACTOR_REASONS);
      r.rated.push(level);
      await waitForHome(page, SCALE);
      // Home comes back with the officer still named.
      await page.getByTestId('officer-on-duty').waitFor();
    };
    for (const level of TAPS.slice(0, 4)) await tap(level);

    // 4 ratings, below the default minimum of 5: the officer's rate is not shown yet.
    await openOfficerDashboard(page);
    await expect.poll(() => page.getByTestId('total-ratings').textContent()).toBe('4');
    expect(await tableRows(page, 'officer-table')).toEqual([[OFFICER.name, '4', '3', 'chưa đủ dữ liệu']]);
    expect(await page.getByTestId('officer-table').locator('caption').textContent()).toContain('từ 5 đánh giá trở lên');
    // Issue 14: the area was served by this one officer, so its rate would be theirs: the same
    // minimum applies, and the headline rate of a day one officer served too; the screen says why.
    expect(await tableRows(page, 'service-area-table')).toEqual([[SERVICE.name, '4', '3', 'chưa đủ dữ liệu']]);
    expect(await page.getByTestId('satisfaction-rate').textContent()).toBe('chưa đủ dữ liệu');
    expect(await page.getByTestId('service-area-table').locator('caption').textContent()).toContain('chỉ do một cán bộ phục vụ');
    await page.screenshot({ path: join(screenshotDir, 'dashboard-one-officer-below-minimum.png'), fullPage: true });
    await closeStaffArea(page);
    await waitForHome(page, SCALE);

    for (const level of TAPS.slice(4)) await tap(level);

    const db = readDatabase(dir);
    expect(db.integrity).toEqual(['ok']);
    expect(db.ratings.map((row) => row.level)).toEqual(TAPS.map((l) => l.level));
    for (const row of db.ratings) {
      expect(row.officer_id, `rating ${row.seq}`).toBe(r.officerId);
      expect(row.service_code, `rating ${row.seq}`).toBe(SERVICE.code);
      expect(row.scale, `rating ${row.seq}`).toBe(SCALE);
    }
    // The hand count the next steps compare with.
    expect(handCount(r.rated)).toMatchObject({ total: 6, satisfied: 5 });
    expect(handCount(r.rated).byLevel.map((b) => b.count)).toEqual([3, 2, 1]);

    expect(errors).toEqual([]);
    passed.add('rated');
  }),
);

// ---------------------------------------------------------------------------------------------
// 4. Dashboard

/** The negative rating's reasons: "Thời gian chờ lâu" (access), "Thái độ cán bộ chưa tốt" (officer). */
const FACTOR_REASONS = ['Thời gian chờ lâu', 'Thái độ cán bộ chưa tốt'];
const FACTOR_ROWS = [
  ['Tiếp cận dịch vụ', '1', share(1, 2)],
  ['Thủ tục hành chính', '0', share(0, 2)],
  ['Công chức giải quyết công việc', '1', share(1, 2)],
  ['Kết quả giải quyết công việc', '0', share(0, 2)],
  ['Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị', '0', share(0, 2)],
];

async function expectDashboardFigures(page: Page, rated: readonly RatingLevel[]): Promise<void> {
  const hand = handCount(rated);
  await expect.poll(() => page.getByTestId('total-ratings').textContent()).toBe(String(hand.total));
  expect(await page.getByTestId('satisfaction-rate').textContent()).toBe(share(hand.satisfied, hand.total));
  expect(await tableRows(page, `levels-${SCALE}`)).toEqual(hand.byLevel.map(({ level, count }) => [level.label, String(count), share(count, hand.total)]));
  // 6 ≥ 5 (the default minimum): the officer's rate is shown, not "chưa đủ dữ liệu".
  expect(await tableRows(page, 'officer-table')).toEqual([[OFFICER.name, String(hand.total), String(hand.satisfied), share(hand.satisfied, hand.total)]]);
  expect(await tableRows(page, 'service-area-table')).toEqual([[SERVICE.name, String(hand.total), String(hand.satisfied), share(hand.satisfied, hand.total)]]);
  expect(await tableRows(page, 'factor-table')).toEqual(FACTOR_ROWS);
}

test(
  'dashboard (Hôm nay) equals the hand count, draws both charts, and updates live when a rating arrives',
  timed('4 dashboard', async () => {
    needs('rated');
    const r = await rig();
    const { page, errors, dir, host } = r;

    await openOfficerDashboard(page);

    // The hand count: 6 ratings, 3 / 2 / 1, 83,3 %.
    await expectDashboardFigures(page, r.rated);
    expect(await page.getByTestId('total-ratings').textContent()).toBe('6');
    expect(await page.getByTestId('satisfaction-rate').textContent()).toBe(`83,3${NBSP}%`);
    expect(await tableRows(page, `levels-${SCALE}`)).toEqual([
      ['Rất hài lòng', '3', `50,0${NBSP}%`],
      ['Hài lòng', '2', `33,3${NBSP}%`],
      ['Không hài lòng', '1', `16,7${NBSP}%`],
    ]);
    expect(await tableRows(page, 'officer-table')).toEqual([[OFFICER.name, '6', '5', `83,3${NBSP}%`]]);

    // Charts: recharts drew an svg with bars in each.
    for (const chart of ['hourly-chart', 'trend-chart']) {
      await expect.poll(() => page.getByTestId(chart).locator('svg.recharts-surface').count(), { message: chart }).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId(chart).locator('.recharts-bar-rectangle path, path.recharts-rectangle').count(), { message: `${chart} bars` }).toBeGreaterThan(0);
    }
    // The trend has today's satisfaction point.
    await expect.poll(() => page.getByTestId('trend-chart').locator('.recharts-line-dot, .recharts-dot').count()).toBeGreaterThan(0);
    await expectHourlyChartDrawn(page, '[data-testid="hourly-chart"]', readRatings(dir));

    // Live: a rating arrives while the dashboard is open (posted to the host with the page's own
    // token, as the citizen screen would); the figures change without a reload.
    const token = await page.evaluate(() => sessionStorage.getItem('kiosk-token'));
    expect(token).toBe(new URL(host.url).hash.replace('#token=', ''));
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const reply = await fetch(new URL('/api/submitRating', host.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
      body: JSON.stringify({ scale: SCALE, level: GOOD.level }),
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ ok: true });
    r.rated.push(GOOD);
    await expect.poll(() => page.getByTestId('total-ratings').textContent(), { timeout: 10_000 }).toBe('7');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expectDashboardFigures(page, r.rated);
    expect(await page.getByTestId('satisfaction-rate').textContent()).toBe(`85,7${NBSP}%`);
    // The API rating went to the same officer and area as the taps.
    const last = readRatings(dir).at(-1);
    expect(last).toMatchObject({ level: GOOD.level, officer_id: r.officerId, service_code: SERVICE.code });

    // The live refresh redrew the charts: the hourly stacks now hold the 7th rating too.
    await expectHourlyChartDrawn(page, '[data-testid="hourly-chart"]', readRatings(dir));

    await screenshot(page, 'staff-dashboard-1366x768');
    await page.getByTestId('officer-table').scrollIntoViewIfNeeded();
    await waitForChartsToSettle(page, '.dashboard');
    await screenshot(page, 'staff-dashboard-tables-1366x768');
    await page.setViewportSize(LANDSCAPE_FULL_HD);
    await page.locator('.staff-page-nav').scrollIntoViewIfNeeded();
    // A resize animates the charts to their new width: screenshot them once they stand still.
    await waitForChartsToSettle(page, '.dashboard');
    await screenshot(page, 'staff-dashboard-1920x1080');
    await page.setViewportSize(LANDSCAPE_SMALL);

    expect(errors).toEqual([]);
    passed.add('dashboard');
  }),
);

// ---------------------------------------------------------------------------------------------
// 5. Exports

function cellValues(row: ExcelJS.Row): unknown[] {
  const values = row.values;
  return Array.isArray(values) ? values.slice(1) : [];
}

/** The header and data rows of a summary section, found by its title, up to the next blank row. */
function section(sheet: ExcelJS.Worksheet, title: string): { header: unknown[]; rows: unknown[][] } {
  let titleRow = 0;
  sheet.eachRow((row, n) => {
    if (titleRow === 0 && row.getCell(1).value === title) titleRow = n;
  });
  if (titleRow === 0) throw new Error(`No section "${title}" in sheet ${sheet.name}`);
  const header = cellValues(sheet.getRow(titleRow + 1));
  const rows: unknown[][] = [];
  for (let n = titleRow + 2; n <= sheet.rowCount; n++) {
    const values = cellValues(sheet.getRow(n));
    if (values.every((v) => v === undefined || v === null || v === '')) break;
    rows.push(values);
  }
  return { header, rows };
}

function labelled(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    if (found === undefined && row.getCell(1).value === label) found = row.getCell(2);
  });
  if (found === undefined) throw new Error(`No row "${label}" in sheet ${sheet.name}`);
  return found;
}

test(
  'reports: today as .xlsx (Vietnamese headers, numbers are numbers, dates are dates) and as CSV (UTF-8 BOM, diacritics intact)',
  timed('5 exports', async () => {
    needs('dashboard');
    const { page, errors, dir, rated } = await rig();
    const hand = handCount(rated);
    const rows = readRatings(dir);
    expect(rows).toHaveLength(hand.total);
    const today = rows[0]?.local_day ?? '';

    await backToStaffHome(page);
    await homeTile(page, 'Báo cáo').click();
    await page.getByRole('group', { name: 'Khoảng thời gian' }).getByRole('button', { name: 'Hôm nay' }).click();

    // Excel
    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất Excel' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxPath = join(reportsDir, 'today.xlsx');
    await xlsx.saveAs(xlsxPath);
    await page.getByRole('status').filter({ hasText: `Đã tạo tệp ${xlsx.suggestedFilename()}.` }).waitFor();

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxPath);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Dữ liệu gốc']);
    const summary = book.getWorksheet('Tổng hợp');
    const raw = book.getWorksheet('Dữ liệu gốc');
    if (summary === undefined || raw === undefined) throw new Error('sheets missing');

    expect(labelled(summary, 'Tổng số đánh giá').value).toBe(hand.total);
    expect(labelled(summary, 'Hài lòng trở lên').value).toBe(hand.satisfied);
    const rate = labelled(summary, 'Tỉ lệ hài lòng');
    expect(rate.value).toBeCloseTo(hand.satisfied / hand.total, 10);
    expect(rate.numFmt).toContain('%');
    const from = labelled(summary, 'Từ ngày');
    expect(from.value).toBeInstanceOf(Date);
    expect((from.value as Date).toISOString().slice(0, 10)).toBe(today);

    const levels = section(summary, 'Theo mức độ');
    expect(levels.header).toEqual(['Thang', 'Mức', 'Nhãn', 'Số lượt', 'Tỉ lệ']);
    const threeLevels = levels.rows.filter((row) => row[0] === '3 mức');
    expect(threeLevels.map((row) => [row[1], row[2], row[3]])).toEqual(hand.byLevel.map(({ level, count }) => [level.level, level.label, count]));
    for (const row of threeLevels) {
      expect(typeof row[3], `count of ${String(row[2])}`).toBe('number');
      expect(row[4] as number).toBeCloseTo((row[3] as number) / hand.total, 10);
    }
    const officers = section(summary, 'Theo cán bộ');
    expect(officers.header).toEqual(['Cán bộ', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
    expect(officers.rows.map((row) => row.slice(0, 3))).toEqual([[OFFICER.name, hand.total, hand.satisfied]]);
    const areas = section(summary, 'Theo lĩnh vực');
    expect(areas.rows.map((row) => row.slice(0, 3))).toEqual([[SERVICE.name, hand.total, hand.satisfied]]);
    const days = section(summary, 'Theo ngày');
    expect(days.header).toEqual(['Ngày', 'Số lượt', 'Hài lòng trở lên', 'Tỉ lệ hài lòng']);
    expect(days.rows).toHaveLength(1);
    expect(days.rows[0]?.[0]).toBeInstanceOf(Date);
    expect(days.rows[0]?.slice(1, 3)).toEqual([hand.total, hand.satisfied]);

    expect(cellValues(raw.getRow(1))).toEqual(['Thời điểm', 'Ngày', 'Thang', 'Mức', 'Nhãn', 'Cán bộ', 'Lĩnh vực', 'Mã hồ sơ', 'Lý do', 'Nhóm tiêu chí']);
    expect(raw.rowCount).toBe(1 + hand.total);
    const rawRows = Array.from({ length: hand.total }, (_, i) => raw.getRow(i + 2));
    for (const [i, row] of rawRows.entries()) {
      const stored = rows[i];
      if (stored === undefined) throw new Error(`no stored rating ${i + 1}`);
      const where = `raw row ${i + 2}`;
      expect(row.getCell(1).type, where).toBe(ExcelJS.ValueType.Date);
      expect(row.getCell(2).type, where).toBe(ExcelJS.ValueType.Date);
      // Excel dates are wall-clock: the cell reads the kiosk's local time of the rating.
      expect((row.getCell(1).value as Date).toISOString().slice(0, 23), where).toBe(stored.created_at.slice(0, 23));
      expect((row.getCell(2).value as Date).toISOString().slice(0, 10), where).toBe(stored.local_day);
      expect(row.getCell(4).type, where).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(4).value, where).toBe(stored.level);
      expect(row.getCell(5).value, where).toBe(rated[i]?.label);
      expect(row.getCell(6).value, where).toBe(OFFICER.name);
      expect(row.getCell(7).value, where).toBe(SERVICE.name);
    }

    // CSV
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất CSV' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvPath = join(reportsDir, 'today.csv');
    await csv.saveAs(csvPath);
    const bytes = readFileSync(csvPath);
    expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('Thời điểm,Ngày,Thang,Mức,Nhãn,Cán bộ,Lĩnh vực,Mã hồ sơ,Lý do,Nhóm tiêu chí');
    const dataLines = lines.slice(1, -1);
    expect(dataLines).toHaveLength(hand.total);
    expect(text).toContain('Rất hài lòng');
    expect(text).toContain(OFFICER.name);
    for (const { level, count } of hand.byLevel) {
      expect(dataLines.filter((line) => line.split(',')[4] === level.label), level.label).toHaveLength(count);
    }
    for (const line of dataLines) {
      expect(line.split(',').slice(5, 7)).toEqual([OFFICER.name, SERVICE.name]);
    }

    expect(errors).toEqual([]);
    passed.add('exports');
  }),
);

// ---------------------------------------------------------------------------------------------
// 6. The printed daily report

/** Page objects of a PDF (`/Type /Page`, not `/Pages`) and the page tree's `/Count`. */
function pdfPages(pdf: Buffer): { pageObjects: number; counts: number[]; mediaBoxes: number[][] } {
  const text = pdf.toString('latin1');
  const pageObjects = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  const mediaBoxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) => (m[1] ?? '').trim().split(/\s+/).map(Number));
  return { pageObjects, counts, mediaBoxes };
}

function hasPdftoppm(): boolean {
  const probe = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
  return probe.error === undefined;
}

test(
  'the daily report prints to exactly one A4 page (browser mode: print dialog, print stylesheet rendered to PDF by Chromium)',
  timed('6 print', async () => {
    needs('exports');
    const { page, errors, rated, dir } = await rig();
    const hand = handCount(rated);

    await page.getByRole('button', { name: 'In báo cáo ngày' }).click();
    const report = page.getByTestId('print-report');
    await report.waitFor({ state: 'visible' });
    // Browser mode: savePdfReport answers NOT_SUPPORTED, the page opens the print dialog.
    await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
    expect(await report.locator('.print-title').textContent()).toBe('BÁO CÁO NGÀY');
    expect(await report.locator('.print-period').textContent()).toMatch(/^Ngày \d{2}\/\d{2}\/\d{4} · Quầy số 1$/);
    expect(await report.getByTestId('total-ratings').textContent()).toBe(String(hand.total));
    expect(await report.getByTestId('satisfaction-rate').textContent()).toBe(share(hand.satisfied, hand.total));
    expect(await report.locator('svg.recharts-surface').count(), 'hourly and trend charts').toBeGreaterThanOrEqual(2);
    expect(await report.locator('.print-footer').textContent()).toMatch(/^In lúc: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(await tableRows(page, 'officer-table')).toEqual([[OFFICER.name, String(hand.total), String(hand.satisfied), share(hand.satisfied, hand.total)]]);
    expect(await tableRows(page, 'factor-table')).toEqual(FACTOR_ROWS);
    await expectHourlyChartDrawn(page, '[data-testid="print-report"]', readRatings(dir));
    // The whole A4 sheet on screen (taller than the kiosk screen), as the preview shows it.
    await screenshot(page, 'staff-print-preview-1366x1300', { width: 1366, height: 1300 });
    await page.setViewportSize(LANDSCAPE_SMALL);

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdfPath = join(reportsDir, 'daily-report.pdf');
    writeFileSync(pdfPath, pdf);

    const pages = pdfPages(pdf);
    expect(pages.pageObjects, 'page objects in the PDF').toBe(1);
    expect(pages.counts, 'the page tree counts one page').toEqual([1]);
    // A4 portrait in points: 595.28 × 841.89 (Chromium rounds to 1/100 in).
    expect(pages.mediaBoxes).toHaveLength(1);
    const [x0, y0, x1, y1] = pages.mediaBoxes[0] ?? [];
    expect((x1 ?? 0) - (x0 ?? 0)).toBeCloseTo(595.3, -1);
    expect((y1 ?? 0) - (y0 ?? 0)).toBeCloseTo(841.9, -1);

    if (hasPdftoppm()) {
      const prefix = join(reportsDir, 'daily-report');
      rmSync(`${prefix}-1.png`, { force: true });
      rmSync(`${prefix}-2.png`, { force: true });
      const run = spawnSync('pdftoppm', ['-png', '-r', '100', pdfPath, prefix], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(existsSync(`${prefix}-1.png`), 'page 1 rendered').toBe(true);
      expect(existsSync(`${prefix}-2.png`), 'no page 2').toBe(false);
      console.log(`staff-area: the PDF rendered to ${prefix}-1.png`);
    } else {
      console.log('staff-area: pdftoppm (poppler-utils) not installed: the PDF was not rendered to PNG');
    }

    await page.getByRole('button', { name: 'Đóng bản in' }).click();
    await report.waitFor({ state: 'hidden' });
    await closeStaffArea(page);
    expect(errors).toEqual([]);
    passed.add('printed');
  }),
);

// ---------------------------------------------------------------------------------------------
// 7. Wrong PINs and PINs at rest

function countdownSeconds(text: string | null): number {
  const match = /Có thể thử lại sau (?:(\d+) phút )?(\d+) giây/.exec(text ?? '');
  if (match === null) throw new Error(`No countdown in "${text}"`);
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

test(
  '5 wrong PINs, then even the right PIN is refused with a countdown (PIN_LOCKED); no PIN is in clear in the database, its WAL or the log',
  timed('7 lockout', async () => {
    needs('printed');
    const { page, errors, dir, host, officerId } = await rig();

    await waitForHome(page, SCALE);
    await openStaffArea(page);
    await signInTile(page, OFFICER.name).click();
    await page.getByRole('heading', { name: 'Nhập mã PIN' }).waitFor();

    for (const [i, wrong] of WRONG_PINS.entries()) {
      const reply = await pinReply(await submitPin(page, wrong, 'staffSignIn'));
      expect(reply.ok, `wrong PIN ${i + 1}`).toBe(false);
      expect(reply.error?.code, `wrong PIN ${i + 1}`).toBe('PIN_WRONG');
      await page.getByRole('alert').filter({ hasText: 'Mã PIN không đúng.' }).waitFor();
      // The 5th failure starts the first wait: the backend says when the pad opens again.
      if (i === WRONG_PINS.length - 1) expect(reply.error?.retryAt, 'retryAt after the 5th').toMatch(/^\d{4}-\d{2}-\d{2}T/);
      else expect(reply.error?.retryAt, `retryAt after wrong PIN ${i + 1}`).toBeUndefined();
    }

    // The pad locks at the 5th failure (its reply already carries the wait). The backend, not
    // the pad, is the guard: a 6th attempt sent past the UI, with the right PIN, is refused
    // unchecked while the wait runs.
    const locked = (await page.evaluate(
      async ({ officerId: id, pin }) => {
        const token = sessionStorage.getItem('kiosk-token') ?? '';
        const response = await fetch('/api/staffSignIn', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ subject: { kind: 'officer', officerId: id }, pin }),
        });
        return response.json();
      },
      { officerId: officerId ?? '', pin: OFFICER.pin },
    )) as { ok: boolean; error?: { code: string; retryAt?: string } };
    expect(locked.ok).toBe(false);
    expect(locked.error?.code).toBe('PIN_LOCKED');
    const waitMs = Date.parse(locked.error?.retryAt ?? '') - Date.now();
    expect(waitMs, 'the first wait is about a minute').toBeGreaterThan(50_000);
    expect(waitMs).toBeLessThanOrEqual(60_000);

    const notice = page.getByRole('alert').filter({ hasText: 'Mã PIN không đúng. Nhập sai quá nhiều lần. Vui lòng chờ rồi thử lại.' });
    await notice.waitFor();
    const countdown = page.getByTestId('lock-countdown');
    const first = countdownSeconds(await countdown.textContent());
    expect(first).toBeGreaterThan(45);
    expect(first).toBeLessThanOrEqual(60);
    // It counts down, live.
    await expect.poll(async () => countdownSeconds(await countdown.textContent()), { timeout: 5_000 }).toBeLessThan(first);
    for (const key of ['0', '5', '9']) expect(await pinKey(page, key).isDisabled(), `key ${key} while locked`).toBe(true);
    expect(await page.locator('.menu-grid').count(), 'not signed in').toBe(0);
    await screenshot(page, 'staff-pin-locked-1366x768');
    expect(errors).toEqual([]);

    // PINs at rest: not in the database, its WAL and shared memory, the log, or any other file
    // of the data folder — first while the host runs, then after it stopped (checkpointed).
    const log = currentLogFile(dir);
    expect(readFileSync(log, 'utf8')).toMatch(/staff PIN checked/);
    const whileRunning = filesUnder(dir);
    expect(whileRunning.some((f) => f.endsWith('-wal')), `a WAL among ${whileRunning.join(', ')}`).toBe(true);
    expect(findSecrets(whileRunning, ALL_PINS)).toEqual([]);

    await page.close();
    expect(await host.stop()).toEqual({ code: 0, signal: null });
    expect(findSecrets(filesUnder(dir), ALL_PINS)).toEqual([]);
    // What is stored instead: a salted scrypt hash per subject that signed in, each different
    // (the IT admin's default credential is only created at its first sign-in).
    const db = new BetterSqlite3(databaseFile(dir), { readonly: true, fileMustExist: true });
    try {
      const credentials = db.prepare('SELECT subject, pin_hash, must_change FROM staff_credentials ORDER BY subject').all() as {
        subject: string;
        pin_hash: string;
        must_change: number;
      }[];
      expect(credentials.map((c) => [c.subject, c.must_change])).toEqual([
        [`officer:${officerId ?? ''}`, 0],
        ['role:section-head', 0],
      ]);
      for (const c of credentials) expect(c.pin_hash, c.subject).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(new Set(credentials.map((c) => c.pin_hash)).size).toBe(credentials.length);
    } finally {
      db.close();
    }
    // The check itself works: a PIN written in clear would have been found.
    const canary = join(dir, 'canary.txt');
    writeFileSync(canary, `{"pin":"${HEAD_PIN}"}`);
    expect(findSecrets([canary], ALL_PINS)).toEqual([{ file: canary, secret: HEAD_PIN, encoding: 'utf8', offset: 8 }]);
    rmSync(canary);
  }),
);
