// Issue 10: `device enroll` of a self-signed .hlenroll naming an existing device used to replace
// its key silently (then fabricated ratings signed by the new key were imported). Now a key
// change needs the old key's signature (previousKey) or --replace-key --fingerprint of the new
// key as the kiosk shows it; every change, the first included, is logged in device_key_changes,
// on SQLite and PostgreSQL alike.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { enrollDevice } from '../../central/sync-file-commands';
import type { CentralStore } from '../../central/store/central-store';
import { buildEnrollmentFile, keyFingerprint, type PreviousDeviceKey } from '../../shared/sync-files/enrollment-file';
import { generateSigningKeyPair, importPrivateKey } from '../../shared/sync-files/signed-file';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { onCleanup, storeFactories, tempDir } from '../support/central-fixture';

const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
/** The OS account comes first, as in the kiosk CLI's audit. */
const cliUser = `dòng lệnh (${userInfo().username})`;
const now = () => new Date('2026-11-24T03:00:00.000Z');

async function newKey(): Promise<PreviousDeviceKey> {
  const pair = await generateSigningKeyPair();
  return { publicKey: pair.publicKey, privateKey: await importPrivateKey(pair.privateKeyPkcs8) };
}

async function enrollmentFile(key: PreviousDeviceKey, previous?: PreviousDeviceKey, id = deviceId): Promise<string> {
  const bytes = await buildEnrollmentFile(
    { deviceId: id, publicKey: key.publicKey, officeCode: '000.00.21.H56', counter: 3, label: null, appVersion: '0.1.0', createdAt: '2026-11-24T02:59:00.000Z' },
    key.privateKey,
    previous,
  );
  const path = join(tempDir(), `${id}.hlenroll`);
  writeFileSync(path, bytes);
  return path;
}

