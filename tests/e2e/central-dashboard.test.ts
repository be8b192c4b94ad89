// Issue 16, the dashboard views in Chromium against the real central process (dist/central/
// central-cli.mjs serve): a small province is synced in through central's real batch route
// (tests/support/dashboard-seed.ts: format 1 ratings and reasons, then each kiosk's signed
// directory), a province admin signs in, and "Toàn tỉnh" for November shows the hand count below;
// a unit opened from the ranking shows its officers; an officer and "Báo cáo" too, whose link
// downloads a real .xlsx. A unit viewer lands on their own unit. Screenshots at 1366×768, axe on each.
// The trend (province, unit) and the hourly pattern (unit) equal the hand count in their tables;
// the view is in the address: a reload keeps it, and a viewer's link to another unit is refused.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { ADMIN_PASSWORD, VIEWER_PASSWORD } from '../support/account-fixture';
import { seedProvince, VIEWER } from '../support/dashboard-seed';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, screenshotDir } from '../support/e2e-host';
import { killAllCentrals, startCentralProcess, signInToCentral } from '../support/e2e-central';
import { waitForChartsToSettle } from '../support/e2e-staff';

const { chromium, track } = e2eFile();
afterAll(() => {
  killAllCentrals();
});

async function shot(page: Page, name: string): Promise<void> {
  // Charts grow in when drawn: take the picture once they stand still.
  if ((await page.locator('.dashboard svg.recharts-surface').count()) > 0) await waitForChartsToSettle(page, '.dashboard');
  await page.screenshot({ path: join(screenshotDir, `central-dashboard-${name}.png`), fullPage: false });
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr').allTextContents();
/** A chart's table (its text alternative), cell by cell. */
const cells = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
/** The chart drawn and still, scrolled into view for the screenshot. */
async function showChart(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await waitForChartsToSettle(page, `[data-testid="${testId}"]`);
  // The mouse rests where the test last clicked; park it so no tooltip shows.
  await page.mouse.move(0, 0);
}

const signIn = signInToCentral;

/** November 2026, whatever today is: "Tháng" and a day in it. */
async function november(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tháng', exact: true }).click();
  await page.getByLabel('Ngày trong kỳ').fill('2026-11-15');
  await expect.poll(() => page.getByTestId('period-range').textContent()).toBe('01/11/2026 – 30/11/2026');
}

test('ratings synced into the real central show in the province and unit views as hand-counted', async () => {
  const dataDir = freshDataDir('central-dashboard');
  const url = await startCentralProcess(dataDir, { env: { CENTRAL_PROVINCE_NAME: 'Sở Nội vụ tỉnh Thừa Thiên Huế' } });
  // The test writes units, accounts and devices into central's own database file (as the CLI
  // would), and the ratings go through the running central's batch route.
  const store = openSqliteCentralStore(dataDir);
  try {
    await seedProvince(store, url);
  } finally {
    store.close();
  }

  const browser = await chromium.get();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = track(await context.newPage());
  await signIn(page, url, 'admin', ADMIN_PASSWORD);
  await november(page);

  // Hand count, November's local days (the seed's comments): counted A1 seq 1–5, 8 (levels
  // 1,1,2,3,3,2), A2 seq 1–4 (1,1,3,2), B1 seq 3–7 (3,3,1,2,3) = 15; level 1 "Rất hài lòng" 5,
  // level 2 "Hài lòng" 4, level 3 "Không hài lòng" 6; satisfied 9 → 60%. A1 seq 6, 7 misuse:
  // 2 aside. Units: Nam Đông 2 of 5 (40%) before Phú Lộc 7 of 10 (70%). October: 2 ratings of one
  // officer, below the minimum of 5: no rate.
  await expect.poll(() => page.getByTestId('total').textContent()).toBe('15');
  expect(await page.getByTestId('satisfied').textContent()).toBe('9');
  expect(await page.getByTestId('satisfaction-rate').textContent()).toBe('60%');
  expect(await rows(page, 'levels-vn-3')).toEqual(['Rất hài lòng533,3%', 'Hài lòng426,7%', 'Không hài lòng640%']);
  expect(await page.getByTestId('flagged-aside').textContent()).toMatch(/^2 lượt nghi bất thường/);
  expect(await page.getByTestId('previous').textContent()).toMatch(/Kỳ trước \(01\/10\/2026 – 31\/10\/2026\)Chưa đủ dữ liệu · 2 lượt/);
  expect(await rows(page, 'units-ranked')).toEqual(['Huyện Nam Đông540%', 'Huyện Phú Lộc1070%']);
  await shot(page, 'province');

  // The trend, per day: 30 rows adding up to 15. 3 November: Hoa's two at A1 alone, under the
  // minimum, so no rate; 12 November: A2's one rating with nobody signed in, a rate (Hài lòng).
  const trend = await cells(page, 'trend-table');
  expect(await page.getByRole('heading', { name: 'Xu hướng (theo ngày)' }).isVisible()).toBe(true);
  expect([trend.length, trend.reduce((n, r) => n + Number(r[1]), 0)]).toEqual([30, 15]);
  expect(trend.filter((r) => r[1] !== '0').map((r) => r[0])).toEqual(['01/11', '02/11', '03/11', '04/11', '05/11', '06/11', '07/11', '09/11', '10/11', '11/11', '12/11', '16/11', '23/11', '30/11']);
  expect([trend[2], trend[7], trend[11]]).toEqual([['03/11', '2', 'Chưa đủ dữ liệu'], ['08/11', '0', 'Chưa có đánh giá'], ['12/11', '1', '100%']]);
  expect(await page.getByTestId('trend-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('hourly').count()).toBe(0);
  await showChart(page, 'trend-chart');
  await shot(page, 'province-trend');

  // Counting the flagged ratings in: 17.
  await page.getByLabel('Tính cả các lượt nghi bất thường').check();
  await expect.poll(() => page.getByTestId('total').textContent()).toBe('17');
  await page.getByLabel('Tính cả các lượt nghi bất thường').uncheck();

  // Phú Lộc, from its row: 10 ratings, its officers with their own devices.
  await page.getByRole('button', { name: 'Huyện Phú Lộc' }).click();
  await expect.poll(() => page.getByTestId('subject-name').textContent()).toBe('Huyện Phú Lộc');
  expect(await page.getByTestId('total').textContent()).toBe('10');
  expect(await page.getByTestId('satisfaction-rate').textContent()).toBe('70%');
  // Hoa (A1): 6 ratings, 4 satisfied; Bình (A2): 3, below the minimum of 5, so no rate; one
  // rating given with nobody signed in at the counter.
  expect(await rows(page, 'officers')).toEqual([
    'Nguyễn Thị Hoa (Chuyên viên)UBND xã Lộc Trì – Một cửa666,7%',
    'Trần Văn Bình (Cán bộ)UBND xã Lộc Trì – Một cửa3Chưa đủ dữ liệu',
    'Chưa đăng nhập ca—1Chưa đủ dữ liệu',
  ]);
  await shot(page, 'unit');

  // The address is the view: a reload opens Phú Lộc's November again.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/don-vi?unit=D1&period=month&day=2026-11-15');
  await page.reload();
  await expect.poll(() => page.getByTestId('subject-name').textContent()).toBe('Huyện Phú Lộc');
  expect([await page.getByTestId('total').textContent(), await page.getByTestId('period-range').textContent()]).toEqual(['10', '01/11/2026 – 30/11/2026']);

  // The hourly pattern in each office's local hours, by level: A1 9h 1·1·2 (seq 1, 3, 4, 5), 10h
  // one "Rất hài lòng", 18:30 one "Hài lòng" (outside hours, counted); A2 five past midnight one
  // "Rất hài lòng", 9h 1·1·1 (seq 2, 3, 4). Office hours 7–17 widened to 0–18.
  const hourly = await cells(page, 'hourly-table');
  expect(await page.getByTestId('hourly-table').locator('thead th').allTextContents()).toEqual(['Giờ', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Tổng']);
  expect(hourly.length).toBe(19);
  expect(hourly.filter((r) => r[4] !== '0')).toEqual([
    ['0:00–1:00', '1', '0', '0', '1'],
    ['9:00–10:00', '2', '2', '3', '7'],
    ['10:00–11:00', '1', '0', '0', '1'],
    ['18:00–19:00', '0', '1', '0', '1'],
  ]);
  expect(await page.getByTestId('hourly-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
  await showChart(page, 'hourly-chart');
  await shot(page, 'unit-hourly');

  // An officer from the unit's officer rows.
  await page.getByRole('button', { name: /^Nguyễn Thị Hoa/ }).click();
  await page.getByRole('button', { name: 'Cán bộ', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
  await expect.poll(() => page.getByTestId('subject-name').textContent()).toBe('Nguyễn Thị Hoa');
  expect([await page.getByTestId('total').textContent(), await page.getByTestId('satisfaction-rate').textContent()]).toEqual(['6', '66,7%']);
  await shot(page, 'officer');

  // "Báo cáo": the link downloads November's .xlsx for the chosen unit.
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.getByLabel('Tháng báo cáo').fill('2026-11');
  await page.getByLabel('Đơn vị').selectOption('D1');
  await shot(page, 'report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải báo cáo' }).click()]);
  expect(download.url()).toBe(`${url}/api/v1/reports/monthly.xlsx?month=2026-11&unit=D1`);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  // A unit viewer of Phú Lộc: "Toàn tỉnh" is their unit's, "Đơn vị" lands on it.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, url, VIEWER, VIEWER_PASSWORD);
  await november(page);
  await expect.poll(() => page.getByTestId('total').textContent()).toBe('10');
  await page.getByRole('button', { name: 'Đơn vị', exact: true }).click();
  await expect.poll(() => page.getByTestId('subject-name').textContent()).toBe('Huyện Phú Lộc');
  await shot(page, 'viewer-unit');
  // A link to Nam Đông, which is not theirs: central's refusal, not a blank page.
  await page.goto(`${url}/don-vi?unit=D2&period=month&day=2026-11-15`);
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('Tài khoản này không có quyền xem nội dung này.');
  expect(await page.getByTestId('satisfaction-rate').count()).toBe(0);
  await context.close();
});
