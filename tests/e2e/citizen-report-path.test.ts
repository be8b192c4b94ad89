// Issue 15, the report path, in Chromium against the real browser host: a negative rating, the
// citizen chooses "Gây phiền hà, sách nhiễu" and sends; a calm notice shows the office's hotline,
// where to write and the rating's reference code (the kiosk's own derivation of the stored
// rating's id), in Vietnamese and English, at 1366×768 and 1080×1920 portrait, axe clean; "Đóng"
// leads to the thank-you. Then the section head signs in and "Tra cứu mã phản ánh" finds the
// rating from the code typed loosely. Screenshots for review.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { defaultReasons } from '../../shared/default-reasons';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { scales } from '../../shared/scales';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, provision, readRatings, screenshotDir, startHost } from '../support/e2e-host';
import { LANDSCAPE_SMALL, nextAcknowledgement, openKioskPage, PORTRAIT_FULL_HD, reasonsQuestion, thankYou, waitForHome } from '../support/e2e-kiosk';
import { closeStaffArea, enterNewPinTwice, homeTile, openStaffArea, signInTile, signInWithPin } from '../support/e2e-staff';

const { chromium, track } = e2eFile();
const HOTLINE = '0236 1022';
const PLACE = 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn, mục “Phản ánh, kiến nghị”';
const PLACE_EN = 'National Public Service Portal — dichvucong.gov.vn, “Feedback and petitions”';
const NOT_SATISFIED = scales['vn-3'].find((l) => l.level === 3) ?? scales['vn-3'][0];

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** The whole notice lies inside the viewport: nothing to scroll for. */
async function expectNoticeFits(page: Page, size: { width: number; height: number }): Promise<void> {
  for (const selector of ['.report-title', '.report-code', '.report-close', '.report-hint']) {
    const box = await page.locator(selector).boundingBox();
    if (box === null) throw new Error(`${selector} not rendered`);
    expect(box.y + box.height, `${selector} at ${size.width}x${size.height}`).toBeLessThanOrEqual(size.height + 0.5);
    expect(box.x + box.width, `${selector} at ${size.width}x${size.height}`).toBeLessThanOrEqual(size.width + 0.5);
  }
}

