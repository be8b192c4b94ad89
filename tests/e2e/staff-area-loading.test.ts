// The staff area is a chunk of its own (issue 9): the citizen screen never fetches it; the
// 3-second hold on the office name does, and until it has arrived the kiosk says "Đang mở…"
// (role=status). Here the chunk is held back on the wire so the loading state can be seen and
// photographed, then let through: the sign-in chooser follows, with the staff stylesheet.
import { join } from 'node:path';
import { type Route } from 'playwright-core';
import { expect, test } from 'vitest';
import { STAFF_AREA_OPENING } from '../../renderer/src/KioskApp';
import { e2eFile, freshDataDir, provision, screenshotDir, startHost } from '../support/e2e-host';
import { openKioskPage, waitForHome } from '../support/e2e-kiosk';
import { HOLD_WITH_MARGIN_MS, staffArea, staffEntry } from '../support/e2e-staff';

const { chromium, track } = e2eFile();

test('the staff area is fetched only when staff hold the office name, shows "Đang mở…" until it is there, then works', async () => {
  const dataDir = freshDataDir('staff-loading');
  provision(dataDir, { officeName: 'UBND phường Bến Nghé', counterNumber: 2, scaleId: 'vn-3' });
  const host = await startHost(dataDir);
  const { page, errors } = await openKioskPage(await chromium.get(), host.url);
  track(page);

  const staffChunks: string[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/StaffArea-[\w-]+\.(js|css)$/, async (route: Route) => {
    staffChunks.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });

  await waitForHome(page, 'vn-3');
  // A citizen's taps and the home screen itself never ask for the staff chunk.
  expect(staffChunks).toEqual([]);

  const box = await staffEntry(page).boundingBox();
  if (box === null) throw new Error('office name not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(HOLD_WITH_MARGIN_MS);
  await page.mouse.up();

  const opening = page.getByRole('status').filter({ hasText: STAFF_AREA_OPENING });
  await opening.waitFor({ state: 'visible' });
  expect(staffChunks.length).toBeGreaterThan(0); // asked for when the press started
  await page.screenshot({ path: join(screenshotDir, 'staff-area-opening-1366x768.png') });

  release();
  await staffArea(page).waitFor({ state: 'visible' });
  await page.getByRole('heading', { name: 'Chọn người đăng nhập' }).waitFor({ state: 'visible' });
  await expect(opening.count()).resolves.toBe(0);
  // The staff stylesheet came with the chunk: the bar is the band's red, not unstyled.
  const barColour = await page.locator('.staff-bar').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(barColour).toBe('rgb(139, 26, 26)');
  await page.screenshot({ path: join(screenshotDir, 'staff-area-after-lazy-load-1366x768.png') });
  expect(errors).toEqual([]);
});
