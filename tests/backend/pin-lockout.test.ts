// The lockout, through staffSignIn with a manual clock: per account, 5 free wrong PINs, then
// waits of 1, 2, 4 … minutes (capped at an hour) from the last failure, kept across a restart;
// only the account's own right PIN (or a new PIN) ends the run, and each lockout is audited.
import { describe, expect, it } from 'vitest';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import type { StaffSubject } from '../../shared/staff';
import { lockoutAt, lockoutWaitMs } from '../../electron/backend/staff/pin-lockout';
import { capturingLogger, manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { addOfficer, call, HEAD_PIN, IT_ADMIN, must, SECTION_HEAD, signInSectionHead } from '../support/staff-fixture';

const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function signIn(backend: KioskBackend, subject: StaffSubject, pin: string) {
  const reply = await call(backend, 'staffSignIn', { subject, pin });
  return reply.ok ? { ok: true as const } : { code: reply.error.code, retryAt: reply.error.retryAt };
}
const attempt = (backend: KioskBackend, pin: string) => signIn(backend, SECTION_HEAD, pin);
const itAttempt = (backend: KioskBackend, pin: string) => signIn(backend, IT_ADMIN, pin);

function pinAudit(backend: KioskBackend) {
  return backend.context.db.prepare('SELECT * FROM staff_pin_audit ORDER BY id').all() as Record<string, unknown>[];
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

  it('counts per account and survives a restart (was: one count across subjects)', async () => {
    const dataDir = tempDataDir();
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const first = openTestBackend({ dataDir, now: clock.now });
    for (let i = 0; i < 3; i++) await call(first, 'staffSignIn', { subject: SECTION_HEAD, pin: '000001' });
    for (let i = 0; i < 2; i++) await call(first, 'staffSignIn', { subject: IT_ADMIN, pin: '000001' });
    // 5 failures on the kiosk, but 3 and 2 per account: nobody waits.
    expect(await attempt(first, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
    expect(await attempt(first, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: '2026-11-23T09:01:00.000+07:00' });
    first.close();

    const second = openTestBackend({ dataDir, now: clock.now });
    expect(await attempt(second, '123456')).toMatchObject({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });
    // The IT admin's two failures are still there, and still free.
    for (let i = 0; i < 2; i++) expect(await itAttempt(second, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
    expect(await itAttempt(second, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: '2026-11-23T09:01:00.000+07:00' });
  });

  it('answers an unknown officer exactly like a wrong PIN, and counts it for that officer only', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir(), now: manualClock('2026-11-23T02:00:00.000Z').now });
    const ghost = { kind: 'officer', officerId: '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01' } as const;
    for (let i = 0; i < 5; i++) {
      const reply = await call(backend, 'staffSignIn', { subject: ghost, pin: '123456' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', message: 'Mã PIN không đúng.' } });
    }
    expect(await call(backend, 'staffSignIn', { subject: ghost, pin: '123456' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    expect(await attempt(backend, '123456')).toEqual({ ok: true });
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
    // An unreadable last failure counts as "now", never as "long ago".
    expect(lockoutAt({ failures: 5, lastFailureAt: 'garbled' }, new Date('2026-11-23T02:00:00.000Z')).retryAt).toEqual(new Date('2026-11-23T02:01:00.000Z'));
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
  it('spraying one account between right sign-ins as others: at most 10 of its guesses checked an hour, its PIN not found', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    const officer = await addOfficer(backend, 'Nguyễn Văn An', 'CB01');
    await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: HEAD_PIN });
    // The 21st guess of someone counting up from 000000: the old kiosk-wide count, reset by
    // every right PIN on the kiosk, let this through in seconds.
    await must(backend, 'changePin', { currentPin: HEAD_PIN, newPin: '000020' });
    const friends = [
      { subject: IT_ADMIN, pin: '123456' },
      { subject: { kind: 'officer', officerId: officer.id } as const, pin: officer.pin },
    ];

    const start = clock.now().getTime();
    const checkedAt: number[] = [];
    let guess = 0;
    for (let round = 0; clock.now().getTime() - start < 3 * HOUR; round++) {
      // 4 wrong for the section head, then a right sign-in as the IT admin or an officer.
      for (let i = 0; i < 4; i++) {
        const result = await attempt(backend, String(guess).padStart(6, '0'));
        expect(result).not.toEqual({ ok: true });
        if (result.code === 'PIN_WRONG') {
          checkedAt.push(clock.now().getTime() - start);
          guess++;
        } else expect(result.code).toBe('PIN_LOCKED');
        clock.advance(5 * SECOND);
      }
      const friend = friends[round % 2] ?? friends[0];
      // Nobody else is slowed by the section head's lockout.
      expect(await signIn(backend, friend?.subject ?? IT_ADMIN, friend?.pin ?? '')).toEqual({ ok: true });
      clock.advance(5 * SECOND);
    }

    // 5 at once, then after waits of 1, 2, 4, 8, 16 (10 in the first hour), 32, 60 minutes.
    expect(checkedAt).toHaveLength(12);
    for (const t of checkedAt) expect(checkedAt.filter((u) => u >= t && u < t + HOUR).length).toBeLessThanOrEqual(10);
    expect(guess).toBeLessThan(20);
    // Every wait the section head's account started is in the audit log (failures 5 … 12).
    const locked = pinAudit(backend).filter((r) => r.event === 'locked');
    expect(locked.map((r) => [r.subject, r.failures])).toEqual([5, 6, 7, 8, 9, 10, 11, 12].map((n) => ['role:section-head', n]));
  }, 60_000);

  it('guesses sent all at once are checked one at a time: 5 per account, the rest refused unchecked', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir(), now: manualClock('2026-11-23T02:00:00.000Z').now });
    const burst = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => attempt(backend, `00000${i}`)),
      ...Array.from({ length: 8 }, (_, i) => itAttempt(backend, `00001${i}`)),
    ]);
    // In whatever order they reach the queue (the first sign-in also creates the default PIN).
    const codes = (results: typeof burst) => results.map((r) => r.code).sort();
    expect(codes(burst.slice(0, 8))).toEqual([...Array(3).fill('PIN_LOCKED'), ...Array(5).fill('PIN_WRONG')]);
    expect(codes(burst.slice(8))).toEqual([...Array(3).fill('PIN_LOCKED'), ...Array(5).fill('PIN_WRONG')]);
  });

  it("one account's lockout does not slow another; another's right PIN does not end it", async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    const officer = await addOfficer(backend, 'Trần Thị Bình', 'CB02');
    for (let i = 0; i < 5; i++) await attempt(backend, '000001');
    expect(await attempt(backend, HEAD_PIN)).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });

    for (let i = 0; i < 4; i++) expect(await itAttempt(backend, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
    expect(await itAttempt(backend, '123456')).toEqual({ ok: true });
    expect(await signIn(backend, { kind: 'officer', officerId: officer.id }, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
    expect(await signIn(backend, { kind: 'officer', officerId: officer.id }, officer.pin)).toEqual({ ok: true });
    expect(await attempt(backend, HEAD_PIN)).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });
    // The IT admin's right PIN ended the IT admin's run only: 5 free tries again.
    for (let i = 0; i < 4; i++) expect(await itAttempt(backend, '000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
  });

  it('guessing the current PIN in "Đổi mã PIN" on an open staff area counts against the same account', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await signInSectionHead(backend);
    const change = async (currentPin: string) => {
      const reply = await call(backend, 'changePin', { currentPin, newPin: '582047' });
      return reply.ok ? { ok: true as const } : { code: reply.error.code, retryAt: reply.error.retryAt };
    };
    for (let i = 1; i <= 4; i++) expect(await change('000001')).toEqual({ code: 'PIN_WRONG', retryAt: undefined });
    expect(await change('000001')).toEqual({ code: 'PIN_WRONG', retryAt: '2026-11-23T09:01:00.000+07:00' });
    // Locked for the change as for the pad: the right PIN is not looked at either way.
    expect(await change(HEAD_PIN)).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });
    expect(await attempt(backend, HEAD_PIN)).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-23T09:01:00.000+07:00' });
  });

  it("the section head's reset of an officer's PIN ends that officer's lockout", async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    const officer = await addOfficer(backend, 'Lê Văn Cường', 'CB03');
    const subject = { kind: 'officer', officerId: officer.id } as const;
    for (let i = 0; i < 5; i++) await signIn(backend, subject, '000001');
    expect((await signIn(backend, subject, officer.pin)).code).toBe('PIN_LOCKED');

    await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: HEAD_PIN });
    await must(backend, 'saveOfficer', {
      officer: { id: officer.id, code: 'CB03', name: officer.name, title: 'Công chức một cửa', photoDataUrl: null, active: true },
      initialPin: '135792',
    });
    expect(await signIn(backend, subject, '135792')).toEqual({ ok: true });
    // The reset is audited: whose PIN, by whom, from where; never the PIN.
    const resets = pinAudit(backend).filter((row) => row.event === 'reset');
    expect(resets).toEqual([
      expect.objectContaining({ subject: `officer:${officer.id}`, actor_role: 'section-head', actor_officer_id: null, actor_name: 'Trưởng bộ phận', via: 'staff-area' }),
    ]);
    expect(JSON.stringify(pinAudit(backend))).not.toContain('135792');

    // The IT screen lists both events, newest first, the officer by name (listPinAudit).
    backend.staff.open({ subject: IT_ADMIN, role: 'it-admin', officerId: null, displayName: 'Cán bộ CNTT', mustChangePin: false });
    const listed = (await must(backend, 'listPinAudit', { limit: 10 })) as { event: string }[];
    expect(listed.filter((e) => e.event === 'reset' || e.event === 'locked')).toEqual([
      { id: expect.any(Number), at: '2026-11-23T02:00:00.000Z', event: 'reset', account: { kind: 'officer', officerName: 'Lê Văn Cường' }, failures: null, retryAt: null, actorName: 'Trưởng bộ phận', via: 'staff-area' },
      {
        id: expect.any(Number),
        at: '2026-11-23T02:00:00.000Z',
        event: 'locked',
        account: { kind: 'officer', officerName: 'Lê Văn Cường' },
        failures: 5,
        retryAt: expect.any(String),
        actorName: null,
        via: 'staff-area',
      },
    ]);
  });

  it('audits each lockout (subject, failures, until when), never a PIN or a hash; the table is append-only', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    await signInSectionHead(backend);
    for (let i = 0; i < 4; i++) await attempt(backend, '731946');
    expect(pinAudit(backend)).toEqual([]);
    await attempt(backend, '731946');
    clock.advance(MINUTE);
    await attempt(backend, '731947');
    clock.advance(2 * MINUTE);
    expect(await attempt(backend, HEAD_PIN)).toEqual({ ok: true });

    const rows = pinAudit(backend);
    expect(rows).toEqual([
      { id: 1, at: '2026-11-23T02:00:00.000Z', event: 'locked', subject: 'role:section-head', failures: 5, retry_at: '2026-11-23T02:01:00.000Z', actor_role: null, actor_officer_id: null, actor_name: null, via: 'staff-area' },
      { id: 2, at: '2026-11-23T02:01:00.000Z', event: 'locked', subject: 'role:section-head', failures: 6, retry_at: '2026-11-23T02:03:00.000Z', actor_role: null, actor_officer_id: null, actor_name: null, via: 'staff-area' },
    ]);
    const hashes = (backend.context.db.prepare('SELECT pin_hash FROM staff_credentials').all() as { pin_hash: string }[]).map((r) => r.pin_hash);
    const text = JSON.stringify(rows);
    for (const secret of ['731946', '731947', HEAD_PIN, 'scrypt$', ...hashes]) expect(text).not.toContain(secret);
    expect(() => backend.context.db.prepare('DELETE FROM staff_pin_audit').run()).toThrow(/append-only/);
    expect(() => backend.context.db.prepare("UPDATE staff_pin_audit SET failures = 1").run()).toThrow(/append-only/);
  });

  it('when the clock jumps backwards, each account restarts its own wait when its own PIN is next tried', async () => {
    const clock = manualClock('2026-11-23T02:00:00.000Z');
    const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
    for (let i = 0; i < 5; i++) await attempt(backend, '000001');
    clock.advance(MINUTE);
    expect((await attempt(backend, '000001')).code).toBe('PIN_WRONG'); // section head: 6 failures, a 2-minute wait
    for (let i = 0; i < 5; i++) await itAttempt(backend, '000001'); // IT admin: 5 failures, a 1-minute wait
    clock.set('2026-11-20T02:00:00.000Z');
    expect(await itAttempt(backend, '123456')).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-20T09:01:00.000+07:00' });
    clock.advance(30 * SECOND);
    expect(await attempt(backend, HEAD_PIN)).toEqual({ code: 'PIN_LOCKED', retryAt: '2026-11-20T09:02:30.000+07:00' });
    clock.advance(30 * SECOND);
    expect(await itAttempt(backend, '123456')).toEqual({ ok: true });
    expect((await attempt(backend, HEAD_PIN)).code).toBe('PIN_LOCKED');
  });
});
