// Issue 14, findings 10 and 12: the citizen screens at the three counter sizes (1024×600,
// 1366×768, 1080×1920 portrait) with a long office name and an officer on duty: the name wraps
// balanced, the officer line stays ≥ 20 px, the portrait reasons list uses the height, and the
// thank-you after a bad rating is the same calm one. Screenshots for review.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { insertShift } from '../../electron/backend/shifts/shifts-repo';
import { insertOfficer } from '../../electron/backend/staff/officers-repo';
import { defaultReasons } from '../../shared/default-reasons';
import { toLocalDay } from '../../shared/local-time';
import { scales } from '../../shared/scales';
import { databaseFile, e2eFile, freshDataDir, provision, screenshotDir, startHost } from '../support/e2e-host';
import { LANDSCAPE_SMALL, levelButton, openKioskPage, PORTRAIT_FULL_HD, reasonsQuestion, thankYou, waitForHome, type Viewport } from '../support/e2e-kiosk';

const { chromium, track } = e2eFile();

const SMALL: Viewport = { width: 1024, height: 600 };
const SIZES = [SMALL, LANDSCAPE_SMALL, PORTRAIT_FULL_HD];
// 107 characters, as a real district one-stop section names itself.
const LONG_NAME = 'Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính Ủy ban nhân dân huyện Đông Hòa, tỉnh Phú Yên';
const OFFICER_ID = '01900000-0000-7000-8000-0000000000c1';

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

test('long office name, officer line and reasons at 1024×600, 1366×768 and 1080×1920; a calm thank-you after a bad rating', async () => {
  expect(LONG_NAME).toHaveLength(107);
  const dir = freshDataDir('layout');
  provision(dir, { officeName: LONG_NAME, scaleId: 'vn-5', thankYouSeconds: 30, reasons: defaultReasons });
  const db = openDatabase(databaseFile(dir));
  insertOfficer(db, { id: OFFICER_ID, code: 'CB07', name: 'Nguyễn Thị Phương Thảo', title: 'Công chức Tư pháp – Hộ tịch', photoDataUrl: null, active: true }, '2026-11-01T00:00:00Z');
  const now = new Date();
  insertShift(db, { id: '01900000-0000-7000-8000-0000000000c2', officer_id: OFFICER_ID, started_at: now.toISOString(), local_day: toLocalDay(now, 'Asia/Ho_Chi_Minh'), service_code: null });
  db.close();

  const host = await startHost(dir);
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, SMALL);
  track(page);
  await waitForHome(page, 'vn-5');
  await page.getByTestId('officer-on-duty').waitFor();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const where = `${size.width}x${size.height}`;
    const officerPx = await page.getByTestId('officer-on-duty').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(officerPx, `officer line at ${where}`).toBeGreaterThanOrEqual(20);
    const name = page.locator('.office-name');
    expect(await name.evaluate((el) => getComputedStyle(el).textWrap || getComputedStyle(el).getPropertyValue('text-wrap-style')), where).toMatch(/balance/);
    // No orphan: the last line of the name holds more than one word.
    const lastLineWords = await name.evaluate((el) => {
      const range = document.createRange();
      const text = el.firstChild as Text;
      const words: { top: number }[] = [];
      let offset = 0;
      for (const word of (text.textContent ?? '').split(' ')) {
        range.setStart(text, offset);
        range.setEnd(text, offset + word.length);
        words.push({ top: Math.round(range.getBoundingClientRect().top) });
        offset += word.length + 1;
      }
      const last = words.at(-1)?.top;
      return words.filter((w) => w.top === last).length;
    });
    expect(lastLineWords, `words on the name's last line at ${where}`).toBeGreaterThan(1);
    const bar = await page.locator('.office-bar').boundingBox();
    expect(bar?.height ?? 0, `office bar at ${where}`).toBeLessThan(size.height * 0.2);
    for (const level of scales['vn-5']) {
      const box = await levelButton(page, level).boundingBox();
      expect((box?.y ?? 0) + (box?.height ?? 0), `${level.label} at ${where}`).toBeLessThanOrEqual(size.height + 0.5);
    }
    await shoot(page, `layout-home-${where}`);
  }

  const worst = scales['vn-5'][4];
  if (worst === undefined) throw new Error('vn-5 has five levels');
  await page.setViewportSize(SMALL);
  await levelButton(page, worst).click();
  await reasonsQuestion(page).waitFor({ state: 'visible' });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const where = `${size.width}x${size.height}`;
    // The list and the buttons below it fill the screen: less than a tenth of it left empty.
    const actions = await page.locator('.reasons-actions').boundingBox();
    const bottom = (actions?.y ?? 0) + (actions?.height ?? 0);
    expect(size.height - bottom, `empty space under the reasons at ${where}`).toBeLessThan(size.height * 0.1);
    expect(bottom, where).toBeLessThanOrEqual(size.height + 0.5);
    await shoot(page, `layout-reasons-${where}`);
  }
  await page.getByRole('button', { name: 'Bỏ qua' }).click();
  await thankYou(page).waitFor({ state: 'visible' });
  expect(await page.locator('.face').count()).toBe(0);
  await page.getByText('Cảm ơn Ông/Bà đã góp ý, chúng tôi sẽ cải thiện.').waitFor();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shoot(page, `layout-thanks-bad-${size.width}x${size.height}`);
  }

  // Finding 6: this office has no network (no endpoint): the staff line speaks of USB export,
  // neutral, not of a missing connection.
  await page.setViewportSize(LANDSCAPE_SMALL);
  await page.getByRole('button', { name: 'Bỏ qua' }).waitFor({ state: 'detached' });
  await page.evaluate(() => location.reload());
  await waitForHome(page, 'vn-5');
  const line = page.getByTestId('sync-status');
  await expect.poll(() => line.textContent()).toBe('Chưa xuất tệp USB lần nào · 1 chưa đồng bộ');
  expect(await line.getAttribute('data-tone')).toBe('ok');
  await shoot(page, 'layout-sync-line-usb-office-1366x768');
  expect(errors).toEqual([]);
});