async function enroll(store: CentralStore, file: string, extra: { replaceKeyFingerprint?: string; by?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await enrollDevice(
    { command: 'device enroll', file, officeCode: undefined, counter: undefined, label: undefined, dataDir: '', ...extra },
    store,
    { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, now, env: { USER: 'ktv-so' } },
  );
  return { code, out: out.join(''), err: err.join('') };
}

const methods = async (store: CentralStore) => (await store.deviceKeyChanges(deviceId)).map((c) => c.method);

describe.each(storeFactories)('device key changes on $storage', (factory) => {
  it('refuses a self-signed file replacing a registered key, changing nothing', async () => {
    const store = await factory.open({ now });
    const real = await newKey();
    expect((await enroll(store, await enrollmentFile(real))).code).toBe(0);

    const forged = await newKey();
    const result = await enroll(store, await enrollmentFile(forged));
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('TỪ CHỐI KEY_CHANGE_UNCONFIRMED:');
    expect(result.err).toContain(await keyFingerprint(real.publicKey));
    expect(result.err).toContain(`--replace-key --fingerprint "${await keyFingerprint(forged.publicKey)}"`);
    expect((await store.deviceKey(deviceId))?.publicKey).toBe(real.publicKey);
    expect(await methods(store)).toEqual(['first']);
  });

  it('accepts a new key signed by the registered one, and logs it', async () => {
    const store = await factory.open({ now });
    const old = await newKey();
    await enroll(store, await enrollmentFile(old));
    const next = await newKey();

    const result = await enroll(store, await enrollmentFile(next, old));
    expect(result).toMatchObject({ code: 0, err: '' });
    expect((await store.deviceKey(deviceId))?.publicKey).toBe(next.publicKey);
    const changes = await store.deviceKeyChanges(deviceId);
    expect(changes).toEqual([
      expect.objectContaining({ method: 'first', oldPublicKey: null, oldFingerprint: null, newPublicKey: old.publicKey, actor: cliUser }),
      {
        deviceId, method: 'signed-by-old-key', changedAt: '2026-11-24T03:00:00.000Z', actor: cliUser,
        oldPublicKey: old.publicKey, oldFingerprint: await keyFingerprint(old.publicKey), newPublicKey: next.publicKey, newFingerprint: await keyFingerprint(next.publicKey),
      },
    ]);
  });

  it('refuses a "previous key" signature by a key that is not the registered one', async () => {
    const store = await factory.open({ now });
    const real = await newKey();
    await enroll(store, await enrollmentFile(real));
    const attacker = await newKey();
    const result = await enroll(store, await enrollmentFile(await newKey(), attacker));
    expect(result.code).toBe(1);
    expect(result.err).toContain('TỪ CHỐI KEY_OLD_SIGNATURE_INVALID:');
    expect((await store.deviceKey(deviceId))?.publicKey).toBe(real.publicKey);
  });

  it('replaces a lost key only with the new key’s fingerprint as the kiosk shows it', async () => {
    const store = await factory.open({ now });
    await enroll(store, await enrollmentFile(await newKey()));
    const reinstalled = await newKey();
    const file = await enrollmentFile(reinstalled);

    const wrong = await enroll(store, file, { replaceKeyFingerprint: await keyFingerprint((await newKey()).publicKey) });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('TỪ CHỐI KEY_FINGERPRINT_MISMATCH:');
    expect(await methods(store)).toEqual(['first']);

    // Typed from the kiosk's screen: lower case, no spaces, is the same fingerprint.
    const shown = await keyFingerprint(reinstalled.publicKey);
    const right = await enroll(store, file, { replaceKeyFingerprint: shown.replaceAll(' ', '').toLowerCase(), by: 'Nguyễn Văn A (Sở TT&TT)' });
    expect(right).toMatchObject({ code: 0, err: '' });
    expect((await store.deviceKey(deviceId))?.publicKey).toBe(reinstalled.publicKey);
    expect((await store.deviceKeyChanges(deviceId))[1]).toMatchObject({ method: 'fingerprint-confirmed', actor: 'Nguyễn Văn A (Sở TT&TT)', newFingerprint: shown });
  });

  it('re-enrolling the same key changes and logs nothing', async () => {
    const store = await factory.open({ now });
    const key = await newKey();
    const file = await enrollmentFile(key);
    await enroll(store, file);
    expect(await enroll(store, file)).toMatchObject({ code: 0, err: '' });
    expect(await methods(store)).toEqual(['first']);
  });
});

describe('device key changes: fingerprint, log, CLI', () => {
  it('the fingerprint (one function, shown by the kiosk and checked by central) is 80 bits of SHA-256 in groups of four', async () => {
    const key = await newKey();
    const expected = createHash('sha256').update(Buffer.from(key.publicKey, 'base64')).digest('hex').slice(0, 20).toUpperCase();
    expect(await keyFingerprint(key.publicKey)).toBe(expected.match(/.{4}/g)?.join(' '));
  });

  it('the log is append-only', async () => {
    const dir = tempDir();
    const store = openSqliteCentralStore(dir, { now });
    onCleanup(() => store.close());
    await enroll(store, await enrollmentFile(await newKey()));
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const db = new BetterSqlite3(join(dir, 'central.db'));
    onCleanup(() => db.close());
    expect(() => db.prepare(`UPDATE device_key_changes SET actor = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM device_key_changes`).run()).toThrow(/append-only/);
  });

  it('the CLI: exit 1 on refusal, 2 for --replace-key without --fingerprint; device add --public-key is logged', async () => {
    const dir = tempDir();
    const run = async (args: string[]) => {
      const err: string[] = [];
      const code = await runCentralCli([...args, '--data-dir', dir], { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t) }, env: { USER: 'ktv' }, now });
      return { code, err: err.join('') };
    };
    const real = await newKey();
    expect((await run(['device', 'add', '--device-id', deviceId, '--office', '000.00.21.H56', '--counter', '3', '--public-key', real.publicKey])).code).toBe(0);
    expect((await run(['device', 'enroll', await enrollmentFile(await newKey())])).code).toBe(1);
    expect((await run(['device', 'enroll', await enrollmentFile(await newKey()), '--replace-key'])).code).toBe(2);
    const store = openSqliteCentralStore(dir);
    onCleanup(() => store.close());
    expect(await store.deviceKeyChanges(deviceId)).toEqual([expect.objectContaining({ method: 'first', newPublicKey: real.publicKey, actor: cliUser })]);
  });
});
