// Issue 16, "Xem bản in" in Chromium against the real central process (dist/central/central-cli.mjs
// serve), seeded as in central-dashboard.test.ts (tests/support/dashboard-seed.ts, through
// central's real batch route). A province admin opens November's print view for the province: the
// province's page then one page per top unit, the figures equal to the hand count; printed to a PDF
// (print media, A4) of exactly one page per unit; a screenshot in print media; axe on the view.
// Then the fourth quarter: its pages (compared with the third quarter), a reload of its address
// keeps them, and its PDF has one page per unit too. The PDF is read back with Debian's pdftotext
// (tests/support/pdf-text.ts): its pages and their figures are checked, not only the print-media DOM.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { ADMIN_PASSWORD } from '../support/account-fixture';
import { seedProvince } from '../support/dashboard-seed';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, screenshotDir } from '../support/e2e-host';
import { pdfPageTexts } from '../support/pdf-text';
import { killAllCentrals, signInToCentral, startCentralProcess } from '../support/e2e-central';

const { chromium, track } = e2eFile();
afterAll(() => {
  killAllCentrals();
});

test('the printable November report: a page per unit with the hand-counted figures, printed to a 3-page A4 PDF', async () => {
  const dataDir = freshDataDir('central-report-print');
  const url = await startCentralProcess(dataDir, { env: { CENTRAL_PROVINCE_NAME: 'Sở Nội vụ tỉnh Thừa Thiên Huế' } });
  const store = openSqliteCentralStore(dataDir);
  try {
    await seedProvince(store, url);
  } finally {
    store.close();
  }

  const browser = await chromium.get();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = track(await context.newPage());
  await signInToCentral(page, url, 'admin', ADMIN_PASSWORD);

  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.getByLabel('Tháng báo cáo').fill('2026-11');
  await page.getByLabel('Ngưỡng tỉ lệ (%)').fill('50');
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const pages = page.getByTestId('print-page');
  await expect.poll(() => pages.count()).toBe(3);

  // Hand count (central-dashboard.test.ts, the seed's comments): the province 15 ratings, 9
  // satisfied, 60%; levels 5, 4, 6; October 2 ratings below the minimum: no rate. Top units Nam
  // Đông (2 of 5, 40%) then Phú Lộc (7 of 10, 70%); below 50%: Nam Đông only.
  const province = pages.nth(0);
  expect(await province.getByTestId('print-subject').textContent()).toBe('Toàn tỉnh');
  expect(await province.getByTestId('print-total').textContent()).toBe('15');
  expect(await province.getByTestId('print-satisfied').textContent()).toBe('9');
  expect(await province.getByTestId('print-rate').textContent()).toBe('60%');
  expect(await province.getByTestId('print-levels-vn-3').locator('tbody tr').allTextContents()).toEqual(['Rất hài lòng533,3%', 'Hài lòng426,7%', 'Không hài lòng640%']);
  expect(await province.getByTestId('print-previous').textContent()).toMatch(/^Chưa đủ dữ liệu · 2 lượt\. Không so sánh được/);
  expect(await province.getByTestId('print-below').locator('li').allTextContents()).toEqual(['Huyện Nam Đông: 40% (5 lượt)']);
  expect(await pages.nth(1).getByTestId('print-subject').textContent()).toBe('Huyện Nam Đông');
  const phuLoc = pages.nth(2);
  expect(await phuLoc.getByTestId('print-subject').textContent()).toBe('Huyện Phú Lộc');
  expect([await phuLoc.getByTestId('print-total').textContent(), await phuLoc.getByTestId('print-rate').textContent()]).toEqual(['10', '70%']);
  expect(await phuLoc.getByTestId('print-officers').locator('tbody tr').allTextContents()).toEqual([
    'Nguyễn Thị Hoa (Chuyên viên)UBND xã Lộc Trì – Một cửa666,7%',
    'Trần Văn Bình (Cán bộ)UBND xã Lộc Trì – Một cửa3Chưa đủ dữ liệu',
    'Chưa đăng nhập ca—1Chưa đủ dữ liệu',
  ]);
  await page.screenshot({ path: join(screenshotDir, 'central-report-print-screen.png') });
  expect(await seriousAxeViolations(page), 'screen').toEqual([]);

  // Printed: no frame, no buttons; one A4 page per unit.
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: 'In' }).isVisible()).toBe(false);
  expect(await page.getByRole('navigation').isVisible()).toBe(false);
  await page.screenshot({ path: join(screenshotDir, 'central-report-print-media.png'), fullPage: true });
  expect(await seriousAxeViolations(page), 'print').toEqual([]);
  const pdfPath = join(screenshotDir, 'central-report-print.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  // The PDF read back: three A4 pages, each the unit's own figures.
  const [provincePdf, namDongPdf, phuLocPdf, ...rest] = pdfPageTexts(pdfPath);
  expect(rest).toEqual([]);
  for (const words of ['Toàn tỉnh', 'Tỉ lệ hài lòng 60% Tổng số lượt đánh giá 15 Số lượt hài lòng trở lên 9', 'Rất hài lòng 5 33,3% Hài lòng 4 26,7% Không hài lòng 6 40%', 'Đơn vị có tỉ lệ hài lòng dưới 50% Huyện Nam Đông: 40% (5 lượt)'])
    expect(provincePdf).toContain(words);
  for (const words of ['Huyện Nam Đông', 'Tỉ lệ hài lòng 40% Tổng số lượt đánh giá 5 Số lượt hài lòng trở lên 2', 'Rất hài lòng 1 20% Hài lòng 1 20% Không hài lòng 3 60%']) expect(namDongPdf).toContain(words);
  for (const words of ['Huyện Phú Lộc', 'Tỉ lệ hài lòng 70% Tổng số lượt đánh giá 10', 'Nguyễn Thị Hoa', 'Trần Văn Bình']) expect(phuLocPdf).toContain(words);

  // The fourth quarter of 2026, below 60%. Hand count: October B1's 2 (both "Rất hài lòng"),
  // November's 15 (9 satisfied), 1 December A2's one "Không hài lòng": 18, 11 satisfied, 61,1%.
  // Nam Đông: 2 + 5 = 7, 4 satisfied, 57,1% (below 60%); Phú Lộc: 10 + 1 = 11, 7 satisfied, 63,6%.
  // Compared with the whole third quarter, which has no ratings.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await page.getByRole('combobox', { name: 'Kỳ báo cáo', exact: true }).selectOption('quarter');
  await page.getByRole('combobox', { name: 'Quý', exact: true }).selectOption({ label: 'IV' });
  await page.getByRole('spinbutton', { name: 'Năm', exact: true }).fill('2026');
  await page.getByLabel('Ngưỡng tỉ lệ (%)').fill('60');
  expect(await page.getByRole('link', { name: 'Tải báo cáo' }).getAttribute('href')).toBe('/api/v1/reports/monthly.xlsx?month=2026-10&period=quarter&below=0.6');
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  await expect.poll(() => pages.count()).toBe(3);
  expect(new URL(page.url()).search).toBe('?report=quarter&month=2026-10&below=60&print=1');
  await page.reload();
  await expect.poll(() => pages.count()).toBe(3);
  await page.emulateMedia({ media: 'print' });
  const printed = (i: number) => pages.nth(i).innerText();
  const first = await printed(0);
  for (const line of ['Báo cáo mức độ hài lòng quý IV/2026', 'Toàn tỉnh', '01/10/2026 – 31/12/2026', 'Kỳ trước (01/07/2026 – 30/09/2026)', 'Đơn vị có tỉ lệ hài lòng dưới 60%', 'Huyện Nam Đông: 57,1% (7 lượt)'])
    expect(first).toContain(line);
  expect([await province.getByTestId('print-total').textContent(), await province.getByTestId('print-satisfied').textContent(), await province.getByTestId('print-rate').textContent()]).toEqual(['18', '11', '61,1%']);
  expect(await province.getByTestId('print-previous').textContent()).toMatch(/^Chưa có đánh giá · 0 lượt\./);
  expect(await province.getByTestId('print-below').locator('li').allTextContents()).toEqual(['Huyện Nam Đông: 57,1% (7 lượt)']);
  expect([await pages.nth(1).getByTestId('print-subject').textContent(), await pages.nth(1).getByTestId('print-total').textContent(), await pages.nth(1).getByTestId('print-rate').textContent()]).toEqual(['Huyện Nam Đông', '7', '57,1%']);
  expect([await phuLoc.getByTestId('print-subject').textContent(), await phuLoc.getByTestId('print-total').textContent(), await phuLoc.getByTestId('print-rate').textContent()]).toEqual(['Huyện Phú Lộc', '11', '63,6%']);
  for (const i of [1, 2]) expect(await printed(i)).toContain('Báo cáo mức độ hài lòng quý IV/2026');
  await page.screenshot({ path: join(screenshotDir, 'central-report-print-quarter.png') });
  expect(await seriousAxeViolations(page), 'quarter').toEqual([]);
  const quarterPdfPath = join(screenshotDir, 'central-report-print-quarter.pdf');
  writeFileSync(quarterPdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  const quarterPages = pdfPageTexts(quarterPdfPath);
  expect(quarterPages).toHaveLength(3);
  for (const words of ['Báo cáo mức độ hài lòng quý IV/2026', 'Toàn tỉnh', 'Tỉ lệ hài lòng 61,1% Tổng số lượt đánh giá 18 Số lượt hài lòng trở lên 11', 'Kỳ trước (01/07/2026 – 30/09/2026)', 'dưới 60% Huyện Nam Đông: 57,1% (7 lượt)']) expect(quarterPages[0]).toContain(words);
  for (const words of ['Huyện Nam Đông', 'Tỉ lệ hài lòng 57,1% Tổng số lượt đánh giá 7']) expect(quarterPages[1]).toContain(words);
  for (const words of ['Huyện Phú Lộc', 'Tỉ lệ hài lòng 63,6% Tổng số lượt đánh giá 11']) expect(quarterPages[2]).toContain(words);
  await context.close();
});
