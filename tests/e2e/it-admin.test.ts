// The IT admin's side of issue 5, end to end: the built browser host on a fresh data folder,
// a real Chromium, a "USB stick" folder named by KIOSK_USB_DIRS, and central's own provision
// command against a central SQLite store. One story, in order:
//   1. a fresh kiosk shows the citizen "not set up" notice;
//   2. the IT admin gets in (3-second press, default PIN, forced change) and lands on setup;
//   3. imports a provisioning file from the stick: the citizen screen shows that office, in
//      Vietnamese or English, and asks the office's reasons after a negative rating;
//   4. citizens tap; the IT admin exports a sync file with a moving progress bar and gets
//      "có thể rút USB"; the file on the stick verifies with the device key and holds them all.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { provisionDevice } from '../../central/sync-file-commands';
import { centralSigningKey } from '../../central/signing-key';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { keyFingerprint } from '../../shared/sync-files/enrollment-file';
import { openDatabase } from '../../electron/backend/database';
import { insertRating } from '../../electron/backend/ratings-repo';
import { ensureDeviceId, readDevicePublicKey } from '../../electron/backend/settings-repo';
import { SETTINGS_SAVED } from '../../renderer/src/it/DeviceSettingsScreen';
import { NOT_SET_UP_TITLE } from '../../renderer/src/it/NotSetUpNotice';
import { EXPORT_DONE } from '../../renderer/src/it/SyncFileExport';
import { toLocalIso } from '../../shared/local-time';
import { scales } from '../../shared/scales';
import { importPublicKey } from '../../shared/sync-files/signed-file';
import { verifySyncFile } from '../../shared/sync-files/sync-file';
import { seriousAxeViolations } from '../support/e2e-axe';
import { databaseFile, freshDataDir, killAllHosts, screenshotDir, sharedBrowser, startHost } from '../support/e2e-host';
import { ALL_DAY_EVERY_DAY } from '../support/opening-hours-fixture';
import { LANDSCAPE_SMALL, levelButton, nextAcknowledgement, openKioskPage, reasonsQuestion, thankYou, waitForHome } from '../support/e2e-kiosk';
import { closeStaffArea, enterNewPinTwice, openStaffArea, signInTile, signInWithPin, staffEntry } from '../support/e2e-staff';

const SEEDED = 20_000;
const IT_PIN = '73916482';
const OFFICE = 'UBND xã Tân Lập – Bộ phận Một cửa';
const OFFICE_REASONS = [
  { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', labelEn: 'Unfriendly officer' },
  { code: 'HUONG-DAN', label: 'Hướng dẫn chưa rõ ràng', labelEn: 'Unclear guidance' },
  { code: 'DI-LAI', label: 'Phải đi lại, bổ sung hồ sơ nhiều lần', labelEn: 'Had to come back many times' },
  { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time' },
  { code: 'KHAC', label: 'Lý do khác', labelEn: null },
];

const chromium = sharedBrowser();
afterAll(async () => {
  await chromium.close();
  await killAllHosts();
});

/** Ratings given before the kiosk was set up (a kiosk that ran un-provisioned for months). */
function seedRatings(dataDir: string, count: number): string {
  const db = openDatabase(databaseFile(dataDir));
  try {
    const deviceId = ensureDeviceId(db);
    const start = Date.parse('2026-09-01T01:00:00.000Z');
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        const at = toLocalIso(new Date(start + i * 60_000), 'Asia/Ho_Chi_Minh');
        insertRating(db, {
          id: `0192${i.toString(16).padStart(4, '0')}-0000-7000-8000-${deviceId.slice(-12)}`,
          device_id: deviceId,
          created_at: at,
          local_day: at.slice(0, 10),
          scale: 'vn-3',
          level: (i % 3) + 1,
          officer_id: null,
          service_code: null,
          dossier_code: null,
          reasons: [],
          flags: [],
          app_version: '0.1.0',
          boot_id: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        });
      }
    })();
    return deviceId;
  } finally {
    db.close();
  }
}

async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Wholly inside the window (the staff area scrolls inside itself, so this is what the admin sees). */
async function inViewport(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  return box !== null && size !== null && box.y >= 0 && box.y + box.height <= size.height;
}

async function signInAsItAdmin(page: Page, pin: string): Promise<void> {
  await openStaffArea(page);
  await signInTile(page, 'Cán bộ CNTT').click();
  await signInWithPin(page, pin);
}

