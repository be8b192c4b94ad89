// The lockout, through staffSignIn with a manual clock: 5 free wrong PINs, then waits of
// 1, 2, 4 … minutes (capped at an hour) from the last failure, kept across a restart.
import { describe, expect, it } from 'vitest';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { lockoutAt, lockoutWaitMs } from '../../electron/backend/staff/pin-lockout';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { call, HEAD_PIN, SECTION_HEAD, signInSectionHead } from '../support/staff-fixture';

const MINUTE = 60_000;

async function attempt(backend: KioskBackend, pin: string) {
  const reply = await call(backend, 'staffSignIn', { subject: SECTION_HEAD, pin });
  return reply.ok ? { ok: true as const } : { code: reply.error.code, retryAt: reply.error.retryAt };
}

describe('PIN lockout', () => {
  it('waits 60 s × 2^(failures−5) from the last failure, capped at an hour', () => {
    expect([0, 4, 5, 6, 7, 10, 11, 12, 40].map(lockoutWaitMs)).toEqual([
      0, 0, MINUTE, 2 * MINUTE, 4 * MINUTE, 32 * MINUTE, 60 * MINUTE, 60 * MINUTE, 60 * MINUTE,
    ]);
  });

  it('lets 5 wrong PINs through, then refuses unchecked until the wait is over; a right PIN resets', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await signInSectionHead(backend);

    for (let i = 1; i <= 4; i++) expect(await attempt(backend, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
    // The 5th failure starts the first wait; the pad learns when it may try again.
    expect(await attempt(backend, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: '2026-11-23T09:01:00.000+07:00' });

    clock.advance(59_999);
    // Locked: even the right PIN is not looked at.
    expect(await attempt(backend, HEAD_PIN)).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });
    clock.advance(1);
    expect(await attempt(backend, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: '2026-11-23T09:03:00.000+07:00' });
    clock.advance(2 * MINUTE - 1);
    expect((await attempt(backend, '000001')).code).toBe('PIN_LOCKED');
    clock.advance(1);
    expect(await attempt(backend, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: '2026-11-23T09:07:00.000+07:00' });

    clock.advance(4 * MINUTE);
    expect(await attempt(backend, HEAD_PIN)).toEqual({ ok: true });
    // Reset: five free tries again.
    for (let i = 1; i <= 4; i++) expect(await attempt(backend, '000001')).toMatchObject({ code: 'PIN_WRONG', retryAt: undefined });
  });

  it('allows 10 tries in the first hour and one an hour after', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    const start = clock.now().getTime();
    const checkedAt: number[] = [];
    // A patient guesser: tries again the moment the pad allows it, for three hours.
    while (clock.now().getTime() - start < 3 * 60 * MINUTE) {
      const result = await attempt(backend, '000001');
      if (result.code === 'PIN_LOCKED') clock.set(result.retryAt ?? '');
      else checkedAt.push((clock.now().getTime() - start) / MINUTE);
    }
    // 5 at once, then after 1, 2, 4, 8, 16 minutes (minute 31), then 32 (63), then hourly.
    expect(checkedAt).toEqual([0, 0, 0, 0, 0, 1, 3, 7, 15, 31, 63, 123]);
  }, 30_000);

  it('counts across subjects and survives a restart', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const first = openTestBackend({ dataDir, now: clock.now });
    for (let i = 0; i < 3; i++) await call(first, 'staffSignIn', { subject: SECTION_HEAD, pin: '000001' });
    for (let i = 0; i < 2; i++) await call(first, 'staffSignIn', { subject: { kind: 'role', role: 'it-admin' }, pin: '000001' });
    first.close();

    const second = openTestBackend({ dataDir, now: clock.now });
    expect(await attempt(second, '123456')).toMatchObject({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });
  });

  it('answers an unknown officer exactly like a wrong PIN, and counts it', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir(), now: manualClock('2026-11-23T02:00:00.000Z').now });
    for (let i = 0; i < 5; i++) {
      const reply = await call(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01' }, pin: '123456' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', message: 'Mã PIN không đúng.' } });
    }
    expect((await attempt(backend, '123456')).code).toBe('PIN_LOCKED');
  });

  it('when the clock jumps backwards, waits one full wait from then: not the size of the jump, not less', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    for (let i = 0; i < 6; i++) {
      await attempt(backend, '000001');
      clock.advance(MINUTE);
    }
    // 6 failures: the next try may come 2 minutes after the last one (09:05 + 2 min = 09:07).
    clock.set('2026-11-20T02:00:00.000Z'); // a dead CMOS battery: three days back
    expect(await attempt(backend, '123456')).toMatchObject({ code: 'PIN_LOCKED', retryAt: '2026-11-20T09:02:00.000+07:00' });
    clock.advance(MINUTE);
    expect(await attempt(backend, '123456')).toMatchObject({ code: 'PIN_LOCKED', retryAt: '2026-11-20T09:02:00.000+07:00' });
    clock.advance(MINUTE);
    expect(await attempt(backend, '123456')).toEqual({ ok: true });
  });

  it('the rule itself: a failure in the future is re-anchored at now', () => {
    const state = { failures: 6, lastFailureAt: '2026-11-23T02:05:00.000Z' };
    const verdict = lockoutAt(state, new Date('2026-11-20T02:00:00.000Z'));
    expect(verdict).toEqual({ state: { failures: 6, lastFailureAt: '2026-11-20T02:00:00.000Z' }, retryAt: new Date('2026-11-20T02:02:00.000Z') });
    expect(lockoutAt(state, new Date('2026-11-23T02:06:00.000Z'))).toEqual({ state, retryAt: new Date('2026-11-23T02:07:00.000Z') });
    expect(lockoutAt(state, new Date('2026-11-23T02:07:00.000Z')).retryAt).toBeNull();
  });

  it('never writes a PIN or a hash to the log; names the subject and the outcome', async () => {
    const { log, lines } = capturingLogger();
    const backend = openTestBackend({ dataDir: tempDataDir(), log, now: manualClock('2026-11-23T02:00:00.000Z').now });
    await signInSectionHead(backend);
    await call(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: '731946' });
    await call(backend, 'changePin', { currentPin: HEAD_PIN, newPin: '582047' });
    const hashes = (backend.context.db.prepare('SELECT pin_hash FROM staff_credentials').all() as { pin_hash: string }[]).map((r) => r.pin_hash);
    const text = lines().map((l) => JSON.stringify(l)).join('\n');
    for (const secret of ['123456', HEAD_PIN, '731946', '582047', 'scrypt$', ...hashes]) expect(text).not.toContain(secret);
    expect(lines()).toContainEqual(expect.objectContaining({ subject: 'role:section-head', outcome: 'wrong' }));
    expect(lines()).toContainEqual(expect.objectContaining({ subject: 'role:section-head', outcome: 'accepted' }));
  });
});
