// End-to-end helpers for the staff area in a real browser: the 3-second hold on the office
// name, the "who are you" tiles, the PIN pad (typed by tapping its digits, as an official
// does), the forced PIN change, an officer's first PIN on the pad, and reading back what the kiosk wrote to its data folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Page, type Response } from 'playwright-core';
import { databaseFile } from './e2e-host';

/** The hold the kiosk asks for (use-hold-press.ts HOLD_MS = 3 000) plus a margin. */
export const HOLD_WITH_MARGIN_MS = 3_300;

export function staffEntry(page: Page) {
  return page.getByTestId('staff-entry');
}

export function staffArea(page: Page) {
  return page.getByTestId('staff-area');
}

export function holdRing(page: Page) {
  return page.getByTestId('hold-ring');
}

async function entryCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await staffEntry(page).boundingBox();
  if (box === null) throw new Error('The office name (staff entry) is not on screen.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Open the staff area the way an official does: a 3-second press on the office name. */
export async function openStaffArea(page: Page): Promise<void> {
  const { x, y } = await entryCentre(page);
  const started = Date.now();
  await page.mouse.move(x, y);
  await page.mouse.down();
  try {
    // The ring shows the hold is being counted (after 1 s): proof the press registered.
    await holdRing(page).waitFor({ state: 'visible', timeout: 3_000 });
    const left = HOLD_WITH_MARGIN_MS - (Date.now() - started);
    if (left > 0) await page.waitForTimeout(left);
  } finally {
    await page.mouse.up();
  }
  await staffArea(page).waitFor({ state: 'visible', timeout: 5_000 });
  await page.getByRole('heading', { name: 'Chọn người đăng nhập' }).waitFor({ state: 'visible' });
}

/**
 * Watch the page for `windowMs` and return every moment something staff-related showed
 * (the hold ring or the staff area). Used after a tap or an early release: nothing may open.
 */
export async function watchForStaffUi(page: Page, windowMs: number): Promise<string[]> {
  const seen: string[] = [];
  const until = Date.now() + windowMs;
  while (Date.now() < until) {
    if (await staffArea(page).isVisible()) seen.push(`staff area visible at +${windowMs - (until - Date.now())} ms`);
    if (await holdRing(page).isVisible()) seen.push(`hold ring visible at +${windowMs - (until - Date.now())} ms`);
    await page.waitForTimeout(100);
  }
  return seen;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A tile on "Chọn người đăng nhập": an officer's name (their title follows) or a role. */
export function signInTile(page: Page, name: string) {
  return page.locator('.choice-grid').getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}(\\s|$)`) });
}

export function pinKey(page: Page, key: string) {
  return page.locator('.pin-keys').getByRole('button', { name: key, exact: true });
}

/** The dots' status line: how many digits the pad holds now. */
export function pinDots(page: Page) {
  return page.getByTestId('pin-dots');
}

/** Tap the digits of `pin` on the pad (checking each one registered), without pressing OK. */
export async function typePin(page: Page, pin: string): Promise<void> {
  for (const [i, digit] of [...pin].entries()) {
    await pinKey(page, digit).click();
    await page.waitForFunction(
      ({ n }) => document.querySelector('[data-testid="pin-dots"]')?.getAttribute('aria-label')?.endsWith(`đã nhập ${n} chữ số`) === true,
      { n: i + 1 },
    );
  }
}

/** Type a PIN and press OK; resolves with the HTTP response of the call the pad made. */
export async function submitPin(page: Page, pin: string, method: 'staffSignIn' | 'changePin'): Promise<Response> {
  await typePin(page, pin);
  const reply = page.waitForResponse((r) => r.url().endsWith(`/api/${method}`) && r.request().method() === 'POST');
  await pinKey(page, 'OK').click();
  return reply;
}

export interface PinReply {
  ok: boolean;
  error?: { code: string; message: string; retryAt?: string };
}

export async function pinReply(response: Response): Promise<PinReply> {
  return (await response.json()) as PinReply;
}

/** Sign in with `pin` and expect the backend to accept it. */
export async function signInWithPin(page: Page, pin: string): Promise<void> {
  const reply = await pinReply(await submitPin(page, pin, 'staffSignIn'));
  if (!reply.ok) throw new Error(`staffSignIn refused the PIN: ${JSON.stringify(reply.error)}`);
}

export function pinPrompt(page: Page) {
  return page.getByTestId('pin-prompt');
}

export const NEW_PIN_PROMPT = 'Nhập mã PIN mới (6 đến 8 chữ số)';
export const CONFIRM_PIN_PROMPT = 'Nhập lại mã PIN mới';

/**
 * The forced change after a first sign-in: new PIN, the same again, saved. Returns the
 * backend's answer to changePin (the caller checks it: a weak PIN is refused there).
 */
export async function enterNewPinTwice(page: Page, newPin: string): Promise<PinReply> {
  await pinPrompt(page).filter({ hasText: NEW_PIN_PROMPT }).waitFor({ state: 'visible' });
  await typePin(page, newPin);
  await pinKey(page, 'OK').click();
  await pinPrompt(page).filter({ hasText: CONFIRM_PIN_PROMPT }).waitFor({ state: 'visible' });
  return pinReply(await submitPin(page, newPin, 'changePin'));
}

/** The officer form's PIN pad (OfficerPinStep): an officer's first PIN, or a reset. */
export const OFFICER_PIN_PROMPTS = {
  initial: { button: 'Đặt mã PIN ban đầu', new: 'Nhập mã PIN ban đầu (6 đến 8 chữ số)', confirm: 'Nhập lại mã PIN ban đầu' },
  reset: { button: 'Đặt lại mã PIN', new: 'Nhập mã PIN mới (6 đến 8 chữ số)', confirm: 'Nhập lại mã PIN mới' },
} as const;

/**
 * On the officer form (section head): open the PIN pad, tap the officer's PIN, OK, the same
 * again, OK; back on the form with the PIN held (sent only on "Lưu"). `whileTyped` runs with the
 * first entry on the pad, before OK (a screenshot).
 */
export async function enterOfficerPinTwice(page: Page, pin: string, purpose: 'initial' | 'reset' = 'initial', whileTyped?: () => Promise<unknown>): Promise<void> {
  const prompts = OFFICER_PIN_PROMPTS[purpose];
  await page.getByRole('button', { name: prompts.button, exact: true }).click();
  await pinPrompt(page).filter({ hasText: prompts.new }).waitFor({ state: 'visible' });
  await typePin(page, pin);
  await whileTyped?.();
  await pinKey(page, 'OK').click();
  await pinPrompt(page).filter({ hasText: prompts.confirm }).waitFor({ state: 'visible' });
  await typePin(page, pin);
  await pinKey(page, 'OK').click();
  await page.getByTestId('officer-pin-state').filter({ hasText: /đã nhập/i }).waitFor({ state: 'visible' });
}

/** Every `<input>` on the page that is a password field or whose value holds one of `pins`. */
export function inputsHoldingPins(page: Page, pins: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (secrets) =>
      [...document.querySelectorAll('input')]
        .filter((input) => input.type === 'password' || secrets.some((pin) => input.value.includes(pin)))
        .map((input) => input.outerHTML),
    [...pins],
  );
}

/** "Đóng" in the staff bar; the citizen screen comes back. */
export async function closeStaffArea(page: Page): Promise<void> {
  await staffArea(page).getByRole('button', { name: 'Đóng', exact: true }).click();
  await staffArea(page).waitFor({ state: 'hidden' });
  await staffEntry(page).waitFor({ state: 'visible' });
}

/** A tile of the signed-in home ("Thống kê đánh giá", "Báo cáo", "Cán bộ", …). */
export function homeTile(page: Page, title: string) {
  return page.locator('.menu-grid').getByRole('button', { name: title, exact: true });
}

export async function backToStaffHome(page: Page): Promise<void> {
  await page.getByRole('button', { name: '‹ Trang chính' }).click();
  await page.locator('.menu-grid').waitFor({ state: 'visible' });
}

// ---------------------------------------------------------------------------------------------
// What the kiosk left on disk

export function officerIdByCode(dataDir: string, code: string): string {
  const db = new BetterSqlite3(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const row = db.prepare('SELECT id FROM officers WHERE code = ?').get(code) as { id: string } | undefined;
    if (row === undefined) throw new Error(`No officer with code ${code} in ${dataDir}`);
    return row.id;
  } finally {
    db.close();
  }
}

/** Every regular file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

export interface SecretHit {
  file: string;
  secret: string;
  encoding: string;
  offset: number;
}

/**
 * Look for each secret in each file's raw bytes: as ASCII/UTF-8 text and as UTF-16LE (how a
 * Windows tool or a JS string dump would hold it). Returns every place one was found.
 */
export function findSecrets(files: readonly string[], secrets: readonly string[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        const offset = bytes.indexOf(Buffer.from(secret, encoding));
        if (offset >= 0) hits.push({ file, secret, encoding, offset });
      }
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Charts (recharts draws SVG; on screen it animates, so read it once it stopped moving)

/**
 * Wait until every chart under `scope` has stopped moving: the geometry of its bars, lines and
 * dots reads the same twice in a row, 300 ms apart. A resize or a live refresh animates.
 */
export async function waitForChartsToSettle(page: Page, scopeSelector: string, timeoutMs = 10_000): Promise<void> {
  const read = () =>
    page.evaluate((selector) => {
      const parts: string[] = [];
      for (const svg of document.querySelectorAll(`${selector} svg.recharts-surface`)) {
        for (const el of svg.querySelectorAll('path, circle, rect')) {
          const box = (el as SVGGraphicsElement).getBBox();
          parts.push(`${el.getAttribute('d') ?? ''}|${box.x.toFixed(1)},${box.y.toFixed(1)},${box.width.toFixed(1)},${box.height.toFixed(1)}`);
        }
      }
      return parts.join(';');
    }, scopeSelector);
  const until = Date.now() + timeoutMs;
  let previous = await read();
  for (;;) {
    await page.waitForTimeout(300);
    const current = await read();
    if (current === previous && current !== '') return;
    if (Date.now() > until) throw new Error(`The charts under ${scopeSelector} did not stop moving within ${timeoutMs} ms.`);
    previous = current;
  }
}

export interface DrawnStack {
  /** The x-axis label under the bar ("20h"). */
  hour: string;
  /** Segment heights in pixels, bottom to top, with their fill colours. */
  segments: { fill: string; height: number }[];
}

/**
 * The stacked bars of the hourly chart under `scopeSelector`, as drawn: which hour label each
 * stands on (nearest tick) and the height and colour of each segment.
 */
export function drawnHourlyStacks(page: Page, scopeSelector: string): Promise<DrawnStack[]> {
  return page.evaluate((selector) => {
    // The first chart with an x axis (legend icons are small recharts-surface svgs too).
    const svg = [...document.querySelectorAll(`${selector} svg.recharts-surface`)].find((el) => el.querySelector('.recharts-xAxis-tick-labels') !== null);
    if (svg === undefined) throw new Error(`no chart with x-axis labels under ${selector}`);
    const ticks = [...svg.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-label')].map((tick) => {
      const box = tick.getBoundingClientRect();
      return { label: (tick.textContent ?? '').trim(), x: box.x + box.width / 2 };
    });
    const stacks = new Map<string, { fill: string; height: number; bottom: number }[]>();
    for (const path of svg.querySelectorAll('.recharts-bar-rectangle path')) {
      const box = path.getBoundingClientRect();
      if (box.height < 0.5) continue;
      const centre = box.x + box.width / 2;
      const nearest = ticks.reduce((best, t) => (Math.abs(t.x - centre) < Math.abs(best.x - centre) ? t : best));
      const list = stacks.get(nearest.label) ?? [];
      list.push({ fill: path.getAttribute('fill') ?? '', height: box.height, bottom: box.bottom });
      stacks.set(nearest.label, list);
    }
    return [...stacks.entries()].map(([hour, list]) => ({
      hour,
      segments: list.sort((a, b) => b.bottom - a.bottom).map(({ fill, height }) => ({ fill, height })),
    }));
  }, scopeSelector);
}
