// Issue 10, "a locked or forgotten section-head or IT PIN is recoverable without losing data …
// for a locked-down kiosk where nobody has a shell, a reset file signed by central". Real files
// through both CLIs: `central pin-reset-file` writes a signed .hlreset carrying only the hash of a
// one-time code it prints once; `kiosk import-pin-reset` applies it only when signed by the
// PINNED central key, addressed to this kiosk, and never used before.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE, type KioskBackend } from '../../electron/backend/kiosk-backend';
import { ensureDeviceId } from '../../electron/backend/settings-repo';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { call, IT_ADMIN, SECTION_HEAD } from '../support/staff-fixture';
import { runCentral as central, runKiosk } from '../support/cli-runners';


/** The kiosk CLI, its error lines as one text. */
async function kiosk(dataDir: string, ...argv: string[]) {
  const run = await runKiosk(dataDir, ...argv);
  return { ...run, err: run.err.join('\n') };
}

function withDb<T>(dataDir: string, f: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return f(db);
  } finally {
    db.close();
  }
}

const query = (dataDir: string, sql: string) => withDb(dataDir, (db) => db.prepare(sql).all() as Record<string, unknown>[]);
const everyRow = (dataDir: string) =>
  withDb(dataDir, (db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return JSON.stringify(tables.map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()));
  });

const signIn = async (backend: KioskBackend, subject: typeof SECTION_HEAD | typeof IT_ADMIN, pin: string) => {
  const reply = await call(backend, 'staffSignIn', { subject, pin });
  return reply.ok ? { ok: true, mustChangePin: (reply.data as { mustChangePin: boolean }).mustChangePin } : { code: reply.error.code };
};

/** central device add → provision → kiosk import-provisioning (the central key pinned). */
async function provisionedKiosk() {
  const centralDir = tempDataDir();
  const kioskDir = tempDataDir();
  const deviceId = withDb(kioskDir, (db) => ensureDeviceId(db));
  expect((await central(centralDir, 'device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--device-id', deviceId)).code).toBe(0);
  const file = join(centralDir, 'quay-3.hlprov');
  const provisioned = await central(centralDir, 'provision', '--device', deviceId, '--out', file, '--office-name', 'UBND xã Tân Lập', '--no-network');
  expect(provisioned).toMatchObject({ code: 0, err: '' });
  const itCode = /^SETUP_CODE_IT_ADMIN=(\d{10})$/m.exec(provisioned.out)?.[1] ?? '';
  const headCode = /^SETUP_CODE_SECTION_HEAD=(\d{10})$/m.exec(provisioned.out)?.[1] ?? '';
  const fingerprint = /^CENTRAL_KEY_FINGERPRINT=(.+)$/m.exec(provisioned.out)?.[1] ?? '';
  expect(await kiosk(kioskDir, 'import-provisioning', file, '--fingerprint', fingerprint)).toMatchObject({ code: 0, err: '' });
  return { centralDir, kioskDir, deviceId, itCode, headCode };
}

async function resetFile(centralDir: string, deviceId: string, role: 'section-head' | 'it-admin') {
  const out = join(tempDataDir(), `${role}.hlreset`);
  const made = await central(centralDir, 'pin-reset-file', '--device', deviceId, '--role', role, '--out', out);
  expect(made).toMatchObject({ code: 0, err: '' });
  const code = /^RESET_CODE=(\d+)$/m.exec(made.out)?.[1] ?? '';
  expect(code).toMatch(/^\d{10}$/);
  expect(made.out.split(code)).toHaveLength(2); // printed once
  return { file: out, code };
}

