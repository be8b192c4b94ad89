// Issue 10 (first-use trust): central prints its signing key's fingerprint — `central key`, and
// every `central provision` — with the one fingerprint function the kiosk uses, so IT staff can
// compare what the kiosk shows with what central printed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../shared/sync-files/enrollment-file';
import { verifyProvisioningFile } from '../../shared/sync-files/provisioning-file';
import { runCentral as central } from '../support/cli-runners';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-central-key-'));
  dirs.push(dir);
  return dir;
};


describe('central key', () => {
  it('prints the signing key and its fingerprint; provision prints the same fingerprint, that of the key in the file', async () => {
    const dataDir = tempDir();
    const key = await central(dataDir, 'key');
    expect(key).toMatchObject({ code: 0, err: '' });
    const publicKey = /^CENTRAL_PUBLIC_KEY=(\S+)$/m.exec(key.out)?.[1] ?? '';
    const fingerprint = /^CENTRAL_KEY_FINGERPRINT=(.+)$/m.exec(key.out)?.[1] ?? '';
    expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    expect(fingerprint).toBe(await keyFingerprint(publicKey));
    // The same key every time (stored in the database).
    expect((await central(dataDir, 'key')).out).toBe(key.out);

    const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
    expect((await central(dataDir, 'device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--device-id', deviceId)).code).toBe(0);
    const out = join(dataDir, 'q3.hlprov');
    const provisioned = await central(dataDir, 'provision', '--device', deviceId, '--out', out, '--office-name', 'UBND xã Tân Lập', '--no-network');
    expect(provisioned.code).toBe(0);
    expect(/^CENTRAL_KEY_FINGERPRINT=(.+)$/m.exec(provisioned.out)?.[1]).toBe(fingerprint);
    const file = await verifyProvisioningFile(new Uint8Array(readFileSync(out)));
    expect(await keyFingerprint(file.centralPublicKey)).toBe(fingerprint);
  });
});
