// Issue 16, central's web page in Chromium against the real central process (dist/central/
// central-cli.mjs serve): a province admin made with `central user add` (password on stdin) is
// refused with a wrong password in Vietnamese, signs in, sees the frame with their name and
// role under the province's name (CENTRAL_PROVINCE_NAME), the province's units from
// `central unit add`, and signs out. The page comes with the CSP
// header, and runs under it (nothing inline). Screenshots at 1366×768, axe on each screen.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { e2eFile, freshDataDir, screenshotDir } from '../support/e2e-host';
import { seriousAxeViolations } from '../support/e2e-axe';
import { killAllCentrals, runCentralCli, startCentralProcess } from '../support/e2e-central';

const PASSWORD = 'Sở Nội vụ tỉnh 2026 một cửa';
const { chromium, track } = e2eFile();
afterAll(() => {
  killAllCentrals();
});

const cli = runCentralCli;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `central-web-${name}.png`) });
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

test('a province admin signs in to central’s page (a wrong password refused in Vietnamese), sees the units, and signs out', async () => {
  const dataDir = freshDataDir('central-web');
  await cli(['user', 'add', '--username', 'sonoivu', '--role', 'province-admin', '--password-stdin', '--data-dir', dataDir], `${PASSWORD}\n`);
  await cli(['unit', 'add', '--code', 'H56-TL', '--name', 'Huyện Tân Lạc', '--data-dir', dataDir]);
  await cli(['unit', 'add', '--code', 'X-TL-01', '--name', 'Xã Phong Phú', '--parent', 'H56-TL', '--data-dir', dataDir]);
  await cli(['device', 'add', '--office', '000.00.21.H56', '--counter', '1', '--data-dir', dataDir]);
  await cli(['unit', 'assign-office', '--office-code', '000.00.21.H56', '--unit', 'X-TL-01', '--data-dir', dataDir]);
  const url = await startCentralProcess(dataDir, { env: { CENTRAL_PROVINCE_NAME: 'Sở Nội vụ tỉnh Hòa Bình' } });

  const browser = await chromium.get();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = track(await context.newPage());
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const response = await page.goto(`${url}/`);
  expect(response?.headers()['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  await page.getByLabel('Tên đăng nhập').waitFor();
  await page.getByText('Sở Nội vụ tỉnh Hòa Bình').waitFor();
  await shot(page, 'sign-in');

  // Wrong password: refused, said in Vietnamese, the password cleared and focused.
  await page.getByLabel('Tên đăng nhập').fill('sonoivu');
  await page.getByLabel('Mật khẩu').fill('không phải mật khẩu này');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  expect(await page.getByLabel('Mật khẩu').inputValue()).toBe('');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
  await shot(page, 'sign-in-error');

  // Right password: the frame with who is signed in and the views to come.
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-user').waitFor();
  expect(await page.getByTestId('signed-in-user').textContent()).toBe('sonoivu');
  expect(await page.getByRole('banner').textContent()).toMatch(/^Sở Nội vụ tỉnh Hòa Bình.*Quản trị tỉnh/);
  // The province view first (no ratings yet: the dashboard's own e2e is central-dashboard.test.ts).
  await expect.poll(() => page.getByTestId('total').textContent()).toBe('0');
  await shot(page, 'frame');

  // The units, from the real directory route, with the session alone.
  await page.getByRole('button', { name: 'Đơn vị' }).click();
  await page.getByText('Xã Phong Phú').waitFor();
  expect(await page.getByRole('main').textContent()).toMatch(/Huyện Tân Lạc.*Xã Phong Phú.*000\.00\.21\.H56.*1 máy đánh giá/);
  await shot(page, 'units');

  // A reload keeps the session (GET /api/v1/session); a view's own path would load the same page.
  await page.reload();
  await page.getByTestId('signed-in-user').waitFor();
  const deep = await page.request.get(`${url}/don-vi`, { headers: { accept: 'text/html' } });
  expect([deep.status(), (await deep.text()).includes('<div id="root">')]).toEqual([200, true]);

  // Sign out: back to the form, and the session is gone at central too.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').waitFor();
  expect((await page.request.get(`${url}/api/v1/session`)).status()).toBe(401);
  expect(cspViolations).toEqual([]);

  // The frame also fits a 1920×1080 screen (looked at once).
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByLabel('Tên đăng nhập').fill('sonoivu');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-user').waitFor();
  await page.screenshot({ path: join(screenshotDir, 'central-web-frame-1920.png') });
  await context.close();
});
