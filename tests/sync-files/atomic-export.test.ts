// The exporter killed (SIGKILL) at random moments, many times: the USB folder holds either no
// .hlsync file or complete ones that verify — never a partial file under the final name. The
// kiosk CLI is bundled exactly as `npm run build` bundles dist/host/kiosk-cli.mjs, into a temp
// folder, so the test does not depend on a stale or half-built dist/.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublicKey } from '../../shared/sync-files/signed-file';
import { verifySyncFile } from '../../shared/sync-files/sync-file';
import { ensureDeviceKey } from '../../electron/backend/sync-files/device-key';
import { readSyncFileState } from '../../electron/backend/settings-repo';
import { seededRandom } from '../support/sync-rig';
import { addRatings, openTestKiosk, pendingCount, tempFolder } from '../support/sync-file-kiosk';

const root = new URL('../..', import.meta.url).pathname;
const node = join(root, 'node_modules/.bin/node');
let cli = '';

beforeAll(async () => {
  // Inside the repository (test-output/ is ignored), so the bundle finds node_modules.
  const out = join(root, 'test-output', 'sync-files');
  mkdirSync(out, { recursive: true });
  cli = join(out, `kiosk-cli-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'electron/backend/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    define: { KIOSK_APP_VERSION: '"0.1.0-test"' },
    logLevel: 'warning',
  });
});

afterAll(() => rmSync(cli, { force: true }));

function runExport(dataDir: string, outDir: string, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [cli, 'export-sync-file', '--out', outDir, '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout });
    });
  });
}

describe('atomic export under SIGKILL', () => {
  it('never leaves a partial file under the final name', async () => {
    const kiosk = openTestKiosk();
    addRatings(kiosk, 4_000);
    const key = await ensureDeviceKey(kiosk.db, kiosk.secrets);
    const publicKey = await importPublicKey(key.publicKey);
    kiosk.db.close(); // the CLI opens it; reopened below only to read state
    const usb = tempFolder();

    const started = Date.now();
    const first = await runExport(kiosk.dataDir, usb);
    const fullRunMs = Date.now() - started;
    expect(first.code, first.stdout).toBe(0);

    const random = seededRandom(424242);
    const verified = new Set<string>();
    let killed = 0;
    for (let round = 0; round < 40; round += 1) {
      const result = await runExport(kiosk.dataDir, usb, Math.floor(random() * fullRunMs * 1.1));
      if (result.signal === 'SIGKILL') killed += 1;
      else expect(result.code, result.stdout).toBe(0);
      for (const name of readdirSync(usb).filter((n) => n.endsWith('.hlsync') && !n.startsWith('.'))) {
        if (verified.has(name)) continue;
        // Complete and signed, or the rename would not have happened.
        const content = await verifySyncFile(new Uint8Array(readFileSync(join(usb, name))), async () => publicKey);
        expect(content.manifest.count).toBe(4_000);
        verified.add(name);
      }
    }
    expect(killed).toBeGreaterThan(8);

    // A clean export removes the temporary files the killed ones left.
    expect((await runExport(kiosk.dataDir, usb)).code).toBe(0);
    expect(readdirSync(usb).filter((n) => n.startsWith('.'))).toEqual([]);

    const after = openTestKiosk(kiosk.dataDir);
    expect(pendingCount(after.db)).toBe(4_000); // exports never mark ratings synced
    // Numbers only advance past verified files: each finished file has its own number.
    const numbers = [...readdirSync(usb)].filter((n) => n.endsWith('.hlsync')).map((n) => Number(/-f(\d+)-/.exec(n)?.[1]));
    expect(readSyncFileState(after.db).lastFileNumber).toBe(Math.max(...numbers));
  });
});
