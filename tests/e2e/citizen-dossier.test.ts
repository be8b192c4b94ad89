// Issue 15, the dossier code, in Chromium against the real host: a simulated scanner (keys a few
// ms apart, then Enter) links the next rating to a dossier and the rating is stored with it; the
// same receipt again is refused kindly ("Hồ sơ này đã được đánh giá"); a malformed scan and a
// malformed typed code are refused kindly; slow typing is not a scan; the keypad; required mode
// with and without "Không có mã hồ sơ". Every new screen in Vietnamese and English at 1366×768
// and 1080×1920, looked at, axe 0 serious or critical on each.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { citizenText } from '../../renderer/src/screens/citizen-text';
import { dossierStepText } from '../../renderer/src/screens/dossier/dossier-step-text';
import { defaultDossierSettings, type DossierSettings } from '../../shared/dossier-code';
import { seriousAxeViolations } from '../support/e2e-axe';
import { e2eFile, freshDataDir, provision, readRatings, screenshotDir, startHost } from '../support/e2e-host';
import { LANDSCAPE_SMALL, nextAcknowledgement, openKioskPage, PORTRAIT_FULL_HD, scanDossierCode, thankYou, waitForHome } from '../support/e2e-kiosk';

const { chromium, track } = e2eFile();
const SIZES = [LANDSCAPE_SMALL, PORTRAIT_FULL_HD];
const FIRST = '000.00.12.H34-261122-0001';
const SECOND = '000.00.12.H34-261122-0002';
const THIRD = '000.00.12.H34-261123-0003';
const FOURTH = '000.00.12.H34-261123-0004';
const vi = { ...citizenText.vi.dossier, ...dossierStepText.vi };
const en = { ...citizenText.en.dossier, ...dossierStepText.en };

/** A scanner: the code's characters `delay` ms apart, then Enter, with the focus on a face (nothing may leak to it). */
/** A scanner's burst (scanDossierCode), or with `slowMs` a person typing, one real key press at a time. */
async function scan(page: Page, code: string, slowMs?: number): Promise<void> {
  if (slowMs === undefined) return scanDossierCode(page, code);
  await page.keyboard.type(code, { delay: slowMs });
  await page.keyboard.press('Enter', { delay: slowMs });
}

/** Screenshots of what is shown now, in each language and size, each checked with axe. */
async function shootAll(page: Page, name: string, languages: readonly ('vi' | 'en')[] = ['vi', 'en']): Promise<void> {
  for (const language of languages) {
    const other = language === 'en' ? 'English' : 'Tiếng Việt';
    const switchButton = page.getByRole('button', { name: other, exact: true });
    if ((await switchButton.count()) > 0) await switchButton.click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      await page.screenshot({ path: join(screenshotDir, `dossier-${name}-${language}-${size.width}x${size.height}.png`) });
      expect(await seriousAxeViolations(page), `axe, ${name} ${language} ${size.width}x${size.height}`).toEqual([]);
    }
  }
  await page.setViewportSize(LANDSCAPE_SMALL);
  const back = page.getByRole('button', { name: 'Tiếng Việt', exact: true });
  if ((await back.count()) > 0) await back.click();
}

/** Taps "Hài lòng", then waits for the next citizen's start: the faces, or (required mode) the request for a code. */
async function rateSatisfied(page: Page, next: 'faces' | 'code' = 'faces'): Promise<void> {
  const acknowledged = nextAcknowledgement(page);
  await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
  await acknowledged;
  await thankYou(page).waitFor({ state: 'visible' });
  if (next === 'faces') await waitForHome(page, 'vn-3');
  else await page.getByRole('heading', { name: vi.requiredTitle }).waitFor({ state: 'visible' });
}

