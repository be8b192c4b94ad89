// Issue 10: central's data folder 0700 and central.db (-wal, -shm) 0600, also when older; its
// signing key may come from CENTRAL_SIGNING_KEY_FILE (shared by several instances), refused
// when its group or others can read it.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { centralSigningKey, readSigningKeyFile } from '../../central/signing-key';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { verifyProvisioningFile } from '../../shared/sync-files/provisioning-file';
import { onCleanup, storeFactories, tempDir } from '../support/central-fixture';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

function keyFile(mode: number, format: 'pem' | 'base64' = 'pem'): { path: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const path = join(tempDir(), 'central-signing.key');
  const text = format === 'pem' ? privateKey.export({ format: 'pem', type: 'pkcs8' }) : privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { path, publicKey: Buffer.from(x, 'base64url').toString('base64') };
}

async function run(args: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCentralCli(args, { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env });
  return { code, out: out.join(''), err: err.join('') };
}

describe.skipIf(!posix)('central file modes', () => {
  it('creates a private data folder and database', async () => {
    const dir = join(tempDir(), 'central-data');
    expect((await run(['admin', 'add', '--label', 'Sở TT&TT', '--data-dir', dir], {})).code).toBe(0);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, CENTRAL_DB_FILE))).toBe(0o600);
  });

  it('tightens an older 0755 folder and 0644 files at open', () => {
    const dir = tempDir();
    openSqliteCentralStore(dir).close();
    writeFileSync(join(dir, `${CENTRAL_DB_FILE}-wal`), '');
    chmodSync(dir, 0o755);
    for (const f of [CENTRAL_DB_FILE, `${CENTRAL_DB_FILE}-wal`]) chmodSync(join(dir, f), 0o644);
    const store = openSqliteCentralStore(dir);
    onCleanup(() => store.close());
    expect(modeOf(dir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dir, `${CENTRAL_DB_FILE}${suffix}`))).toBe(0o600);
  });
});

describe('central signing key file', () => {
  it.skipIf(!posix)('refuses a key file its group or others can read, opening nothing', async () => {
    const key = keyFile(0o644);
    const dir = join(tempDir(), 'central-data');
    const result = await run(['device', 'list', '--data-dir', dir], { CENTRAL_SIGNING_KEY_FILE: key.path });
    expect(result.code).toBe(1);
    expect(result.err).toContain('KEY_FILE_TOO_OPEN');
    expect(result.err).toContain('chmod 600');
    expect(() => statSync(dir)).toThrow();
  });

  it('refuses a file that is not an Ed25519 private key', () => {
    const path = join(tempDir(), 'not-a-key');
    writeFileSync(path, 'xin chào', { mode: 0o600 });
    expect(() => readSigningKeyFile(path)).toThrow(/KEY_FILE_INVALID/);
  });

  it.each(storeFactories)('signs with the file key on $storage, storing no key of its own', async (factory) => {
    const pem = keyFile(0o600);
    const base64 = keyFile(0o400, 'base64');
    expect(readSigningKeyFile(base64.path).publicKey).toBe(base64.publicKey);
    const store = await factory.open({ signingKey: readSigningKeyFile(pem.path) });
    expect((await centralSigningKey(store)).publicKey).toBe(pem.publicKey);
    const own = await store.ensureSigningKey({ publicKey: 'x', privateKeyPkcs8: 'y' });
    expect(own.publicKey).toBe(pem.publicKey);
  });

  it('the CLI uses it through CENTRAL_SIGNING_KEY_FILE', async () => {
    const key = keyFile(0o600);
    const dir = tempDir();
    const env = { CENTRAL_SIGNING_KEY_FILE: key.path };
    const added = await run(['device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--data-dir', dir], env);
    const deviceId = /DEVICE_ID=(.+)/.exec(added.out)?.[1] ?? '';
    const out = join(tempDir(), 'q3.hlprov');
    const provisioned = await run(['provision', '--device', deviceId, '--out', out, '--office-name', 'UBND xã Tân Lập', '--no-network', '--data-dir', dir], env);
    expect(provisioned.err).toBe('');
    expect((await verifyProvisioningFile(new Uint8Array(readFileSync(out)))).centralPublicKey).toBe(key.publicKey);
    // central.db holds no signing key: opened without the file, the store takes the first one offered.
    const store = openSqliteCentralStore(dir);
    onCleanup(() => store.close());
    expect((await store.ensureSigningKey({ publicKey: 'offered', privateKeyPkcs8: 'offered' })).publicKey).toBe('offered');
  });
});