describe('a PIN reset file signed by central', () => {
  it('unlocks a locked IT admin: the code signs in, forces a change, lockout cleared, audited, data kept; the file works once', async () => {
    const { centralDir, kioskDir, deviceId, itCode } = await provisionedKiosk();
    const logger = capturingLogger();
    const first = openTestBackend({ dataDir: kioskDir, log: logger.log });
    // IT uses its setup code, chooses a PIN, forgets it; ratings meanwhile.
    expect(await signIn(first, IT_ADMIN, itCode)).toMatchObject({ ok: true, mustChangePin: true });
    expect(await call(first, 'changePin', { currentPin: itCode, newPin: '730164' })).toMatchObject({ ok: true });
    expect(await call(first, 'staffSignOut', {})).toMatchObject({ ok: true });
    await call(first, 'submitRating', { scale: 'vn-3', level: 1 });
    for (let i = 0; i < 5; i++) await signIn(first, IT_ADMIN, '000001');
    expect(await signIn(first, IT_ADMIN, '730164')).toEqual({ code: 'PIN_LOCKED' });
    first.close();
    const ratingsBefore = query(kioskDir, 'SELECT * FROM ratings');
    expect(ratingsBefore).toHaveLength(1);
    expect(query(kioskDir, 'SELECT subject FROM pin_lockouts')).toEqual([{ subject: 'role:it-admin' }]);

    const { file, code } = await resetFile(centralDir, deviceId, 'it-admin');
    const bytes = readFileSync(file, 'latin1');
    expect(bytes.startsWith('HLRESET/1\n')).toBe(true);
    expect(bytes).not.toContain(code);
    expect(bytes).toMatch(/"codeHash":"scrypt\$32768\$8\$1\$/);

    const imported = await kiosk(kioskDir, 'import-pin-reset', file);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out.join('\n')).toContain('Cán bộ CNTT');
    expect(query(kioskDir, 'SELECT * FROM pin_lockouts')).toEqual([]);
    expect(query(kioskDir, "SELECT subject, must_change FROM staff_credentials WHERE subject = 'role:it-admin'")).toEqual([{ subject: 'role:it-admin', must_change: 1 }]);
    expect(query(kioskDir, "SELECT subject, event, actor_role, via FROM staff_pin_audit WHERE via = 'pin-reset-file'")).toEqual([
      { subject: 'role:it-admin', event: 'reset', actor_role: 'it-admin', via: 'pin-reset-file' },
    ]);
    expect(query(kioskDir, 'SELECT * FROM ratings')).toEqual(ratingsBefore);

    // The same file again (a copy left on the stick): refused, nothing changes.
    const before = everyRow(kioskDir);
    const replay = await kiosk(kioskDir, 'import-pin-reset', file);
    expect(replay.code).toBe(1);
    expect(replay.err).toContain('RESET_FILE_USED');
    expect(replay.err).toContain('chỉ dùng được một lần');
    expect(everyRow(kioskDir)).toBe(before);

    const second = openTestBackend({ dataDir: kioskDir, log: logger.log });
    expect(await signIn(second, IT_ADMIN, '730164')).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(second, IT_ADMIN, code)).toMatchObject({ ok: true, mustChangePin: true });
    expect(await call(second, 'changePin', { currentPin: code, newPin: '582047' })).toMatchObject({ ok: true, data: { mustChangePin: false } });
    expect(await call(second, 'staffSignOut', {})).toMatchObject({ ok: true });
    expect(await signIn(second, IT_ADMIN, code)).toEqual({ code: 'PIN_WRONG' });
    second.close();

    const stored = everyRow(kioskDir);
    expect(stored).not.toContain(code);
    expect(JSON.stringify(logger.lines())).not.toContain(code);
  });

  it('refuses a file for another device, from another central key, tampered, unsigned, a FIFO, and any file before provisioning; central refuses an unknown device', async () => {
    const { centralDir, kioskDir, deviceId } = await provisionedKiosk();
    const refusal = async (file: string) => {
      const before = everyRow(kioskDir);
      const r = await kiosk(kioskDir, 'import-pin-reset', file);
      expect(r.code).not.toBe(0);
      expect(everyRow(kioskDir)).toBe(before);
      return r.err;
    };

    // Another device registered at the same central.
    const otherId = randomUUID();
    expect((await central(centralDir, 'device', 'add', '--office', '000.00.21.H56', '--counter', '4', '--device-id', otherId)).code).toBe(0);
    expect(await refusal((await resetFile(centralDir, otherId, 'it-admin')).file)).toContain('WRONG_DEVICE');

    // Another central (another key) that knows this device.
    const forger = tempDataDir();
    expect((await central(forger, 'device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--device-id', deviceId)).code).toBe(0);
    expect(await refusal((await resetFile(forger, deviceId, 'it-admin')).file)).toContain('CENTRAL_KEY_CHANGED');

    // Tampered: the role changed after signing.
    const good = (await resetFile(centralDir, deviceId, 'it-admin')).file;
    const tampered = join(tempDataDir(), 'tampered.hlreset');
    writeFileSync(tampered, readFileSync(good, 'latin1').replace('"role":"it-admin"', '"role":"section-head"'), 'latin1');
    expect(await refusal(tampered)).toContain('BAD_SIGNATURE');

    // Unsigned: the signature line removed.
    const unsigned = join(tempDataDir(), 'unsigned.hlreset');
    writeFileSync(unsigned, readFileSync(good, 'latin1').replace(/SIG ed25519 .*\n$/, ''), 'latin1');
    expect(await refusal(unsigned)).toMatch(/TRUNCATED|MALFORMED/);

    // A FIFO is not read (the safe reader).
    const fifo = join(tempDataDir(), 'fifo.hlreset');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toContain('NOT_A_REGULAR_FILE');

    // The good file still applies afterwards (none of the refusals used it up).
    expect((await kiosk(kioskDir, 'import-pin-reset', good)).code).toBe(0);

    // A kiosk with no pinned key refuses every reset file.
    const fresh = tempDataDir();
    const freshId = withDb(fresh, (db) => ensureDeviceId(db));
    expect((await central(centralDir, 'device', 'add', '--office', '000.00.21.H56', '--counter', '5', '--device-id', freshId)).code).toBe(0);
    const before = everyRow(fresh);
    const unknown = await kiosk(fresh, 'import-pin-reset', (await resetFile(centralDir, freshId, 'section-head')).file);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('CENTRAL_KEY_UNKNOWN');
    expect(everyRow(fresh)).toBe(before);

    // Central: an unknown device gets no file.
    const out = join(tempDataDir(), 'x.hlreset');
    const refused = await central(centralDir, 'pin-reset-file', '--device', randomUUID(), '--role', 'it-admin', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Không có thiết bị');
    expect(refused.out).not.toContain('RESET_CODE');
    const badRole = await central(centralDir, 'pin-reset-file', '--device', deviceId, '--role', 'officer', '--out', out);
    expect(badRole.code).toBe(2);
  });

  it('from the staff area: the section head imports the IT admin’s file from the stick; refusals are typed and change nothing', async () => {
    const { centralDir, kioskDir, deviceId, headCode } = await provisionedKiosk();
    const backend = openTestBackend({ dataDir: kioskDir });
    expect(await signIn(backend, SECTION_HEAD, headCode)).toMatchObject({ ok: true, mustChangePin: true });
    expect(await call(backend, 'changePin', { currentPin: headCode, newPin: '640281' })).toMatchObject({ ok: true });

    // The stick: IT's reset file beside an ack-like file and a stray one; the page asks for reset files only.
    const stick = tempDataDir();
    const { file, code } = await resetFile(centralDir, deviceId, 'it-admin');
    writeFileSync(join(stick, 'quay-3.hlreset'), readFileSync(file));
    writeFileSync(join(stick, 'old.hlack'), 'x');
    writeFileSync(join(stick, 'notes.txt'), 'x');
    const listed = await call(backend, 'listImportableFiles', { folder: stick, kinds: ['pin-reset'] });
    expect(listed).toMatchObject({ ok: true, data: [{ name: 'quay-3.hlreset', kind: 'pin-reset' }] });
    const all = await call(backend, 'listImportableFiles', { folder: stick });
    expect(all.ok && (all.data as { kind: string }[]).map((f) => f.kind).sort()).toEqual(['ack', 'pin-reset']);

    const path = join(stick, 'quay-3.hlreset');
    expect(await call(backend, 'importPinResetFile', { path })).toEqual({ ok: true, data: { role: 'it-admin' } });
    expect(query(kioskDir, "SELECT subject, event, actor_role, via FROM staff_pin_audit WHERE via = 'pin-reset-file'")).toEqual([
      { subject: 'role:it-admin', event: 'reset', actor_role: 'section-head', via: 'pin-reset-file' },
    ]);

    // A copy left on the stick, a file of the wrong kind, a FIFO named .hlreset: typed refusals, nothing changes.
    const before = everyRow(kioskDir);
    const replay = await call(backend, 'importPinResetFile', { path });
    expect(replay).toMatchObject({ ok: false, error: { code: 'FILE_REJECTED' } });
    expect(JSON.stringify(replay)).toContain('RESET_FILE_USED');
    expect(await call(backend, 'importPinResetFile', { path: join(stick, 'old.hlack') })).toMatchObject({ ok: false, error: { code: 'FILE_REJECTED' } });
    const fifo = join(stick, 'fifo.hlreset');
    execFileSync('mkfifo', [fifo]);
    expect(await call(backend, 'importPinResetFile', { path: fifo })).toMatchObject({ ok: false, error: { code: 'FOLDER_UNAVAILABLE' } });
    expect(everyRow(kioskDir)).toBe(before);

    // IT signs in with central's one-time code and must choose a new PIN.
    expect(await call(backend, 'staffSignOut', {})).toMatchObject({ ok: true });
    expect(await signIn(backend, IT_ADMIN, code)).toMatchObject({ ok: true, mustChangePin: true });
    backend.close();
  });
});
