// Issue 17, acceptance 2 in Chromium against the real central process: the province admin sets a
// counter-run rule in "Cảnh báo", a kiosk's ratings arrive through the real batch route, the rule
// fires — the webhook (a real server on 127.0.0.1, CENTRAL_ALERT_WEBHOOK_URL) receives it once and
// the panel shows it open — and one more "Không hài lòng" in the same run sends nothing new. A unit
// viewer of another unit sees neither the alert nor the rules. Screenshots at 1366×768, axe on each.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { alertWebhookBodySchema } from '../../shared/central-alerts';
import { toLocalIso } from '../../shared/local-time';
import { ADMIN_PASSWORD, addTestAccount, VIEWER_PASSWORD } from '../support/account-fixture';
import { batchOf, postBatch, wireRating } from '../support/central-fixture';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, screenshotDir } from '../support/e2e-host';
import { killAllCentrals, startCentralProcess, signInToCentral } from '../support/e2e-central';
import { startWebhookReceiver } from '../support/webhook-receiver';

const { chromium, track } = e2eFile();
afterAll(() => {
  killAllCentrals();
});

const OFFICE = '000.00.21.H56';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `central-alerts-${name}.png`) });
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

const signIn = signInToCentral;

test('a counter-run rule set on the page fires once to the webhook and shows in "Cảnh báo"', async () => {
  const receiver = await startWebhookReceiver();
  const dataDir = freshDataDir('central-alerts');
  const url = await startCentralProcess(dataDir, { env: { CENTRAL_PROVINCE_NAME: 'Sở Nội vụ tỉnh Thừa Thiên Huế', CENTRAL_ALERT_WEBHOOK_URL: receiver.url } });
  // Units, accounts and the device written into central's own file, as the CLI would.
  const store = openSqliteCentralStore(dataDir);
  let token: string;
  let deviceId: string;
  try {
    await store.changeUnits(
      [
        { line: 0, code: 'H-HUE', name: 'Thành phố Huế', parentCode: null, officeCodes: [OFFICE] },
        { line: 0, code: 'H-PL', name: 'Huyện Phú Lộc', parentCode: null, officeCodes: [] },
      ],
      'add',
    );
    await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
    await addTestAccount(store, 'phuloc', 'unit-viewer', ['H-PL'], VIEWER_PASSWORD);
    ({ token, deviceId } = await store.addDevice({ officeCode: OFFICE, counter: 2 }));
  } finally {
    await store.close();
  }

  const browser = await chromium.get();
  const options = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
  const context = await browser.newContext(options);
  const page = track(await context.newPage());
  await signIn(page, url, 'sonoivu', ADMIN_PASSWORD);
  await page.getByRole('navigation', { name: 'Các mục' }).getByRole('button', { name: 'Cảnh báo' }).click();
  await page.getByText('Chưa có quy tắc nào.').waitFor();
  expect(new URL(page.url()).pathname).toBe('/canh-bao');

  // The rule: three "Không hài lòng" at one counter within 30 minutes.
  await page.getByLabel('Tên quy tắc').fill('Ba lần không hài lòng trong 30 phút');
  await page.getByLabel('Số đánh giá "Không hài lòng"').fill('3');
  await page.getByLabel('Trong bao nhiêu phút').fill('30');
  await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
  await page.getByText('Đã thêm quy tắc "Ba lần không hài lòng trong 30 phút".').waitFor();
  expect(await page.getByTestId('alert-rules-table').locator('tbody tr').allTextContents()).toEqual([
    'Ba lần không hài lòng trong 30 phút3 đánh giá "Không hài lòng" tại một quầy trong 30 phútsonoivuXóa',
  ]);
  await shot(page, 'rule-added');

  // The kiosk's ratings of the last minutes through the real batch route.
  const minutesAgo = (m: number) => toLocalIso(new Date(Date.now() - m * 60_000), 'Asia/Ho_Chi_Minh');
  const rated = (seq: number, m: number) => {
    const createdAt = minutesAgo(m);
    return wireRating(deviceId, seq, { createdAt, localDay: createdAt.slice(0, 10), scale: 'vn-3', level: 3 });
  };
  expect((await postBatch({ url }, batchOf([rated(1, 6), rated(2, 4), rated(3, 2)]), { token })).status).toBe(200);
  await receiver.waitForDelivered(1);
  const sent = alertWebhookBodySchema.parse(receiver.delivered()[0]);
  expect(sent).toMatchObject({ rule: { name: 'Ba lần không hài lòng trong 30 phút', kind: 'counter-run' }, subject: { deviceId, officeCode: OFFICE, counter: 2, unitCode: 'H-HUE' }, facts: { count: 3 } });
  expect(receiver.calls[0]?.headers['idempotency-key']).toBe(sent.alertId);

  await page.getByRole('button', { name: 'Tải lại' }).click();
  const alerts = page.getByTestId('alerts-table');
  await alerts.waitFor();
  expect(await alerts.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^Đang diễn ra3 đánh giá "Không hài lòng" trong 30 phút tại quầy 2 \(000\.00\.21\.H56\), từ \d\d:\d\d ngày \d\d\/\d\d\/\d{4}Ba lần không hài lòng trong 30 phút/)]);
  await shot(page, 'alert-open');

  // One more in the same run: the same episode (its count grows), nothing new sent.
  expect((await postBatch({ url }, batchOf([rated(4, 1)]), { token })).status).toBe(200);
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Tải lại' }).click();
      return alerts.locator('tbody tr').allTextContents();
    })
    .toEqual([expect.stringMatching(/^Đang diễn ra4 đánh giá/)]);
  expect(receiver.calls).toHaveLength(1);

  // A viewer of another unit: no alert of Huế, no rules.
  const viewerContext = await browser.newContext(options);
  const viewer = track(await viewerContext.newPage());
  await signIn(viewer, url, 'phuloc', VIEWER_PASSWORD);
  await viewer.getByRole('navigation', { name: 'Các mục' }).getByRole('button', { name: 'Cảnh báo' }).click();
  await viewer.getByText('Chưa có cảnh báo nào.').waitFor();
  expect(await viewer.getByText('Quy tắc cảnh báo').count()).toBe(0);
  expect((await viewer.request.post(`${url}/api/v1/admin/alert-rules`, { data: { name: 'x', params: { kind: 'device-silent', days: 1 } }, headers: { origin: url } })).status()).toBe(403);
  await shot(viewer, 'viewer');
  await viewerContext.close();
  await context.close();
  await receiver.close();
});
