// Issue 10: the kiosk CLI on the data folder of an Electron kiosk, whose device key is sealed by
// safeStorage (secrets/device-private-key.sealed), must not take "no plain key file" for "no key"
// and create a new one (central would refuse every file it then signs). It refuses, says why,
// exits non-zero and writes nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { ensurePrivateDir } from '../../shared/node/file-modes';
import { fileSecretStore, sealedSecretPath, secretsDir } from '../../electron/backend/secret-store';
import { ensureDeviceId, readDevicePublicKey, readSyncFileState, saveDevicePublicKey } from '../../electron/backend/settings-repo';
import { tempDataDir } from '../support/backend-fixture';
import { addRatings } from '../support/sync-file-kiosk';
import { runKiosk } from '../support/cli-runners';

// The bundles define it (build/bundle.ts); in-process, the CLI's export commands read the global.
vi.stubGlobal('KIOSK_APP_VERSION', '0.1.0-test');

const sealedPublicKey = 'q3Jm9vXr2kT8bN1cY5dLpA0sWfE7hGuZiO4eRtC6yMw=';

/** An Electron kiosk's folder: kiosk.db with its public key and one rating, the key sealed. */
function electronKioskFolder(): string {
  const dataDir = tempDataDir();
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const deviceId = ensureDeviceId(db);
    saveDevicePublicKey(db, sealedPublicKey);
    addRatings({ db, deviceId }, 2);
  } finally {
    db.close();
  }
  ensurePrivateDir(secretsDir(dataDir));
  // What safeStorage.encryptString leaves: opaque bytes, "v10" + ciphertext on Linux.
  writeFileSync(sealedSecretPath(dataDir, 'device-private-key'), Buffer.from('v10\u0000sealed-by-the-os-keyring-not-readable-here'), { mode: 0o600 });
  writeFileSync(join(secretsDir(dataDir), 'device-private-key'), '', { mode: 0o600 }); // the app's empty plain placeholder
  return dataDir;
}

/** The kiosk CLI, each stream as one text. */
async function kiosk(dataDir: string, ...argv: string[]) {
  const run = await runKiosk(dataDir, ...argv);
  return { code: run.code, out: run.out.join('\n'), err: run.err.join('\n') };
}

describe('kiosk CLI on a sealed device key', () => {
  it.each([['export-enrollment'], ['export-sync-file']])('%s refuses, writes nothing, keeps the key', async (command) => {
    const dataDir = electronKioskFolder();
    const usb = tempDataDir();
    const secretsBefore = readdirSync(secretsDir(dataDir)).map((f) => [f, readFileSync(join(secretsDir(dataDir), f), 'latin1')]);

    const result = await kiosk(dataDir, command, '--out', usb);

    expect(result.err).toMatch(/^SECRET_SEALED: /);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^SECRET_SEALED: /);
    expect(result.err).toContain('Quản trị CNTT');
    expect(readdirSync(usb)).toEqual([]);
    expect(readdirSync(secretsDir(dataDir)).map((f) => [f, readFileSync(join(secretsDir(dataDir), f), 'latin1')])).toEqual(secretsBefore);
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      expect(readDevicePublicKey(db)).toBe(sealedPublicKey);
      expect(readSyncFileState(db)).toMatchObject({ lastFileNumber: 0, lastExportAt: null });
    } finally {
      db.close();
    }
  });

  it('still makes a key on a browser-mode folder with no key at all', async () => {
    const dataDir = tempDataDir();
    const usb = tempDataDir();
    const made = await kiosk(dataDir, 'export-enrollment', '--out', usb);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(fileSecretStore(dataDir).read('device-private-key')).toBeDefined();
  });
});
