// Issue 16, in Chromium against a real browser-mode host: the IT admin's setup screen has the
// switch "Gửi ảnh cán bộ về máy chủ trung tâm", off on a fresh kiosk; turned on and saved, the
// kiosk's setting is on (and its directory would then carry photos, tests/central/directory-sync).
// Screenshot looked at; axe finds nothing serious.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { readKioskSettings } from '../../electron/backend/settings-repo';
import { directoryContent } from '../../electron/backend/sync/directory-repo';
import { SETUP_DONE } from '../../renderer/src/it/DeviceSettingsScreen';
import { seriousAxeViolations } from '../support/e2e-axe';
import { databaseFile, freshDataDir, killAllHosts, screenshotDir, sharedBrowser, startHost } from '../support/e2e-host';
import { LANDSCAPE_SMALL, openKioskPage } from '../support/e2e-kiosk';
import { enterNewPinTwice, openStaffArea, signInTile, signInWithPin } from '../support/e2e-staff';

const chromium = sharedBrowser();
afterAll(async () => {
  await chromium.close();
  await killAllHosts();
});

test('IT admin: officers’ photos go to central only once the switch is turned on and saved', async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const dir = freshDataDir('it-directory-photos');
  const host = await startHost(dir);
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);

  await openStaffArea(page);
  await signInTile(page, 'Cán bộ CNTT').click();
  await signInWithPin(page, '123456');
  expect(await enterNewPinTwice(page, '73916482')).toMatchObject({ ok: true });
  await page.getByRole('heading', { name: 'Cài đặt lần đầu' }).waitFor({ state: 'visible' });

  await page.getByLabel('Mã đơn vị').fill('000.00.21.H56');
  await page.getByRole('radio', { name: /Văn phòng không có mạng/ }).click();
  const photos = page.getByRole('switch', { name: 'Gửi ảnh cán bộ về máy chủ trung tâm' });
  expect(await photos.getAttribute('aria-checked')).toBe('false');
  await photos.click();
  expect(await photos.getAttribute('aria-checked')).toBe('true');
  await page.getByRole('group', { name: 'Danh bạ gửi máy chủ trung tâm' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(screenshotDir, 'it-16-directory-photos.png') });
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await page.getByRole('status').filter({ hasText: SETUP_DONE }).waitFor({ state: 'visible' });
  const db = openDatabase(databaseFile(dir));
  try {
    expect(readKioskSettings(db).directoryPhotos).toBe(true);
    // What the directory would carry now: names, and photos allowed (none set yet on this kiosk).
    expect(directoryContent(db)).toMatchObject({ officeName: 'Bộ phận Tiếp nhận và Trả kết quả', officers: [] });
  } finally {
    db.close();
  }
  expect(errors).toEqual([]);
});