test('IT admin: setup screen, provisioning file from USB, sync file export with progress', async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const dir = freshDataDir('it-admin');
  const usb = freshDataDir('it-admin-usb');
  const deviceId = seedRatings(dir, SEEDED);

  // Central registers the kiosk and writes its provisioning file onto the stick.
  const central = openSqliteCentralStore(freshDataDir('it-admin-central'));
  const io = { stdout: { write: () => true }, stderr: { write: (t: string) => process.stderr.write(t) }, now: () => new Date() };
  let centralFingerprint: string | undefined;
  try {
    await central.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 3, label: 'Quầy 3 – Hộ tịch' });
    // The office's own settings, kept once by IT staff for every kiosk of the office.
    const settingsFile = join(freshDataDir('it-admin-office'), 'tan-lap.json');
    // Open all day (issue 15's hours): this test runs at any hour of the real clock.
    writeFileSync(settingsFile, JSON.stringify({ languages: ['vi', 'en'], reasons: OFFICE_REASONS, openingHours: ALL_DAY_EVERY_DAY }));
    const provisioned = await provisionDevice(
      { command: 'provision', deviceId, out: join(usb, 'quay-3.hlprov'), officeName: OFFICE, endpoint: null, scale: 'vn-4', timeZone: 'Asia/Ho_Chi_Minh', settingsFile, dataDir: '' },
      central,
      io,
    );
    expect(provisioned).toBe(0);
    // What `central key` prints, and the province's IT staff read out to the kiosk's.
    centralFingerprint = await keyFingerprint((await centralSigningKey(central)).publicKey);
  } finally {
    central.close();
  }

  const host = await startHost(dir, { env: { KIOSK_USB_DIRS: usb } });
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);

  // 1. Fresh kiosk: the notice, no rating buttons; the office name is still the way in.
  await page.getByRole('heading', { name: NOT_SET_UP_TITLE }).waitFor({ state: 'visible' });
  expect(await page.getByRole('button', { name: 'Rất hài lòng', exact: true }).count()).toBe(0);
  await staffEntry(page).waitFor({ state: 'visible' });
  await screenshot(page, 'it-01-not-set-up.png');

  // 2. Default PIN, forced change, then the setup screen.
  await signInAsItAdmin(page, '123456');
  expect(await enterNewPinTwice(page, IT_PIN)).toMatchObject({ ok: true });
  await page.getByRole('heading', { name: 'Cài đặt lần đầu' }).waitFor({ state: 'visible' });
  expect(await page.getByRole('tab', { name: 'Cài đặt thiết bị' }).getAttribute('aria-selected')).toBe('true');
  await screenshot(page, 'it-02-setup-screen.png');
  // The whole form at once, on a tall window (the staff area scrolls inside itself).
  await page.setViewportSize({ width: LANDSCAPE_SMALL.width, height: 2300 });
  await screenshot(page, 'it-02b-setup-form-full.png');
  await page.setViewportSize(LANDSCAPE_SMALL);

  // Issue 15: "Mã hồ sơ" — a custom pattern and required mode open their fields; then back as it was.
  await page.getByRole('radio', { name: /^Mẫu riêng của đơn vị/ }).click();
  await page.getByLabel('Mẫu mã hồ sơ').fill('HCM-[0-9]{6}');
  await page.getByRole('switch', { name: 'Bắt buộc mã hồ sơ' }).click();
  await page.getByRole('group', { name: 'Mã hồ sơ' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'it-02g-dossier-code.png');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('switch', { name: 'Bắt buộc mã hồ sơ' }).click();
  await page.getByRole('radio', { name: /^Mã bất kỳ/ }).click();

  // Issue 14: Save is in sight at the top of the long form, the chosen tiles stand out, and a
  // refused Save brings its summary into view with the focus on it (nothing is saved).
  const saveButton = page.getByRole('button', { name: 'Lưu cài đặt' });
  expect(await inViewport(page, saveButton)).toBe(true);
  await page.getByRole('radio', { name: /^4 mức/ }).click();
  await page.getByRole('radio', { name: /Tiếng Việt và tiếng Anh/ }).click();
  await page.getByRole('radiogroup', { name: 'Thang đánh giá' }).scrollIntoViewIfNeeded();
  const tileBackground = (name: RegExp) => page.getByRole('radio', { name }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await tileBackground(/^4 mức/)).not.toBe(await tileBackground(/^3 mức/));
  expect(await tileBackground(/Tiếng Việt và tiếng Anh/)).not.toBe(await tileBackground(/Chỉ tiếng Việt/));
  await screenshot(page, 'it-02c-selected-tiles.png');
  await page.getByRole('radio', { name: /Văn phòng không có mạng/ }).scrollIntoViewIfNeeded();
  expect(await page.getByLabel(/Token thiết bị/).count()).toBe(0);
  await screenshot(page, 'it-02d-offline-no-token.png');
  await saveButton.click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có giá trị chưa hợp lệ' });
  await summary.waitFor({ state: 'visible' });
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await inViewport(page, summary)).toBe(true);
  await screenshot(page, 'it-02e-save-refused.png');
  await summary.getByRole('link', { name: /^Mã đơn vị:/ }).click();
  expect(await page.getByLabel('Mã đơn vị').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.getByLabel('Mã đơn vị').fill('000.00.21');
  // Corrected: the summary goes at once, before any Save.
  await summary.waitFor({ state: 'detached' });
  await screenshot(page, 'it-02f-error-cleared.png');

  // 3. The provisioning file from the stick: its central key's fingerprint first, then applied.
  await page.getByRole('button', { name: 'Nhập tệp cấu hình từ USB' }).click();
  await page.getByRole('radio', { name: new RegExp(usb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  const importButton = page.getByRole('button', { name: 'Nhập quay-3.hlprov' });
  await importButton.click();
  const confirmation = page.getByRole('dialog', { name: 'Xác nhận khóa máy chủ trung tâm' });
  await confirmation.waitFor({ state: 'visible' });
  expect(await confirmation.getByTestId('central-key-fingerprint').textContent()).toBe(centralFingerprint);
  await screenshot(page, 'it-03a-confirm-central-key.png');
  await confirmation.getByRole('button', { name: 'Dấu vân tay giống hệt: áp dụng cấu hình' }).click();
  const applied = page.getByRole('status').filter({ hasText: 'Đã áp dụng cấu hình' });
  await applied.waitFor({ state: 'visible' });
  expect(await applied.textContent()).toContain(`${OFFICE} (000.00.21.H56), quầy 3 – Quầy 3 – Hộ tịch.`);
  await screenshot(page, 'it-03-provisioned.png');
  await closeStaffArea(page);

  // The citizen screen now shows the provisioned office, counter and 4-level scale.
  await waitForHome(page, 'vn-4');
  expect(await page.locator('.office-name').textContent()).toBe(OFFICE);
  expect(await page.locator('.counter').textContent()).toBe('Quầy số 3');
  const [best, , , notSatisfied] = scales['vn-4'];
  if (best === undefined || notSatisfied === undefined) throw new Error('vn-4 has 4 levels');

  // English for one citizen: the office offers it; the next citizen starts in Vietnamese.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Are you satisfied with the service you received today?' }).waitFor({ state: 'visible' });
  expect(await page.locator('.counter').textContent()).toBe('Counter 3');
  await screenshot(page, 'citizen-english.png');
  await page.getByRole('button', { name: 'Very satisfied', exact: true }).click();
  await page.getByText('Thank you for your rating!', { exact: true }).waitFor({ state: 'visible' });
  await waitForHome(page, 'vn-4');
  expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(true);

  // A negative rating: counted at the tap, then the office's reasons are asked.
  const acknowledged = nextAcknowledgement(page);
  await levelButton(page, notSatisfied).click();
  const negative = await acknowledged;
  await reasonsQuestion(page).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Thời gian chờ lâu' }).click();
  await page.getByRole('button', { name: 'Hướng dẫn chưa rõ ràng' }).click();
  await screenshot(page, 'citizen-reasons.png');
  await page.getByRole('button', { name: 'Gửi lý do' }).click();
  await thankYou(page).waitFor({ state: 'visible' });
  await waitForHome(page, 'vn-4');
  const taps = [best, notSatisfied];
  const kioskDb = openDatabase(databaseFile(dir));
  try {
    // In the order of the list, not the order tapped; the rating itself is unchanged.
    expect(kioskDb.prepare('SELECT rating_id, reasons FROM reason_answers').all()).toEqual([
      {
        rating_id: negative.id,
        reasons: JSON.stringify([
          { code: 'HUONG-DAN', label: 'Hướng dẫn chưa rõ ràng' },
          { code: 'CHO-LAU', label: 'Thời gian chờ lâu' },
        ]),
      },
    ]);
  } finally {
    kioskDb.close();
  }

  // 4. Export: the bar moves (values recorded in the page as they change), then the all-clear.
  await signInAsItAdmin(page, IT_PIN);
  await page.getByRole('tab', { name: 'Tệp đồng bộ (USB)' }).click();
  await page.getByRole('radio', { name: new RegExp(usb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    const record = () => {
      const bar = document.querySelector('progress');
      if (bar !== null) seen.push(bar.getAttribute('value') ?? 'indeterminate');
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  await page.getByRole('button', { name: 'Xuất tệp đồng bộ' }).click();
  const bar = page.getByRole('progressbar', { name: 'Tiến độ xuất tệp đồng bộ' });
  await bar.waitFor({ state: 'visible' });
  // Try to catch the bar part-way (it may finish first: the recorded values are the proof).
  await page
    .waitForFunction(() => document.querySelector('progress')?.hasAttribute('value') === true, undefined, { polling: 'raf', timeout: 5_000 })
    .catch(() => undefined);
  await screenshot(page, 'it-04-export-progress.png');
  await page.getByText(EXPORT_DONE).waitFor({ state: 'visible', timeout: 60_000 });
  await screenshot(page, 'it-05-export-done.png');
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  // The bar showed the export's count; how many steps a screen draws depends on the machine (a
  // busy core lets React draw several progress events as one frame). That every step is pushed is
  // proven in tests/backend/it-admin-sync-files.test.ts, and that each is drawn in
  // tests/renderer/it-admin.test.tsx.
  const values = [...new Set(seen.filter((v) => v !== 'indeterminate').map(Number))];
  expect(values.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(1);
  expect(Math.max(...values)).toBe(SEEDED + taps.length);
  expect(values.every((v) => v >= 0 && v <= SEEDED + taps.length), `progress values seen: ${seen.join(', ')}`).toBe(true);

  // The file on the stick: complete, signed by this kiosk, every pending rating in it.
  const syncFiles = readdirSync(usb).filter((f) => f.endsWith('.hlsync'));
  expect(syncFiles).toHaveLength(1);
  expect(syncFiles[0]).toMatch(new RegExp(`^000\\.00\\.21\\.H56-q3-${deviceId.slice(0, 8)}-f1-1-${SEEDED + taps.length}\\.hlsync$`));
  expect(await page.getByRole('status').filter({ hasText: EXPORT_DONE }).textContent()).toContain(syncFiles[0]);
  const db = openDatabase(databaseFile(dir));
  let publicKey: string | undefined;
  try {
    publicKey = readDevicePublicKey(db);
  } finally {
    db.close();
  }
  const content = await verifySyncFile(new Uint8Array(readFileSync(join(usb, syncFiles[0] ?? ''))), () => importPublicKey(publicKey ?? ''));
  expect(content.manifest).toMatchObject({ deviceId, officeCode: '000.00.21.H56', counter: 3, count: SEEDED + taps.length, reasonAnswerCount: 1, fileNumber: 1 });
  // The reasons travel with the ratings, as their own record.
  expect(content.reasonAnswers.map((a) => [a.ratingId, a.reasons.map((r) => r.code)])).toEqual([[negative.id, ['HUONG-DAN', 'CHO-LAU']]]);
  expect(content.ratings.slice(-2).map((r) => [r.scale, r.level])).toEqual(taps.map((l) => ['vn-4', l?.level]));

  // Status and the audit log, as IT staff read them after the visit.
  await page.getByRole('tab', { name: 'Trạng thái & chẩn đoán' }).click();
  await page.getByRole('button', { name: 'Kiểm tra CSDL' }).click();
  await page.getByText('Cơ sở dữ liệu không có lỗi (integrity_check: ok).').waitFor({ state: 'visible' });
  await screenshot(page, 'it-06-diagnostics.png');
  await page.getByRole('tab', { name: 'Nhật ký thay đổi' }).click();
  await page.getByRole('cell', { name: 'Token thiết bị' }).waitFor({ state: 'visible' });
  // The PIN events below the settings changes (the provisioning file's setup codes, if any).
  await page.getByRole('heading', { name: 'Mã PIN' }).waitFor({ state: 'visible' });
  await screenshot(page, 'it-07-audit-log.png');
  await page.getByRole('table', { name: 'Sự kiện mã PIN' }).or(page.getByText('Chưa có sự kiện mã PIN nào.')).last().scrollIntoViewIfNeeded();
  await screenshot(page, 'it-07b-audit-log-pins.png');

  // A later change saved from the bottom of the form: the outcome is beside the Save button.
  await page.getByRole('tab', { name: 'Cài đặt thiết bị' }).click();
  await page.getByLabel('Thời gian lời cảm ơn (giây)').fill('6');
  await page.getByRole('switch', { name: 'Tự khởi động khi đăng nhập' }).scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  const saved = page.getByRole('status').filter({ hasText: SETTINGS_SAVED });
  await saved.waitFor({ state: 'visible' });
  expect(await inViewport(page, saved)).toBe(true);
  await screenshot(page, 'it-08-settings-saved.png');

  expect(errors).toEqual([]);
  await host.stop();
});