test('"Gây phiền hà, sách nhiễu" shows the hotline and a reference code that the section head resolves to the rating', async () => {
  const dir = freshDataDir('report-path');
  provision(dir, { scaleId: 'vn-3', thankYouSeconds: 2, languages: ['vi', 'en'], reasons: defaultReasons, reportContact: { hotline: HOTLINE, place: PLACE, placeEn: PLACE_EN } });
  const host = await startHost(dir);
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);
  track(page);
  await waitForHome(page, 'vn-3');
  if (NOT_SATISFIED === undefined) throw new Error('vn-3 has three levels');

  const codes: string[] = [];
  for (const language of ['vi', 'en'] as const) {
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
    const acknowledged = nextAcknowledgement(page);
    await page.getByRole('button', { name: language === 'vi' ? NOT_SATISFIED.label : NOT_SATISFIED.labelEn, exact: true }).click();
    const rating = await acknowledged;
    await (language === 'vi' ? reasonsQuestion(page) : page.getByRole('heading', { name: 'What were you not satisfied with?' })).waitFor();
    await page.getByRole('button', { name: language === 'vi' ? 'Gây phiền hà, sách nhiễu' : 'Harassment or request for favours' }).click();
    await page.getByRole('button', { name: language === 'vi' ? 'Gửi lý do' : 'Send', exact: true }).click();

    const code = page.getByTestId('reference-code');
    await code.waitFor();
    const shown = (await code.textContent()) ?? '';
    expect(shown).toBe(referenceCodeOf(rating.id));
    codes.push(shown);
    await page.getByText(HOTLINE, { exact: true }).waitFor();
    await page.getByText(language === 'vi' ? PLACE : PLACE_EN, { exact: true }).waitFor();
    // Discreet: the screen never repeats the reason chosen.
    expect(await page.locator('main').textContent()).not.toMatch(/sách nhiễu|Harassment/);
    for (const size of [LANDSCAPE_SMALL, PORTRAIT_FULL_HD]) {
      await page.setViewportSize(size);
      await shoot(page, `report-path-notice-${language}-${size.width}x${size.height}`);
      await expectNoticeFits(page, size);
      expect(await seriousAxeViolations(page), `axe, notice ${language} ${size.width}x${size.height}`).toEqual([]);
    }
    await page.setViewportSize(LANDSCAPE_SMALL);
    await page.getByRole('button', { name: language === 'vi' ? 'Đóng' : 'Close', exact: true }).click();
    await (language === 'vi' ? thankYou(page) : page.getByText('Thank you for your rating!', { exact: true })).waitFor();
    await waitForHome(page, 'vn-3');
  }
  expect(new Set(codes).size).toBe(2);
  const stored = readRatings(dir).filter((r) => r.level === 3);
  expect(stored.map((r) => referenceCodeOf(r.id))).toEqual(codes);

  // The section head looks the first code up, typed as a person might copy it.
  await openStaffArea(page);
  await signInTile(page, 'Trưởng bộ phận').click();
  await signInWithPin(page, '123456');
  expect(await enterNewPinTwice(page, '480275')).toMatchObject({ ok: true });
  await homeTile(page, 'Tra cứu mã phản ánh').click();
  const first = codes[0] ?? '';
  await page.getByLabel('Mã phản ánh', { exact: true }).fill(first.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  const table = page.getByRole('table', { name: `Đánh giá có mã ${first}` });
  await table.waitFor();
  expect(await table.getByRole('row').allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('Không hài lòng'), expect.stringContaining('Gây phiền hà, sách nhiễu'), expect.stringContaining('Chưa đăng nhập ca')]),
  );
  await shoot(page, 'report-path-lookup-vi-1366x768');
  expect(await seriousAxeViolations(page), 'axe, lookup').toEqual([]);
  // A code of no rating: said plainly.
  await page.getByLabel('Mã phản ánh', { exact: true }).fill('HL-00000-00000');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Không tìm thấy đánh giá nào có mã phản ánh này' }).waitFor();
  await shoot(page, 'report-path-lookup-not-found-vi-1366x768');

  // The IT admin: the same lookup from its tab (the English rating's code), and where the
  // setup screen sets the report path and the contact.
  await closeStaffArea(page);
  await openStaffArea(page);
  await signInTile(page, 'Cán bộ CNTT').click();
  await signInWithPin(page, '123456');
  expect(await enterNewPinTwice(page, '640913')).toMatchObject({ ok: true });
  await page.getByRole('tab', { name: 'Tra cứu mã phản ánh' }).click();
  await page.getByLabel('Mã phản ánh', { exact: true }).fill(codes[1] ?? '');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await page.getByRole('table', { name: `Đánh giá có mã ${codes[1] ?? ''}` }).waitFor();
  await page.getByRole('tab', { name: 'Cài đặt thiết bị' }).click();
  const contact = page.getByRole('group', { name: 'Nơi phản ánh, kiến nghị' });
  await contact.scrollIntoViewIfNeeded();
  expect(await page.getByLabel('Đường dây nóng (không bắt buộc)').inputValue()).toBe(HOTLINE);
  expect(await page.getByRole('checkbox', { name: 'Hướng dẫn phản ánh sau lý do dòng 6' }).isChecked()).toBe(true);
  await shoot(page, 'report-path-setup-contact-vi-1366x768');
  await page.getByRole('checkbox', { name: 'Hướng dẫn phản ánh sau lý do dòng 6' }).scrollIntoViewIfNeeded();
  await shoot(page, 'report-path-setup-reasons-vi-1366x768');
  expect(await seriousAxeViolations(page), 'axe, setup screen').toEqual([]);

  expect(errors).toEqual([]);
  expect(await host.stop()).toEqual({ code: 0, signal: null });
});