test('a scanned or typed dossier code links the rating; a repeat or a malformed code is refused kindly; required mode', async () => {
  const dir = freshDataDir('dossier');
  const dossier = (patch: Partial<DossierSettings>) => ({ ...defaultDossierSettings, format: 'one-stop' as const, onePerDossier: true, ...patch });
  provision(dir, { scaleId: 'vn-3', thankYouSeconds: 2, languages: ['vi', 'en'], reasons: [], dossier: dossier({}) });
  const host = await startHost(dir);
  const { page, errors } = await openKioskPage(await chromium.get(), host.url, LANDSCAPE_SMALL);
  track(page);
  await waitForHome(page, 'vn-3');
  await shootAll(page, 'home', ['vi']);

  // The scanner, with a face focused: the code is linked and no key pressed the face.
  await page.getByRole('button', { name: 'Hài lòng', exact: true }).focus();
  await scan(page, FIRST.toLowerCase());
  await page.getByTestId('dossier-linked').waitFor({ state: 'visible' });
  expect(await page.getByTestId('dossier-linked').textContent()).toContain(`${vi.linked} ${FIRST}`);
  expect(readRatings(dir)).toEqual([]);
  await shootAll(page, 'linked');
  await rateSatisfied(page);
  expect(readRatings(dir).map((r) => r.dossier_code)).toEqual([FIRST]);
  expect(await page.getByTestId('dossier-linked').count()).toBe(0); // gone for the next citizen

  // The same receipt again: refused kindly, no faces for it.
  await scan(page, FIRST);
  await page.getByTestId('dossier-already-rated').waitFor({ state: 'visible' });
  expect(await page.getByRole('button', { name: 'Hài lòng', exact: true }).count()).toBe(0);
  await shootAll(page, 'already-rated');
  await page.getByRole('button', { name: vi.close, exact: true }).click();

  // A malformed scan: refused kindly, before anything is asked of the backend.
  await scan(page, 'HS-12345');
  await page.getByTestId('dossier-invalid').waitFor({ state: 'visible' });
  await shootAll(page, 'invalid');

  // The keypad ("Nhập lại" from the refusal): a malformed typed code is explained in place.
  await page.getByRole('button', { name: vi.retry, exact: true }).click();
  await page.getByRole('heading', { name: vi.keypadTitle }).waitFor({ state: 'visible' });
  await shootAll(page, 'keypad');
  for (const key of 'HS12') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: vi.done, exact: true }).click();
  await page.getByText(vi.invalidTitle, { exact: false }).waitFor({ state: 'visible' });
  await shootAll(page, 'keypad-invalid', ['vi']);
  for (let i = 0; i < 4; i += 1) await page.getByRole('button', { name: vi.erase, exact: true }).click();
  for (const key of SECOND) await page.getByRole('button', { name: key, exact: true }).click();
  expect(await page.getByTestId('dossier-typed').textContent()).toBe(SECOND);
  await page.getByRole('button', { name: vi.done, exact: true }).click();
  await page.getByTestId('dossier-linked').waitFor({ state: 'visible' });
  await rateSatisfied(page);

  // Slow typing on a keyboard is not a scan (and its Enter reaches no face: nothing focused).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const checked: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/checkDossierCode')) checked.push(request.postData() ?? '');
  });
  await scan(page, THIRD, 120);
  // Then a real scan: the page asks the backend in order, so only this one may have been asked.
  await scan(page, FOURTH);
  await page.getByTestId('dossier-linked').waitFor({ state: 'visible' });
  expect(checked).toEqual([JSON.stringify({ dossierCode: FOURTH })]);
  expect(readRatings(dir)).toHaveLength(2);
  await page.getByRole('button', { name: vi.remove, exact: true }).click();
  expect(await page.getByTestId('dossier-linked').count()).toBe(0);

  // Required, with "Không có mã hồ sơ": the faces wait; the choice rates without a code.
  provision(dir, { dossier: dossier({ required: true, allowNoCode: true }) });
  await page.reload();
  await page.getByRole('heading', { name: vi.requiredTitle }).waitFor({ state: 'visible' });
  expect(await page.getByRole('button', { name: 'Hài lòng', exact: true }).count()).toBe(0);
  await shootAll(page, 'required');
  await page.getByRole('button', { name: vi.noCode, exact: true }).click();
  await rateSatisfied(page, 'code');

  // Required, without it: only a code opens the faces.
  provision(dir, { dossier: dossier({ required: true, allowNoCode: false }) });
  await page.reload();
  await page.getByRole('heading', { name: vi.requiredTitle }).waitFor({ state: 'visible' });
  expect(await page.getByRole('button', { name: vi.noCode, exact: true }).count()).toBe(0);
  expect(await page.getByRole('button', { name: en.noCode, exact: true }).count()).toBe(0);
  await shootAll(page, 'required-strict', ['vi']);
  await scan(page, THIRD);
  await page.getByTestId('dossier-linked').waitFor({ state: 'visible' });
  await rateSatisfied(page, 'code');

  expect(readRatings(dir).map((r) => r.dossier_code)).toEqual([FIRST, SECOND, null, THIRD]);
  expect(errors).toEqual([]);
  expect(await host.stop()).toEqual({ code: 0, signal: null });
});
