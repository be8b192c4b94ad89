// Issue 17, acceptance 1: "Tình trạng thiết bị" in Chromium against the real central process
// (dist/central/central-cli.mjs serve), from data synced in the test through central's batch
// route as signed format 2 batches (tests/support/fleet-seed.ts): B2 synced ten days ago — through
// a central on the same database whose clock stood ten days back, started in this process before
// the real one — and has not been heard from since (silent, and on the old version); A2's seq 3–4
// never arrived (a gap); B1 declared seq 4–5 lost in a signed storage incident. The page shows
// each highlighted in words; sorting and the unit filter work; a unit viewer sees only theirs.
// Screenshots at 1366×768, axe on each.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { buildCentralServer } from '../../central/central-server';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { ADMIN_PASSWORD, TEST_PASSWORD_COST, VIEWER_PASSWORD } from '../support/account-fixture';
import { capturingLogger } from '../support/central-fixture';
import { seriousAxeViolations } from '../support/e2e-axe';
import { killAllCentrals, startCentralProcess, signInToCentral } from '../support/e2e-central';
import { e2eFile, freshDataDir, screenshotDir } from '../support/e2e-host';
import { FLEET_VIEWER, registerFleet, sendCurrentKiosks, sendSilentKiosk } from '../support/fleet-seed';

const { chromium, track } = e2eFile();
afterAll(() => {
  killAllCentrals();
});

const DAY_MS = 86_400_000;

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(screenshotDir, `central-fleet-${name}.png`), fullPage: false });
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

const signIn = signInToCentral;

/** Each row: its office and counter, then its badges. */
const rows = (page: Page) =>
  page.getByTestId('fleet-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => `${tr.querySelector('.office')?.textContent ?? ''} ${tr.querySelector('th .sub')?.textContent ?? ''}: ${[...tr.querySelectorAll('.badge')].map((b) => b.textContent).join(', ')}`),
  );

test('a silent device, one with a gap and one with a declared loss, synced in the test, are highlighted in words; sort and unit filter work', async () => {
  const dataDir = freshDataDir('central-fleet');
  const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS);
  // Units, accounts and kiosks into central's own database file (as the CLI would); B2's batch
  // through a central whose clock stands ten days back, then the others through the real process.
  const store = openSqliteCentralStore(dataDir);
  let url: string;
  try {
    const kiosks = await registerFleet(store);
    const past = buildCentralServer({ store, log: capturingLogger().log, now: () => tenDaysAgo, version: 'e2e', passwordCost: TEST_PASSWORD_COST });
    await past.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = past.server.address();
      if (typeof address !== 'object' || address === null) throw new Error('no port');
      await sendSilentKiosk(`http://127.0.0.1:${address.port}`, kiosks, tenDaysAgo);
    } finally {
      await past.close();
    }
    url = await startCentralProcess(dataDir, { env: { CENTRAL_PROVINCE_NAME: 'Sở Nội vụ tỉnh Thừa Thiên Huế' } });
    await sendCurrentKiosks(url, kiosks, new Date());
  } finally {
    store.close();
  }

  const browser = await chromium.get();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = track(await context.newPage());
  await signIn(page, url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Tình trạng thiết bị' }).click();
  await page.getByTestId('fleet-table').waitFor();
  expect(new URL(page.url()).pathname).toBe('/thiet-bi');

  // The nine whole days between hold five to seven working days, whatever today is.
  const all = await rows(page);
  expect(all).toEqual([
    expect.stringMatching(/^UBND huyện Nam Đông – Một cửa Quầy 2: Im lặng [5-7] ngày làm việc, Phiên bản cũ$/),
    'UBND huyện Nam Đông – Một cửa Quầy 1: Mất dữ liệu đã khai báo',
    'UBND xã Lộc Trì – Một cửa Quầy 2: Thiếu số thứ tự',
    'UBND xã Lộc Trì – Một cửa Quầy 1: Bình thường',
  ]);
  expect(await page.getByTestId('fleet-summary').textContent()).toBe('4 máy đánh giá1 im lặng1 thiếu số thứ tự1 mất dữ liệu hoặc đứt chuỗi1 phiên bản cũ');
  expect(await page.locator('.fleet-table tbody tr.attention').count()).toBe(3);
  await shot(page, 'province');

  // Sort by last contact, oldest first: the silent kiosk leads; the header says so.
  const lastContact = page.getByRole('columnheader', { name: /^Liên lạc lần cuối/ });
  await lastContact.getByRole('button').click();
  expect(await lastContact.getAttribute('aria-sort')).toBe('ascending');
  expect(await page.getByRole('columnheader', { name: /^Tình trạng/ }).getAttribute('aria-sort')).toBe('none');
  expect((await rows(page))[0]).toMatch(/^UBND huyện Nam Đông – Một cửa Quầy 2/);
  const device = page.getByRole('columnheader', { name: /^Máy đánh giá/ });
  await device.getByRole('button').click();
  await device.getByRole('button').click();
  expect(await device.getAttribute('aria-sort')).toBe('descending');
  expect((await rows(page)).map((r) => r.split(':')[0])).toEqual([
    'UBND xã Lộc Trì – Một cửa Quầy 2',
    'UBND xã Lộc Trì – Một cửa Quầy 1',
    'UBND huyện Nam Đông – Một cửa Quầy 2',
    'UBND huyện Nam Đông – Một cửa Quầy 1',
  ]);

  // The filter: Huyện Phú Lộc holds Xã Lộc Trì's office; the address keeps it through a reload.
  await page.getByLabel('Lọc theo đơn vị').selectOption('D1');
  await expect.poll(() => page.getByTestId('fleet-summary').textContent()).toBe('2 máy đánh giá0 im lặng1 thiếu số thứ tự0 mất dữ liệu hoặc đứt chuỗi0 phiên bản cũ');
  expect(new URL(page.url()).search).toBe('?unit=D1');
  await page.reload();
  await page.getByTestId('fleet-table').waitFor();
  expect((await rows(page)).map((r) => r.split(':')[0])).toEqual(['UBND xã Lộc Trì – Một cửa Quầy 2', 'UBND xã Lộc Trì – Một cửa Quầy 1']);
  await shot(page, 'unit-filter');

  // A unit viewer of Huyện Phú Lộc: only its kiosks, and no way to the other district's.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, url, FLEET_VIEWER, VIEWER_PASSWORD);
  await page.goto(`${url}/thiet-bi?unit=D2`);
  expect(await page.getByRole('alert').textContent()).toContain('ngoài phạm vi');
  await page.getByLabel('Lọc theo đơn vị').selectOption('');
  await page.getByTestId('fleet-table').waitFor();
  expect((await rows(page)).map((r) => r.split(':')[0])).toEqual(['UBND xã Lộc Trì – Một cửa Quầy 2', 'UBND xã Lộc Trì – Một cửa Quầy 1']);
  await shot(page, 'viewer');
  await context.close();
});
