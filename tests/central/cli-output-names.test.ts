// Issue 11: the central CLI's machine-readable output (docs/sync-protocol.md, "Machine-readable
// output of the central CLI"): each command prints exactly these NAME=value lines, on stdout,
// each alone on its line; scripts depend on the names, so they never change.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnrollmentFile } from '../../shared/sync-files/enrollment-file';
import { generateSigningKeyPair, importPrivateKey } from '../../shared/sync-files/signed-file';
import { buildSyncFile } from '../../shared/sync-files/sync-file';
import { ratingsFor, tempDir } from '../support/central-fixture';
import { runCentral } from '../support/cli-runners';

const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';

/** The names of the NAME=value lines, in order; every such line must be NAME=<non-empty value>. */
function names(output: string): string[] {
  const lines = output.split('\n').filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l));
  for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9_]*=\S.*$/);
  return lines.map((l) => l.slice(0, l.indexOf('=')));
}

async function printed(dataDir: string, ...argv: string[]): Promise<string[]> {
  const result = await runCentral(dataDir, ...argv);
  expect(result.code, result.err).toBe(0);
  expect(names(result.err)).toEqual([]);
  return names(result.out);
}

describe('machine-readable output of the central CLI', () => {
  it('prints exactly the documented names for each command', async () => {
    const dir = tempDir();
    expect(await printed(dir, 'device', 'add', '--office', '000.00.21.H56', '--counter', '1')).toEqual(['DEVICE_ID', 'DEVICE_TOKEN']);
    expect(await printed(dir, 'admin', 'add', '--label', 'Sở Nội vụ')).toEqual(['ADMIN_TOKEN']);
    expect(await printed(dir, 'key')).toEqual(['CENTRAL_PUBLIC_KEY', 'CENTRAL_KEY_FINGERPRINT']);

    // A kiosk enrolls with its key: a new device, then the same file again (nothing changes).
    const pair = await generateSigningKeyPair();
    const privateKey = await importPrivateKey(pair.privateKeyPkcs8);
    const enrollment = join(dir, `${deviceId}.hlenroll`);
    writeFileSync(
      enrollment,
      await buildEnrollmentFile(
        { deviceId, publicKey: pair.publicKey, officeCode: '000.00.21.H56', counter: 3, label: null, appVersion: '0.1.0', createdAt: '2026-11-24T02:59:00.000Z' },
        privateKey,
      ),
    );
    expect(await printed(dir, 'device', 'enroll', enrollment)).toEqual(['DEVICE_ID', 'DEVICE_TOKEN']);
    expect(await printed(dir, 'device', 'enroll', enrollment)).toEqual(['DEVICE_ID']);

    expect(await printed(dir, 'provision', '--device', deviceId, '--out', join(dir, 'q3.hlprov'), '--office-name', 'UBND xã Tân Lập', '--no-network')).toEqual([
      'PROVISIONING_FILE',
      'CENTRAL_KEY_FINGERPRINT',
      'SETUP_CODE_SECTION_HEAD',
      'SETUP_CODE_IT_ADMIN',
    ]);
    expect(await printed(dir, 'pin-reset-file', '--device', deviceId, '--role', 'it-admin', '--out', join(dir, 'q3.hlreset'))).toEqual([
      'PIN_RESET_FILE',
      'PIN_RESET_FILE_ID',
      'RESET_CODE',
    ]);

    const files = [1, 2].map((n) => join(dir, `f${n}.hlsync`));
    for (const [i, path] of files.entries()) {
      const facts = {
        deviceId,
        officeCode: '000.00.21.H56',
        counter: 3,
        fileNumber: i + 1,
        createdAt: '2026-11-23T17:00:00.000+07:00',
        health: { appVersion: '0.1.0', pendingCount: 1, pendingReasonAnswers: 0, integrityCheck: 'ok' as const, clock: '2026-11-23T17:00:00.000+07:00', lastBootAt: null },
      };
      writeFileSync(path, (await buildSyncFile(facts, { ratings: ratingsFor(deviceId, [i + 1]), reasonAnswers: [] }, privateKey)).bytes);
    }
    // One ACK_FILE line per file imported.
    expect(await printed(dir, 'import', ...files)).toEqual(['ACK_FILE', 'ACK_FILE']);

    // One DEVICE line per device (its BREAK lines, when any, start with BREAK, not NAME=).
    expect(await printed(dir, 'verify')).toEqual(['DEVICE', 'DEVICE']);
    expect(await printed(dir, 'device', 'list')).toEqual([]);
    expect(await printed(dir, 'device', 'revoke', deviceId)).toEqual([]);
    expect(await printed(dir, 'device', 'rebuild')).toEqual(['DEVICES', 'SEQ_RANGES', 'CHAIN_RANGES']);

    // Issue 16: web accounts. PASSWORD only when central generated it (never with --password-stdin).
    expect(await printed(dir, 'user', 'add', '--username', 'sonoivu', '--role', 'province-admin')).toEqual(['USERNAME', 'PASSWORD']);
    expect(await printed(dir, 'user', 'reset-password', 'sonoivu')).toEqual(['USERNAME', 'PASSWORD']);
    expect(await printed(dir, 'user', 'list')).toEqual([]);
    expect(await printed(dir, 'user', 'disable', 'sonoivu')).toEqual([]);
  });
});
