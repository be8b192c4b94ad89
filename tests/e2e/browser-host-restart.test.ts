// Issue 14, acceptance 2 (findings 4 and 5): the browser host is killed (SIGKILL) while the page
// is open. Before anyone taps, the page shows the one out-of-service notice, saying it is
// reconnecting (not that a rating was lost), with the staff's way in. The host is started
// again on the same data folder: it prints the same URL (the kept secret and port), and the
// same page — not reloaded — is back to the faces by itself within 20 s of the host being ready.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { citizenText } from '../../renderer/src/screens/citizen-text';
import { scales } from '../../shared/scales';
import { e2eFile, freshDataDir, provision, readRatings, screenshotDir, startHost } from '../support/e2e-host';
import { openKioskPage, tapLevel, waitForHome } from '../support/e2e-kiosk';
import { HOLD_WITH_MARGIN_MS } from '../support/e2e-staff';

const { chromium, track } = e2eFile();

/** The 3-second press on the office name (openStaffArea also expects the sign-in, which needs the backend). */
async function holdOfficeName(page: Page): Promise<void> {
  const box = await page.getByTestId('staff-entry').boundingBox();
  if (box === null) throw new Error('The office name (staff entry) is not on screen.');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(HOLD_WITH_MARGIN_MS);
  await page.mouse.up();
}

test('host killed with the page open: the notice before any tap; restarted on the same folder → the faces by themselves, same URL, no reload', async () => {
  const dataDir = freshDataDir('host-restart');
  provision(dataDir, { officeName: 'UBND xã Tân Lập', scaleId: 'vn-3' });
  const first = await startHost(dataDir, { port: 'remembered' });
  const { page, errors } = await openKioskPage(await chromium.get(), first.url);
  track(page);
  await waitForHome(page, 'vn-3');
  // A marker on the page's window: a reload would drop it.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  await first.kill();
  const killedAt = Date.now();
  const notice = page.getByRole('alert');
  await notice.getByRole('heading', { name: citizenText.vi.outOfService }).waitFor({ timeout: 30_000 });
  const noticeAfterMs = Date.now() - killedAt;
  const text = (await notice.textContent()) ?? '';
  expect(text).toContain(citizenText.vi.reconnecting);
  // Nobody tapped: no "your rating was not recorded".
  expect(text).not.toContain(citizenText.vi.outOfServiceLines[0]);
  expect(await notice.getByTestId('staff-entry').isVisible()).toBe(true);
  expect(await notice.getByTestId('staff-entry').textContent()).toContain('UBND xã Tân Lập');
  await page.screenshot({ path: join(screenshotDir, 'host-restart-notice.png') });

  // Staff reach their area from the notice, by the same hold; with no backend it says so itself.
  await holdOfficeName(page);
  await page.getByRole('button', { name: 'Đóng' }).first().waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(screenshotDir, 'host-restart-staff-from-notice.png') });
  await page.getByRole('button', { name: 'Đóng' }).first().click();
  await notice.getByRole('heading', { name: citizenText.vi.outOfService }).waitFor();

  const second = await startHost(dataDir, { port: 'remembered' });
  const readyAt = Date.now();
  expect(second.url).toBe(first.url);
  await waitForHome(page, 'vn-3', 20_000);
  const backAfterMs = Date.now() - readyAt;
  expect(backAfterMs).toBeLessThan(20_000);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await page.screenshot({ path: join(screenshotDir, 'host-restart-recovered.png') });
  console.info(`notice ${noticeAfterMs} ms after the kill; faces ${backAfterMs} ms after the host was ready`);

  // The page works against the new host: a tap is stored.
  const [best] = scales['vn-3'];
  if (best === undefined) throw new Error('vn-3 has no levels');
  const rating = await tapLevel(page, best);
  expect(readRatings(dataDir).map((r) => r.id)).toEqual([rating.id]);

  // A reload, and the URL printed at the first start, work too.
  await page.reload();
  await waitForHome(page, 'vn-3');
  const again = await openKioskPage(await chromium.get(), first.url);
  track(again.page);
  await waitForHome(again.page, 'vn-3');
  expect(errors.filter((line) => line.startsWith('pageerror'))).toEqual([]);
});
