// `npm run kiosk -- reset-pin --role section-head|it-admin`, run in-process on a real data
// folder: a locked or forgotten role PIN becomes a 10-digit one-time code, printed once, to be
// changed at first sign-in; the account's lockout is cleared; the reset is audited under the OS
// account; the code is nowhere else. Ratings and other data stay.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE, type KioskBackend } from '../../electron/backend/kiosk-backend';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { call, HEAD_PIN, IT_ADMIN, SECTION_HEAD, signInSectionHead } from '../support/staff-fixture';
import { runKiosk as kiosk } from '../support/cli-runners';


/** Every row of every table, as text: where a code or PIN must not be. */
function everyRow(dataDir: string): string {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return JSON.stringify(tables.map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()));
  } finally {
    db.close();
  }
}

function query(dataDir: string, sql: string): Record<string, unknown>[] {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function signIn(backend: KioskBackend, subject: typeof SECTION_HEAD | typeof IT_ADMIN, pin: string) {
  const reply = await call(backend, 'staffSignIn', { subject, pin });
  return reply.ok ? { ok: true as const, data: reply.data } : { code: reply.error.code };
}

describe('kiosk CLI: reset-pin', () => {
  it("resets a locked section head's PIN to a one-time code that must be changed, clears the lockout, audits it, data kept", async () => {
    const dataDir = tempDataDir();
    const { log, lines } = capturingLogger();
    const clock = manualClock(new Date().toISOString());
    const first = openTestBackend({ dataDir, now: clock.now, log });
    await signInSectionHead(first);
    await call(first, 'submitRating', { scale: 'vn-3', level: 1 });
    for (let i = 0; i < 5; i++) await signIn(first, SECTION_HEAD, '000001');
    expect(await signIn(first, SECTION_HEAD, HEAD_PIN)).toEqual({ code: 'PIN_LOCKED' });
    first.close();
    const ratingsBefore = query(dataDir, 'SELECT * FROM ratings');
    expect(ratingsBefore).toHaveLength(1);

    const reset = await kiosk(dataDir, 'reset-pin', '--role', 'section-head');
    expect(reset).toMatchObject({ code: 0, err: [] });
    const printed = reset.out.join('\n');
    const code = /Mã dùng một lần \(chỉ hiện lần này\): (\d+)/.exec(printed)?.[1] ?? '';
    expect(code).toMatch(/^\d{10}$/);
    expect(printed.split(code)).toHaveLength(2); // printed once
    expect(printed).toContain('Trưởng bộ phận');

    expect(query(dataDir, 'SELECT subject, must_change FROM staff_credentials')).toEqual([{ subject: 'role:section-head', must_change: 1 }]);
    expect(query(dataDir, 'SELECT * FROM pin_lockouts')).toEqual([]);
    const audit = query(dataDir, "SELECT * FROM staff_pin_audit WHERE event = 'reset'");
    expect(audit).toEqual([
      expect.objectContaining({ subject: 'role:section-head', actor_role: 'it-admin', actor_officer_id: null, actor_name: `dòng lệnh (${userInfo().username})`, via: 'kiosk-cli', failures: null, retry_at: null }),
    ]);
    expect(Number.isNaN(Date.parse(String(audit[0]?.at)))).toBe(false);
    expect(query(dataDir, 'SELECT * FROM ratings')).toEqual(ratingsBefore);

    // Back at the kiosk: the old PIN is gone, the code opens the staff area only for a change.
    const second = openTestBackend({ dataDir, now: clock.now, log });
    expect(await signIn(second, SECTION_HEAD, HEAD_PIN)).toEqual({ code: 'PIN_WRONG' });
    expect(await signIn(second, SECTION_HEAD, code)).toMatchObject({ ok: true, data: { role: 'section-head', mustChangePin: true } });
    expect(await call(second, 'listOfficers', {})).toMatchObject({ ok: false, error: { code: 'PIN_CHANGE_REQUIRED' } });
    expect(await call(second, 'changePin', { currentPin: code, newPin: '582047' })).toMatchObject({ ok: true, data: { mustChangePin: false } });
    expect(await call(second, 'listOfficers', {})).toMatchObject({ ok: true });

    // The code is in no table (the audit included) and in no log line.
    const stored = everyRow(dataDir);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain('582047');
    expect(lines().map((l) => JSON.stringify(l)).join('\n')).not.toContain(code);
  });

  it('resets the IT admin while the kiosk runs, even before its first sign-in; the running kiosk takes the code at once', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, now: manualClock(new Date().toISOString()).now });
    for (let i = 0; i < 5; i++) await signIn(backend, IT_ADMIN, '000001');
    expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ code: 'PIN_LOCKED' });

    const reset = await kiosk(dataDir, 'reset-pin', '--role', 'it-admin');
    expect(reset.code).toBe(0);
    const code = /(\d{10})/.exec(reset.out.join('\n'))?.[1] ?? '';
    expect(await signIn(backend, IT_ADMIN, code)).toMatchObject({ ok: true, data: { role: 'it-admin', mustChangePin: true } });
    expect(await signIn(backend, IT_ADMIN, '123456')).toEqual({ code: 'PIN_WRONG' });
    expect(query(dataDir, "SELECT subject, via FROM staff_pin_audit WHERE event = 'reset'")).toEqual([{ subject: 'role:it-admin', via: 'kiosk-cli' }]);
  });

  it('refuses an unknown or missing role in Vietnamese, with a non-zero exit, changing nothing', async () => {
    const dataDir = tempDataDir();
    openTestBackend({ dataDir }).close();
    const before = everyRow(dataDir);
    for (const role of ['officer', 'admin', 'role:section-head']) {
      const refused = await kiosk(dataDir, 'reset-pin', '--role', role);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toEqual([]);
      expect(refused.err.join('\n')).toContain(`Vai trò không hợp lệ: "${role}"`);
      expect(refused.err.join('\n')).toContain('--role section-head (Trưởng bộ phận) hoặc --role it-admin (Cán bộ CNTT)');
    }
    const missing = await kiosk(dataDir, 'reset-pin');
    expect(missing.code).not.toBe(0);
    expect(missing.err.join('\n')).toContain('Cần chọn vai trò');
    expect(everyRow(dataDir)).toBe(before);
  });
});
