// Issue 15, comfort: "Chữ lớn" / "Larger text" on the citizen screen. The question, the tiles'
// labels and the reasons grow by about a third and still fit at 1366×768 and 1080×1920 portrait,
// in Vietnamese and English; axe finds nothing serious or critical on the enlarged screens; the
// next citizen starts at the usual size. Screenshots for review.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { defaultReasons } from '../../shared/default-reasons';
import { scales } from '../../shared/scales';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, provision, screenshotDir, startHost } from '../support/e2e-host';
import { LANDSCAPE_SMALL, openKioskPage, PORTRAIT_FULL_HD, reasonsQuestion, thankYou, waitForHome, type Viewport } from '../support/e2e-kiosk';

const { chromium, track } = e2eFile();
const SIZES = [LANDSCAPE_SMALL, PORTRAIT_FULL_HD];
const LEVELS = scales['vn-3'];

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** Every named button and its text lie inside the viewport; the level labels inside their tiles. */
async function expectFits(page: Page, names: readonly string[], viewport: Viewport): Promise<void> {
  for (const name of names) {
    const button = page.getByRole('button', { name, exact: true });
    const box = await button.boundingBox();
    const where = `"${name}" at ${viewport.width}x${viewport.height}`;
    if (box === null) throw new Error(`${where} is not rendered`);
    expect(box.x, where).toBeGreaterThanOrEqual(0);
    expect(box.y, where).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
    // The text does not overflow its button (no clipped or spilling label).
    const overflow = await button.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
    expect(overflow, `text of ${where}`).toEqual({ x: 0, y: 0 });
  }
}

test('"Chữ lớn" enlarges the question, the tiles and the reasons, fits both sizes in both languages, passes axe, and resets for the next citizen', async () => {
  const dir = freshDataDir('large-text');
  provision(dir, { scaleId: 'vn-3', thankYouSeconds: 2, languages: ['vi', 'en'], reasons: defaultReasons });
  const host = await startHost(dir);
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);
  track(page);
  await waitForHome(page, 'vn-3');

  for (const language of ['vi', 'en'] as const) {
    const toggleName = language === 'vi' ? 'Chữ lớn' : 'Larger text';
    const labels = LEVELS.map((l) => (language === 'vi' ? l.label : l.labelEn));
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
    const toggle = page.getByRole('button', { name: toggleName });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    const before: Record<string, number> = {};
    for (const size of SIZES) {
      await page.setViewportSize(size);
      before[`${size.width}`] = await fontPx(page, '.question');
      before[`label${size.width}`] = await fontPx(page, '.level-button');
    }
    await page.setViewportSize(LANDSCAPE_SMALL);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `${language} ${size.width}x${size.height}`;
      expect(await fontPx(page, '.question'), `question, ${where}`).toBeGreaterThanOrEqual((before[`${size.width}`] ?? 0) * 1.25);
      expect(await fontPx(page, '.level-button'), `tile labels, ${where}`).toBeGreaterThanOrEqual((before[`label${size.width}`] ?? 0) * 1.25);
      await shoot(page, `large-text-home-${language}-${size.width}x${size.height}`);
      await expectFits(page, [...labels, toggleName], size);
      expect(await seriousAxeViolations(page), `axe, home, ${where}`).toEqual([]);
    }

    await page.setViewportSize(LANDSCAPE_SMALL);
    const worst = labels[2];
    if (worst === undefined) throw new Error('vn-3 has three levels');
    await page.getByRole('button', { name: worst, exact: true }).click();
    await (language === 'vi' ? reasonsQuestion(page) : page.getByRole('heading', { name: 'What were you not satisfied with?' })).waitFor({ state: 'visible' });
    const reasonLabels = defaultReasons.map((r) => (language === 'vi' ? r.label : (r.labelEn ?? r.label)));
    const [skip, send] = language === 'vi' ? ['Bỏ qua', 'Gửi lý do'] : ['Skip', 'Send'];
    const actions = [skip, send];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `${language} reasons ${size.width}x${size.height}`;
      expect(await page.locator('main').getAttribute('class'), where).toContain('screen--large-text');
      await shoot(page, `large-text-reasons-${language}-${size.width}x${size.height}`);
      await expectFits(page, [...reasonLabels, ...actions], size);
      expect(await seriousAxeViolations(page), `axe, ${where}`).toEqual([]);
    }
    await page.setViewportSize(LANDSCAPE_SMALL);
    await page.getByRole('button', { name: skip, exact: true }).click();
    await (language === 'vi' ? thankYou(page) : page.getByText('Thank you for your rating!', { exact: true })).waitFor({ state: 'visible' });
    await waitForHome(page, 'vn-3');
    // The next citizen: Vietnamese, the usual size.
    expect(await page.getByRole('button', { name: 'Chữ lớn' }).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('main').getAttribute('class')).not.toContain('screen--large-text');
    expect(await fontPx(page, '.question')).toBeCloseTo(before[`${LANDSCAPE_SMALL.width}`] ?? 0, 0);
  }
  expect(errors).toEqual([]);
  expect(await host.stop()).toEqual({ code: 0, signal: null });
});
