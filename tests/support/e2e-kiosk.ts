// End-to-end helpers for the citizen screen in a real browser: open it, wait for home, tap a
// level the way a citizen does, and capture what the backend acknowledged.
import { type Browser, type Page } from 'playwright-core';
import { z } from 'zod';
import { THANK_YOU } from '../../renderer/src/screens/CitizenScreen';
import { citizenText } from '../../renderer/src/screens/citizen-text';
import { storedRatingSchema, type StoredRating } from '../../shared/contract';
import { scales, type RatingLevel, type ScaleId } from '../../shared/scales';

export interface Viewport {
  width: number;
  height: number;
}

export const LANDSCAPE_SMALL: Viewport = { width: 1366, height: 768 };
export const LANDSCAPE_FULL_HD: Viewport = { width: 1920, height: 1080 };
export const PORTRAIT_FULL_HD: Viewport = { width: 1080, height: 1920 };

export interface KioskPage {
  page: Page;
  /** Uncaught errors and console.error lines seen in the page so far. */
  errors: string[];
}

/**
 * A new page (in its own context) on the kiosk URL, Vietnamese locale and Hanoi time. Page
 * errors, console errors and failed HTTP responses are collected for the test to assert on.
 */
export async function openKioskPage(browser: Browser, url: string, viewport: Viewport = LANDSCAPE_SMALL): Promise<KioskPage> {
  const page = await browser.newPage({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium asks every site for /favicon.ico; the kiosk has none and needs none.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.setDefaultTimeout(20_000);
  await page.goto(url);
  return { page, errors };
}

export function levelButton(page: Page, level: RatingLevel) {
  return page.getByRole('button', { name: level.label, exact: true });
}

export function thankYou(page: Page) {
  return page.getByText(THANK_YOU, { exact: true });
}

/** The question that follows a negative rating when the kiosk has a reasons list. */
export function reasonsQuestion(page: Page) {
  return page.getByRole('heading', { name: citizenText.vi.reasonsTitle });
}

/** Home is showing: every level button of the scale is visible and the thank-you is gone. */
export async function waitForHome(page: Page, scaleId: ScaleId, timeoutMs = 20_000): Promise<void> {
  await thankYou(page).waitFor({ state: 'hidden', timeout: timeoutMs });
  for (const level of scales[scaleId]) {
    await levelButton(page, level).waitFor({ state: 'visible', timeout: timeoutMs });
  }
}

const submitReplySchema = z.object({ ok: z.literal(true), data: storedRatingSchema });

/** Resolves with the backend's acknowledgement of the next submitRating call from `page`. */
export function nextAcknowledgement(page: Page, timeoutMs = 20_000): Promise<StoredRating> {
  return page
    .waitForResponse((response) => response.url().endsWith('/api/submitRating') && response.request().method() === 'POST', {
      timeout: timeoutMs,
    })
    .then(async (response) => {
      const body: unknown = await response.json();
      const parsed = submitReplySchema.safeParse(body);
      if (!parsed.success) throw new Error(`submitRating was not acknowledged: ${JSON.stringify(body)}`);
      return parsed.data.data;
    });
}

/**
 * One citizen tap: click the level, wait for the backend's acknowledgement and for the
 * thank-you text. Returns what the backend acknowledged.
 */
/**
 * Taps a level and waits for the thank-you. After a negative level the kiosk may ask for
 * reasons: `reasons` are the labels to pick (then "Gửi lý do"), or 'skip' for "Bỏ qua".
 */
export async function tapLevel(page: Page, level: RatingLevel, reasons: 'skip' | readonly string[] = 'skip'): Promise<StoredRating> {
  const acknowledged = nextAcknowledgement(page);
  await levelButton(page, level).click();
  const rating = await acknowledged;
  await answerReasonsIfAsked(page, reasons);
  return rating;
}

/** After a tap: answers (or skips) the reasons question if it comes, then waits for the thank-you. */
export async function answerReasonsIfAsked(page: Page, reasons: 'skip' | readonly string[] = 'skip'): Promise<void> {
  const asked = reasonsQuestion(page);
  await thankYou(page).or(asked).waitFor({ state: 'visible' });
  if (await asked.isVisible()) {
    if (reasons === 'skip') {
      await page.getByRole('button', { name: citizenText.vi.skipReasons }).click();
    } else {
      for (const label of reasons) await page.getByRole('button', { name: label }).click();
      await page.getByRole('button', { name: citizenText.vi.sendReasons }).click();
    }
  }
  await thankYou(page).waitFor({ state: 'visible' });
}


/**
 * A barcode scanner's burst on the citizen screen (issue 15): its keys, then Enter, dispatched
 * in the page in one go. Separate CDP key presses on a busy machine (npm test runs two lanes on
 * two cores) can stretch a gap past the scanner rule's 50 ms, which cut off the first characters.
 */
export async function scanDossierCode(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    for (const key of [...keys, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, [...code]);
}
