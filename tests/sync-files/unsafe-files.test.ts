// Issue 10: a path on a command line is not trusted to be a file. A FIFO (which would block for
// ever), a symlink to /dev/zero (which never ends), a folder and an oversized (sparse) file are
// refused at once by every CLI that reads a file — central import and device enroll, the
// kiosk's import-ack, import-provisioning and --token-file — with a typed code and nothing stored.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrollDevice, importSyncFiles } from '../../central/sync-file-commands';
import { runKioskCli } from '../../electron/backend/cli/kiosk-cli';
import { readPinnedCentralKey, readSyncSettings, savePinnedCentralKey } from '../../electron/backend/settings-repo';
import { FILE_LIMITS, readRegularFile, UnsafeFileError } from '../../shared/node/safe-file-read';
import { storeFactories } from '../support/central-fixture';
import { addRatings, openTestKiosk, pendingCount, tempFolder } from '../support/sync-file-kiosk';

const windows = process.platform === 'win32';

/** One of each bad path, in a fresh folder: [name, path, expected code]. */
function badPaths(cap: number): [string, string, string][] {
  const dir = tempFolder();
  const fifo = join(dir, 'fifo.hlsync');
  execFileSync('mkfifo', [fifo]);
  const zero = join(dir, 'zero.hlsync');
  symlinkSync('/dev/zero', zero);
  const folder = join(dir, 'folder.hlsync');
  mkdirSync(folder);
  const sparse = join(dir, 'sparse.hlsync');
  writeFileSync(sparse, '');
  truncateSync(sparse, cap + 1);
  return [
    ['a FIFO', fifo, 'NOT_A_REGULAR_FILE'],
    ['a symlink to /dev/zero', zero, 'NOT_A_REGULAR_FILE'],
    ['a folder', folder, 'NOT_A_REGULAR_FILE'],
    ['an oversized sparse file', sparse, 'FILE_TOO_LARGE'],
  ];
}

function sink() {
  const chunks: string[] = [];
  return { write: (t: string) => chunks.push(t), text: () => chunks.join('') };
}

const now = () => new Date('2026-11-24T03:00:00.000Z');

describe.skipIf(windows)('safe file reads', () => {
  it('reads a regular file and a symlink to one', () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'a'), 'xin chào');
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    expect(readRegularFile(join(dir, 'b'), 100).toString()).toBe('xin chào');
    expect(() => readRegularFile(join(dir, 'a'), 3)).toThrow(UnsafeFileError);
  });

  it('refuses each bad path at once', () => {
    for (const [, path, code] of badPaths(1024)) {
      const started = performance.now();
      expect(() => readRegularFile(path, 1024)).toThrow(expect.objectContaining({ code }));
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('refuses a missing file as FILE_UNREADABLE', () => {
    expect(() => readRegularFile(join(tempFolder(), 'none'), 10)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });
});

describe.skipIf(windows).each(storeFactories)('central refuses bad paths on $storage', (factory) => {
  it('import: refused with a code, nothing stored, no ack written', async () => {
    const store = await factory.open({ now });
    for (const [what, path, code] of badPaths(FILE_LIMITS.syncFile)) {
      const err = sink();
      const ackDir = tempFolder();
      const exit = await importSyncFiles({ command: 'import', files: [path], ackDir, dataDir: '' }, store, { stdout: sink(), stderr: err, now });
      expect(exit, what).toBe(1);
      expect(err.text(), what).toContain(`TỪ CHỐI ${code}:`);
      expect(execFileSync('ls', ['-A', ackDir]).toString()).toBe('');
    }
    expect(await store.deviceSummaries()).toEqual([]);
  });

  it('device enroll: refused with a code, no device registered', async () => {
    const store = await factory.open({ now });
    for (const [what, path, code] of badPaths(FILE_LIMITS.enrollmentFile)) {
      const err = sink();
      const exit = await enrollDevice({ command: 'device enroll', file: path, officeCode: '000.00.21.H56', counter: 3, label: undefined, dataDir: '' }, store, { stdout: sink(), stderr: err, now });
      expect(exit, what).toBe(1);
      expect(err.text(), what).toContain(`TỪ CHỐI ${code}:`);
    }
    expect(await store.deviceSummaries()).toEqual([]);
  });
});

describe.skipIf(windows)('the kiosk CLI refuses bad paths', () => {
  async function kiosk(dataDir: string, ...argv: string[]) {
    const err: string[] = [];
    const code = await runKioskCli([...argv, '--data-dir', dataDir], { stdout: () => undefined, stderr: (l) => err.push(l), env: {} });
    return { code, err: err.join('\n') };
  }

  it('import-ack: nothing marked synced', async () => {
    const k = openTestKiosk();
    addRatings(k, 3);
    savePinnedCentralKey(k.db, 'Xk4vcbM3eJp0yQ2Zr8Tn1aLdUfGh6iWoPs9BtCwEm7A=');
    for (const [what, path, code] of badPaths(FILE_LIMITS.ackFile)) {
      const result = await kiosk(k.dataDir, 'import-ack', path);
      expect(result.code, what).toBe(1);
      expect(result.err, what).toMatch(new RegExp(`^${code}: `));
    }
    expect(pendingCount(k.db)).toBe(3);
  });

  it('import-provisioning: nothing applied, no key pinned', async () => {
    const k = openTestKiosk();
    for (const [what, path, code] of badPaths(FILE_LIMITS.provisioningFile)) {
      const result = await kiosk(k.dataDir, 'import-provisioning', path);
      expect(result.code, what).toBe(1);
      expect(result.err, what).toMatch(new RegExp(`^${code}: `));
    }
    expect(readPinnedCentralKey(k.db)).toBeUndefined();
    expect(k.secrets.read('device-token')).toBeUndefined();
  });

  it('configure-sync --token-file: no token saved', async () => {
    const k = openTestKiosk();
    for (const [what, path, code] of badPaths(FILE_LIMITS.smallText)) {
      const result = await kiosk(k.dataDir, 'configure-sync', '--endpoint', 'https://tinh.gov.vn', '--token-file', path);
      expect(result.code, what).toBe(1);
      expect(result.err, what).toMatch(new RegExp(`^${code}: `));
    }
    expect(k.secrets.read('device-token')).toBeUndefined();
    expect(readSyncSettings(k.db)).toEqual({ endpoint: null });
  });
});
