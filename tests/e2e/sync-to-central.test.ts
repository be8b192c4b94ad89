// Acceptance of the sync issue, as IT staff would do it, with the real processes: a browser-mode
// kiosk, the central CLI and server, Chromium. Ratings tapped while central is down reach it
// exactly once after it starts, and the kiosk's status line goes from pending to synced.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { devicesResponseSchema } from '../../shared/sync/wire';
import { scales } from '../../shared/scales';
import { freshDataDir, killAllHosts, nodeBinary, provision, repoRoot, screenshotDir, sharedBrowser, startHost } from '../support/e2e-host';
import { openKioskPage, scanDossierCode, tapLevel, waitForHome } from '../support/e2e-kiosk';
import { centralCli, killAllCentrals, startCentralProcess } from '../support/e2e-central';

const run = promisify(execFile);
const DOSSIER_CODE = 'HS-2026/000123';
const kioskCli = join(repoRoot, 'dist', 'host', 'kiosk-cli.mjs');

// Launched on first use: a missing Chromium fails the test instead of skipping it.
const browsers = sharedBrowser();
afterAll(async () => {
  killAllCentrals();
  await killAllHosts();
  await browsers.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Run a CLI and return its `KEY=value` lines. */
async function cli(script: string, args: string[]): Promise<Record<string, string>> {
  const { stdout } = await run(nodeBinary, [script, ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '' } });
  return Object.fromEntries([...stdout.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

test('ratings tapped while central is down arrive once after it starts; the status goes from pending to synced', async () => {
  const browser = await browsers.get();
  const kioskDir = freshDataDir('sync-kiosk');
  const centralDir = freshDataDir('sync-central');
  provision(kioskDir, { thankYouSeconds: 2 });
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;

  // IT staff: read the kiosk's id, register it at central, give the kiosk endpoint and token.
  const { stdout: statusJson } = await run(nodeBinary, [kioskCli, 'sync-status', '--data-dir', kioskDir], { cwd: repoRoot });
  const { deviceId } = JSON.parse(statusJson) as { deviceId: string };
  const device = await cli(centralCli, ['device', 'add', '--office', '000.00.21.H56', '--counter', '1', '--device-id', deviceId, '--data-dir', centralDir]);
  expect(device.DEVICE_ID).toBe(deviceId);
  const admin = await cli(centralCli, ['admin', 'add', '--label', 'e2e', '--data-dir', centralDir]);
  await run(nodeBinary, [kioskCli, 'configure-sync', '--endpoint', endpoint, '--token', device.DEVICE_TOKEN ?? '', '--data-dir', kioskDir], { cwd: repoRoot });

  // Central is down: taps are stored and shown as pending.
  const host = await startHost(kioskDir);
  const { page } = await openKioskPage(browser, host.url);
  await waitForHome(page, 'vn-3');
  const acknowledged = [];
  for (const level of scales['vn-3']) {
    // Issue 15: the first rating carries a dossier code from a simulated scanner (fast keys, Enter).
    if (level === scales['vn-3'][0]) {
      await scanDossierCode(page, DOSSIER_CODE);
      await page.getByTestId('dossier-linked').waitFor({ state: 'visible' });
    }
    acknowledged.push(await tapLevel(page, level));
    await waitForHome(page, 'vn-3');
  }
  const status = page.getByTestId('sync-status');
  await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('3 chưa đồng bộ');
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, 'sync-pending.png') });

  // Central starts; the window's "online" event makes the kiosk try at once, whatever its backoff.
  await startCentralProcess(centralDir, { port });
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Đã đồng bộ');
  await page.screenshot({ path: join(screenshotDir, 'sync-done.png') });

  const devices = devicesResponseSchema.parse(
    await (await fetch(`${endpoint}/api/v1/devices`, { headers: { authorization: `Bearer ${admin.ADMIN_TOKEN ?? ''}` } })).json(),
  );
  expect(devices.devices).toEqual([expect.objectContaining({ deviceId, ratingCount: 3, maxSeq: 3, gaps: [] })]);
  // Issue 16: the kiosk's health record came with its batch: its version, nothing left pending.
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  expect(devices.devices[0]?.health).toMatchObject({ via: 'http', record: { appVersion: version, pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null }, lastRating: { seq: 3 } } });
  const db = new BetterSqlite3(join(centralDir, 'central.db'), { readonly: true });
  const ids = db.prepare('SELECT id FROM ratings ORDER BY seq').pluck().all();
  const dossierCodes = db.prepare('SELECT dossier_code FROM ratings ORDER BY seq').pluck().all();
  db.close();
  expect(ids).toEqual(acknowledged.map((a) => a.id));
  expect(dossierCodes).toEqual([DOSSIER_CODE, null, null]);
  await host.stop();
});
