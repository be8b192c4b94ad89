// Issue 15, opening hours, in Chromium against the real browser host:
// - the setup screen's "Giờ làm việc" fieldset (screenshot, axe);
// - outside the hours, "Ngoài giờ làm việc" with the week's hours, in Vietnamese and English, at
//   1366×768 and portrait 1080×1920 (screenshots, axe); the smaller "Đánh giá" leads to the faces
//   and the tap is stored with the `outside_hours` flag (read back from SQLite);
// - the screen opening by itself at 13:00 (the page's clock driven by Playwright's page.clock);
// - within the hours, the attract screen after two quiet minutes (screenshots, axe), and the
//   touch that wakes it stores no rating.
// The backend decides the flag by its own (real) clock: the kiosk is provisioned with today and
// tomorrow as holidays, so "now" is outside the hours whenever the test runs.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { defaultOpeningHours } from '../../shared/opening-hours';
import { toLocalDay } from '../../shared/local-time';
import { scales } from '../../shared/scales';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, provision, readRatings, screenshotDir, startHost } from '../support/e2e-host';
import { LANDSCAPE_SMALL, levelButton, nextAcknowledgement, openKioskPage, PORTRAIT_FULL_HD, thankYou } from '../support/e2e-kiosk';
import { closeStaffArea, enterNewPinTwice, openStaffArea, signInTile, signInWithPin } from '../support/e2e-staff';

const { chromium, track } = e2eFile();
const VN = 'Asia/Ho_Chi_Minh';

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** Screenshot and axe at both citizen sizes; back to landscape after. */
async function bothSizes(page: Page, name: string): Promise<void> {
  for (const size of [LANDSCAPE_SMALL, PORTRAIT_FULL_HD]) {
    await page.setViewportSize(size);
    await shoot(page, `${name}-${size.width}x${size.height}`);
    expect(await seriousAxeViolations(page), `axe, ${name} ${size.width}x${size.height}`).toEqual([]);
  }
  await page.setViewportSize(LANDSCAPE_SMALL);
}

