// Issue 16, the province admin's "Quản trị" in Chromium against the real central process: the
// admin (from `central user add`) creates a unit viewer scoped to one unit, the one-time password is
// shown once; the viewer signs in with it in a second browser context and sees only that unit (and
// is refused the admin routes). The admin imports a units spreadsheet with one bad line — refused,
// the line named, nothing written — then the corrected file; revokes a device. Screenshots of each
// admin screen at 1366×768, axe on each, no CSP violation.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { e2eFile, freshDataDir, screenshotDir } from '../support/e2e-host';
import { seriousAxeViolations } from '../support/e2e-axe';
import { killAllCentrals, runCentralCli, startCentralProcess, signInToCentral } from '../support/e2e-central';

const PASSWORD = 'Sở Nội vụ tỉnh 2026 một cửa';
const { chromium, track } = e2eFile();
afterAll(() => {
  killAllCentrals();
});

const cli = runCentralCli;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `central-admin-${name}.png`) });
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

const signIn = signInToCentral;

const csv = (lines: string[]) => Buffer.from(`${['Mã đơn vị;Tên đơn vị;Mã đơn vị cấp trên;Mã bộ phận một cửa', ...lines].join('\r\n')}\r\n`);

test('the province admin adds a unit viewer (one-time password), who sees only their unit; a spreadsheet with a bad line is refused, then imported', async () => {
  const dataDir = freshDataDir('central-admin');
  await cli(['user', 'add', '--username', 'sonoivu', '--role', 'province-admin', '--password-stdin', '--data-dir', dataDir], `${PASSWORD}\n`);
  await cli(['unit', 'add', '--code', 'H56-TL', '--name', 'Huyện Tân Lạc', '--data-dir', dataDir]);
  await cli(['unit', 'add', '--code', 'X-TL-01', '--name', 'Xã Phong Phú', '--parent', 'H56-TL', '--data-dir', dataDir]);
  await cli(['unit', 'add', '--code', 'H56-CP', '--name', 'Huyện Cao Phong', '--data-dir', dataDir]);
  await cli(['device', 'add', '--office', '000.00.21.H56', '--counter', '1', '--label', 'Quầy hộ tịch', '--data-dir', dataDir]);
  await cli(['unit', 'assign-office', '--office-code', '000.00.21.H56', '--unit', 'X-TL-01', '--data-dir', dataDir]);
  const url = await startCentralProcess(dataDir, { env: { CENTRAL_PROVINCE_NAME: 'Sở Nội vụ tỉnh Hòa Bình' } });

  const browser = await chromium.get();
  const options = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
  const adminContext = await browser.newContext(options);
  const page = track(await adminContext.newPage());
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await signIn(page, url, 'sonoivu', PASSWORD);
  await page.getByRole('navigation', { name: 'Các mục' }).getByRole('button', { name: 'Quản trị' }).click();
  await page.getByRole('table').waitFor();
  await shot(page, 'accounts');

  // A unit viewer for Xã Phong Phú, with a generated password shown once.
  await page.getByLabel('Tên đăng nhập').fill('phongphu');
  await page.getByRole('group', { name: 'Đơn vị được xem' }).getByLabel(/Xã Phong Phú/).check();
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const oneTime = page.getByTestId('one-time-password');
  await oneTime.waitFor();
  const viewerPassword = (await oneTime.textContent()) ?? '';
  expect(viewerPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await expect.poll(() => page.getByRole('table').textContent()).toMatch(/phongphuXem đơn vịXã Phong PhúĐang dùng/);
  await shot(page, 'accounts-one-time-password');
  await page.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();
  expect(await oneTime.count()).toBe(0);

  // The viewer, in a browser of their own: only their unit, and no administration.
  const viewerContext = await browser.newContext(options);
  const viewer = track(await viewerContext.newPage());
  await signIn(viewer, url, 'phongphu', viewerPassword);
  expect(await viewer.getByRole('banner').textContent()).toMatch(/phongphu · Xem đơn vị/);
  expect(await viewer.getByRole('button', { name: 'Quản trị' }).count()).toBe(0);
  await viewer.getByRole('button', { name: 'Đơn vị' }).click();
  await viewer.getByTestId('dashboard').waitFor();
  expect(await viewer.getByRole('main').textContent()).toContain('Xã Phong Phú');
  expect(await viewer.getByRole('main').textContent()).not.toContain('Huyện Cao Phong');
  const viewerApi = viewer.request;
  expect((await viewerApi.get(`${url}/api/v1/admin/accounts`)).status()).toBe(403);
  expect((await viewerApi.get(`${url}/api/v1/dashboard/units/H56-CP?from=2026-11-01&to=2026-11-30&includeFlagged=false`)).status()).toBe(403);
  await viewerContext.close();

  // The spreadsheet: one bad line refuses the whole file and is named; the corrected file goes in.
  await page.getByRole('navigation', { name: 'Các mục quản trị' }).getByRole('button', { name: 'Đơn vị' }).click();
  await page.getByRole('table', { name: 'Cây đơn vị' }).waitFor();
  const bad = csv(['X-CP-01;Xã Bắc Phong;H56-CP;000.00.31.H56', 'X CP 02;Xã Thu Phong;H56-CP;']);
  await page.getByLabel('Tệp danh sách đơn vị').setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByRole('button', { name: 'Nhập tệp' }).click();
  await page.getByText('Tệp không được nhập').waitFor();
  expect(await page.locator('.problem-list li').allTextContents()).toEqual(['dòng 3: Mã đơn vị: Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _']);
  expect(await page.getByRole('table', { name: 'Cây đơn vị' }).textContent()).not.toContain('Xã Bắc Phong');
  await page.getByText('Tệp không được nhập').scrollIntoViewIfNeeded();
  await shot(page, 'units-import-refused');
  await page.getByLabel('Tệp danh sách đơn vị').setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: csv(['X-CP-01;Xã Bắc Phong;H56-CP;000.00.31.H56', 'X-CP-02;Xã Thu Phong;H56-CP;']) });
  await page.getByRole('button', { name: 'Nhập tệp' }).click();
  await page.getByText('Đã nhập 2 đơn vị và 1 bộ phận một cửa.').waitFor();
  await expect.poll(() => page.getByRole('table', { name: 'Cây đơn vị' }).locator('tbody th').allTextContents()).toEqual([
    'Huyện Cao Phong',
    'Xã Bắc Phong',
    'Xã Thu Phong',
    'Huyện Tân Lạc',
    'Xã Phong Phú',
  ]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'units');

  // Devices: the kiosk with its office and unit; revoked after the question.
  await page.getByRole('navigation', { name: 'Các mục quản trị' }).getByRole('button', { name: 'Thiết bị' }).click();
  const devices = page.getByRole('table', { name: 'Máy đánh giá' });
  await devices.waitFor();
  expect(await devices.locator('tbody tr').first().textContent()).toMatch(/000\.00\.21\.H56Xã Phong Phú1Quầy hộ tịchHoạt độngChưa bao giờ0Thu hồi/);
  page.once('dialog', (dialog) => void dialog.accept());
  await devices.getByRole('button', { name: /^Thu hồi Quầy hộ tịch/ }).click();
  await expect.poll(() => devices.locator('tbody tr').first().textContent()).toContain('Đã thu hồi');
  await shot(page, 'devices');
  expect(cspViolations).toEqual([]);
  await adminContext.close();
});