test('outside the hours the kiosk shows them and flags a tap; it opens by itself; the attract screen within the hours', async () => {
  const dir = freshDataDir('citizen-hours');
  const now = new Date();
  const holidays = [now, new Date(now.getTime() + 86_400_000)].map((d) => ({ date: toLocalDay(d, VN), name: 'Nghỉ lễ (kiểm thử)' }));
  provision(dir, { scaleId: 'vn-3', thankYouSeconds: 2, languages: ['vi', 'en'], timeZone: VN, openingHours: { ...defaultOpeningHours, holidays } });
  // Keep-alives every second: quiet page-clock time passes in steps after each (see 3.).
  const host = await startHost(dir, { eventsKeepAliveMs: 1000 });
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);
  track(page);
  const [veryGood] = scales['vn-3'];
  if (veryGood === undefined) throw new Error('vn-3 has levels');
  const best = levelButton(page, veryGood);

  // 1. Today is a holiday on the kiosk: the hours, not the faces, in both languages and sizes.
  const closedTitle = page.getByRole('heading', { name: 'Ngoài giờ làm việc' });
  await closedTitle.waitFor({ state: 'visible' });
  expect(await page.locator('.hours-today').textContent()).toBe('Hôm nay nghỉ: Nghỉ lễ (kiểm thử)');
  expect(await page.locator('.hours-week-list li').allTextContents()).toEqual(['Thứ Hai – Thứ Sáu: 7:00 – 11:30, 13:00 – 17:00', 'Thứ Bảy – Chủ nhật: Nghỉ']);
  expect(await best.count()).toBe(0);
  await bothSizes(page, 'hours-outside-vi');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Outside working hours' }).waitFor({ state: 'visible' });
  await bothSizes(page, 'hours-outside-en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  // The smaller "Đánh giá": the usual faces; the tap is stored, flagged outside_hours.
  const rateButton = page.getByRole('button', { name: 'Đánh giá', exact: true });
  const rateBox = await rateButton.boundingBox();
  await rateButton.click();
  await best.waitFor({ state: 'visible' });
  const faceBox = await best.boundingBox();
  expect((rateBox?.height ?? 0) * (rateBox?.width ?? 0)).toBeLessThan(((faceBox?.height ?? 0) * (faceBox?.width ?? 0)) / 2);
  const acknowledged = nextAcknowledgement(page);
  await best.click();
  const stored = await acknowledged;
  await thankYou(page).waitFor({ state: 'visible' });
  expect(JSON.parse(readRatings(dir).find((r) => r.id === stored.id)?.flags ?? '[]')).toEqual(['outside_hours']);
  // After the thank-you (2 s), the next citizen sees the hours again.
  await closedTitle.waitFor({ state: 'visible' });

  // 2. The setup screen's hours fieldset, as IT sees it.
  await openStaffArea(page);
  await signInTile(page, 'Cán bộ CNTT').click();
  await signInWithPin(page, '123456');
  expect(await enterNewPinTwice(page, '246813')).toMatchObject({ ok: true });
  await page.getByRole('tab', { name: 'Cài đặt thiết bị' }).click();
  await page.getByRole('group', { name: 'Giờ làm việc' }).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Thêm khoảng giờ Thứ Bảy' }).click();
  expect(await page.getByLabel('Thứ Bảy, buổi sáng: giờ mở').inputValue()).toBe('07:00');
  await page.getByRole('button', { name: 'Xóa buổi sáng Thứ Bảy' }).click();
  await page.evaluate(() => document.querySelector('.it-hours')?.scrollIntoView({ block: 'start' }));
  await shoot(page, 'hours-setup-fieldset-1366x768');
  expect(await seriousAxeViolations(page), 'axe, setup screen with the hours').toEqual([]);
  await closeStaffArea(page);

  // 3. The page's clock: a Monday, twenty seconds before the lunch break ends (the backend keeps
  // the real, holiday, clock). The page's time then moves only when the test moves it. The
  // client's 25-second silence watchdog on the event stream runs on the page's clock too: the
  // host's keep-alives are counted, and quiet time passes in steps of under 25 s after each.
  await page.addInitScript(() => {
    const read = ReadableStreamDefaultReader.prototype.read;
    const w = window as unknown as { streamReads: number };
    w.streamReads = 0;
    ReadableStreamDefaultReader.prototype.read = function (this: ReadableStreamDefaultReader) {
      return read.call(this).then((r) => {
        w.streamReads += 1;
        return r;
      });
    } as typeof read;
  });
  await page.clock.install({ time: new Date('2026-11-23T12:59:39+07:00') });
  await page.reload();
  await closedTitle.waitFor({ state: 'visible' });
  await page.clock.pauseAt(new Date('2026-11-23T12:59:41+07:00'));
  const streamReads = () => page.evaluate(() => (window as unknown as { streamReads: number }).streamReads);
  const pageNow = () => page.evaluate(() => Date.now());
  // The stream opened no earlier than the install: its watchdog runs at least until then + 25 s.
  let heard = Date.parse('2026-11-23T12:59:39+07:00');
  const WINDOW_MS = 24_900;
  /** Moves the page's clock to `target` with no touch, running the timers due on the way. */
  const quietUntil = async (target: number) => {
    for (;;) {
      const at = await pageNow();
      if (at >= target) return;
      if (at >= heard + WINDOW_MS) {
        const seen = await streamReads();
        await expect.poll(streamReads, { timeout: 15_000, interval: 100 }).toBeGreaterThan(seen);
        heard = await pageNow();
      } else {
        await page.clock.runFor(Math.min(target, heard + WINDOW_MS) - at);
      }
    }
  };
  expect(await page.locator('.hours-today').textContent()).toBe('Hôm nay (Thứ Hai): 7:00 – 11:30, 13:00 – 17:00');
  expect(await page.locator('.hours-next').textContent()).toBe('Mở cửa lại lúc 13:00 hôm nay');

  // 13:00: the faces come by themselves, no reload, no touch; not a millisecond earlier.
  await quietUntil(Date.parse('2026-11-23T12:59:59.999+07:00'));
  expect(await closedTitle.isVisible()).toBe(true);
  await quietUntil(Date.parse('2026-11-23T13:00:00+07:00'));
  await best.waitFor({ state: 'visible' });
  await page.getByRole('heading', { name: 'Ông/Bà có hài lòng với sự phục vụ của cán bộ hôm nay không?' }).waitFor({ state: 'visible' });

  // 4. Two minutes with no touch since the page showed (12:59:39–41): the attract screen.
  await quietUntil(Date.parse('2026-11-23T13:01:38+07:00'));
  expect(await best.isVisible()).toBe(true);
  await quietUntil(Date.parse('2026-11-23T13:01:43+07:00'));
  const attract = page.getByRole('button', { name: /Mời Ông\/Bà đánh giá sự phục vụ/ });
  // It loads on demand; React reveals it on a (page-clock) timer once loaded: nudge the clock.
  await expect
    .poll(
      async () => {
        await page.clock.runFor(20);
        return attract.isVisible();
      },
      { timeout: 10_000, interval: 50 },
    )
    .toBe(true);
  // axe schedules its work on timers: let the page's clock run while it checks.
  await page.clock.resume();
  await bothSizes(page, 'hours-attract-vi-en');
  const before = readRatings(dir).length;
  // Where the "Rất hài lòng" tile was: the wake-up touch must not rate.
  await page.mouse.click((faceBox?.x ?? 0) + (faceBox?.width ?? 0) / 2, (faceBox?.y ?? 0) + (faceBox?.height ?? 0) / 2);
  await best.waitFor({ state: 'visible' });
  expect(await thankYou(page).isVisible()).toBe(false);
  expect(readRatings(dir)).toHaveLength(before);

  expect(errors).toEqual([]);
  expect(await host.stop()).toEqual({ code: 0, signal: null });
}, 90_000);
