// The staff area: first-run default PINs, the session (2 minutes idle), roles, officers,
// service areas and dashboard settings.
import { describe, expect, it } from 'vitest';
import { accessRule, methodNames, roleMayCall } from '../../shared/contract';
import { defaultServiceAreas } from '../../shared/staff';
import { manualClock, openTestBackend, sequentialIds, tempDataDir } from '../support/backend-fixture';
import { minimalInputs } from '../support/minimal-inputs';
import { addOfficer, call, HEAD_PIN, IT_ADMIN, must, SECTION_HEAD, signInSectionHead } from '../support/staff-fixture';

const MINUTE = 60_000;
const newOfficer = (code: string, name = 'Trần Văn Bình') => ({ id: null, code, name, title: 'Chuyên viên', photoDataUrl: null, active: true });

function start() {
  const clock = manualClock('2026-11-23T02:00:00.000Z');
  const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now, newId: sequentialIds() });
  return { clock, backend };
}

describe('first run and PIN changes', () => {
  it('lets the section head and IT admin in with 123456, then only to change it', async () => {
    const { backend } = start();
    expect(await must(backend, 'listSignInChoices', {})).toEqual({ officers: [], roles: ['section-head', 'it-admin'] });
    expect(await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: '123456' })).toEqual({
      role: 'section-head',
      officerId: null,
      displayName: 'Trưởng bộ phận',
      mustChangePin: true,
      expiresAt: '2026-11-23T09:02:00.000+07:00',
    });
    expect(await call(backend, 'listOfficers', {})).toMatchObject({ ok: false, error: { code: 'PIN_CHANGE_REQUIRED' } });
    expect(await call(backend, 'getTallies', { range: { from: '2026-11-23', to: '2026-11-23' } })).toMatchObject({ error: { code: 'PIN_CHANGE_REQUIRED' } });
    expect(await must(backend, 'getStaffSession', {})).toMatchObject({ mustChangePin: true });

    for (const weak of ['123456', '111111', '654321', '23456789']) {
      expect(await call(backend, 'changePin', { currentPin: '123456', newPin: weak })).toMatchObject({ error: { code: 'PIN_TOO_WEAK' } });
    }
    expect(await call(backend, 'changePin', { currentPin: '999999', newPin: HEAD_PIN })).toMatchObject({ error: { code: 'PIN_WRONG' } });
    expect(await call(backend, 'changePin', { currentPin: '123456', newPin: '12345' })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await must(backend, 'changePin', { currentPin: '123456', newPin: HEAD_PIN })).toMatchObject({ mustChangePin: false });
    expect(await must(backend, 'listOfficers', {})).toEqual([]);

    await must(backend, 'staffSignOut', {});
    expect(await call(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: '123456' })).toMatchObject({ error: { code: 'PIN_WRONG' } });
    expect(await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: HEAD_PIN })).toMatchObject({ mustChangePin: false });
    // The IT admin's default is separate and still to be changed.
    expect(await must(backend, 'staffSignIn', { subject: IT_ADMIN, pin: '123456' })).toMatchObject({ role: 'it-admin', mustChangePin: true });
  });

  it('stores only hashes', async () => {
    const { backend } = start();
    await signInSectionHead(backend);
    const rows = backend.context.db.prepare('SELECT subject, pin_hash, must_change FROM staff_credentials').all();
    // The fixture's injected strength (TEST_PIN_HASH_COST); the real one: pin-hashing.test.ts.
    expect(rows).toEqual([{ subject: 'role:section-head', pin_hash: expect.stringMatching(/^scrypt\$1024\$8\$1\$/), must_change: 0 }]);
    expect(JSON.stringify(rows)).not.toContain(HEAD_PIN);
  });
});

describe('the staff session', () => {
  it('closes itself after 2 minutes without a touch; every call touches it', async () => {
    const { backend, clock } = start();
    await signInSectionHead(backend);
    clock.advance(MINUTE + 59_000);
    expect(await must(backend, 'getStaffSession', {})).toMatchObject({ expiresAt: '2026-11-23T09:03:59.000+07:00' });
    clock.advance(MINUTE + 59_000);
    expect(await call(backend, 'listOfficers', {})).toMatchObject({ ok: true });
    clock.advance(2 * MINUTE);
    expect(await call(backend, 'listOfficers', {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    expect(await must(backend, 'getStaffSession', {})).toBeNull();
  });

  it('signs out; without a session every staff method answers SIGN_IN_REQUIRED', async () => {
    const { backend } = start();
    await signInSectionHead(backend);
    expect(await must(backend, 'staffSignOut', {})).toEqual({ ok: true });
    expect(await must(backend, 'getStaffSession', {})).toBeNull();
    for (const [name, input] of [
      ['listOfficers', {}],
      ['saveServiceAreas', { areas: [] }],
      ['startShift', { serviceCode: null }],
      ['getTallies', { range: { from: '2026-11-23', to: '2026-11-23' } }],
      ['exportReport', { range: { from: '2026-11-23', to: '2026-11-23' }, format: 'csv' }],
      ['changePin', { currentPin: HEAD_PIN, newPin: '582047' }],
    ] as const) {
      expect(await call(backend, name, input as never), name).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    }
  });
});

describe('roles', () => {
  // Who may call what is the contract's `access` (tests/backend/access-policy.test.ts proves
  // dispatch follows it for every method and caller); here, real sign-ins and real handlers:
  // each role is refused FORBIDDEN exactly by the staff methods whose access leaves it out.
  const staffMethods = methodNames.filter((name) => accessRule(name).access !== 'public');

  it.each(['officer', 'section-head', 'it-admin'] as const)('%s: FORBIDDEN exactly outside its methods', async (role) => {
    const { backend } = start();
    const inputs = minimalInputs(tempDataDir());
    const officer = await addOfficer(backend, 'Lê Thị Cúc', 'CB01');
    if (role === 'section-head') await signInSectionHead(backend);
    if (role === 'it-admin') {
      await must(backend, 'staffSignIn', { subject: IT_ADMIN, pin: '123456' });
      await must(backend, 'changePin', { currentPin: '123456', newPin: '582047' });
    }
    expect((await must(backend, 'getStaffSession', {})) as object).toMatchObject({ role, officerId: role === 'officer' ? officer.id : null });
    for (const name of staffMethods) {
      const reply = await call(backend, name, inputs[name] as never);
      const forbidden = !reply.ok && reply.error.code === 'FORBIDDEN';
      const allowed = roleMayCall(role, name);
      expect(forbidden, `${role} ${name}: ${JSON.stringify(reply)}`).toBe(!allowed);
      if (!reply.ok) expect(reply.error.code, `${role} ${name}`).not.toMatch(/^(SIGN_IN_REQUIRED|PIN_CHANGE_REQUIRED)$/);
    }
  });
});

describe('officers', () => {
  it('are created with an initial PIN to be changed, listed in Vietnamese order, and edited', async () => {
    const { backend } = start();
    await signInSectionHead(backend);
    expect(await call(backend, 'saveOfficer', { officer: newOfficer('CB01'), initialPin: null })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const binh = (await must(backend, 'saveOfficer', { officer: newOfficer('CB01', 'Đỗ Văn Bình'), initialPin: '246810' })) as { id: string };
    expect(binh).toEqual({ ...newOfficer('CB01', 'Đỗ Văn Bình'), id: '01900000-0000-7000-8000-000000000001' });
    await must(backend, 'saveOfficer', { officer: newOfficer('CB02', 'Dương Thị An'), initialPin: '246810' });
    await must(backend, 'saveOfficer', { officer: newOfficer('CB03', 'Ân Văn Hải'), initialPin: '246810' });
    // Vietnamese order: A, Â, … D, Đ (not code-point order, which puts Đ and Â last).
    expect(((await must(backend, 'listOfficers', {})) as { name: string }[]).map((o) => o.name)).toEqual(['Ân Văn Hải', 'Dương Thị An', 'Đỗ Văn Bình']);

    expect(await call(backend, 'saveOfficer', { officer: newOfficer('CB02', 'Người Trùng Mã'), initialPin: '246810' })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call(backend, 'saveOfficer', { officer: { ...newOfficer('CB02'), id: binh.id }, initialPin: null })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call(backend, 'saveOfficer', { officer: { ...newOfficer('CB09'), id: '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01' }, initialPin: null })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const photo = 'data:image/png;base64,iVBORw0KGgo=';
    expect(await must(backend, 'saveOfficer', { officer: { ...newOfficer('CB01', 'Đỗ Văn Bình'), id: binh.id, title: 'Phó trưởng bộ phận', photoDataUrl: photo }, initialPin: null })).toMatchObject({ title: 'Phó trưởng bộ phận', photoDataUrl: photo });

    await must(backend, 'staffSignOut', {});
    expect(await must(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: binh.id }, pin: '246810' })).toMatchObject({
      role: 'officer',
      officerId: binh.id,
      displayName: 'Đỗ Văn Bình',
      mustChangePin: true,
    });
    expect(await call(backend, 'getTallies', { range: { from: '2026-11-23', to: '2026-11-23' } })).toMatchObject({ error: { code: 'PIN_CHANGE_REQUIRED' } });
  });

  it('a PIN reset must be changed again; a deactivated officer is hidden and cannot sign in', async () => {
    const { backend } = start();
    const officer = await addOfficer(backend, 'Lê Thị Cúc', 'CB01');
    await signInSectionHead(backend);
    const row = { ...newOfficer('CB01', 'Lê Thị Cúc'), id: officer.id };
    await must(backend, 'saveOfficer', { officer: row, initialPin: '135799' });
    await must(backend, 'staffSignOut', {});
    expect(await call(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: officer.pin })).toMatchObject({ error: { code: 'PIN_WRONG' } });
    expect(await must(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: '135799' })).toMatchObject({ mustChangePin: true });

    await signInSectionHead(backend);
    await must(backend, 'saveOfficer', { officer: { ...row, active: false }, initialPin: null });
    expect(await must(backend, 'listSignInChoices', {})).toEqual({ officers: [], roles: ['section-head', 'it-admin'] });
    expect(await call(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: '135799' })).toMatchObject({ error: { code: 'PIN_WRONG' } });
    expect(await must(backend, 'listOfficers', {})).toEqual([expect.objectContaining({ id: officer.id, active: false })]);
  });

  it('refuses a weak first or reset PIN (PIN_TOO_WEAK), storing nothing', async () => {
    const { backend } = start();
    const officer = await addOfficer(backend, 'Lê Thị Cúc', 'CB01');
    await signInSectionHead(backend);
    for (const weak of ['123456', '111111', '654321', '23456789']) {
      expect(await call(backend, 'saveOfficer', { officer: newOfficer('CB07'), initialPin: weak }), weak).toMatchObject({ error: { code: 'PIN_TOO_WEAK' } });
      const reset = { officer: { ...newOfficer('CB01', 'Lê Thị Cúc'), id: officer.id }, initialPin: weak };
      expect(await call(backend, 'saveOfficer', reset), weak).toMatchObject({ error: { code: 'PIN_TOO_WEAK' } });
    }
    expect(((await must(backend, 'listOfficers', {})) as { code: string }[]).map((o) => o.code)).toEqual(['CB01']);
    await must(backend, 'staffSignOut', {});
    // The officer's PIN is still the one first given.
    expect(await must(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: officer.pin })).toMatchObject({ role: 'officer' });
  });
});

describe('service areas and dashboard settings', () => {
  it('start from the defaults; codes must be unique; the section head edits them', async () => {
    const { backend } = start();
    await signInSectionHead(backend);
    expect(await must(backend, 'listServiceAreas', {})).toEqual(defaultServiceAreas);
    const areas = [
      { code: 'HO-TICH', name: 'Hộ tịch', active: true },
      { code: 'BHXH', name: 'Bảo hiểm xã hội', active: false },
    ];
    expect(await call(backend, 'saveServiceAreas', { areas: [...areas, { code: 'HO-TICH', name: 'Trùng', active: true }] })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call(backend, 'saveServiceAreas', { areas: [{ code: 'ho tich', name: 'x', active: true }] })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await must(backend, 'saveServiceAreas', { areas })).toEqual(areas);
    expect(await must(backend, 'listServiceAreas', {})).toEqual(areas);

    expect(await must(backend, 'saveDashboardSettings', { officerMinimumRatings: 10 })).toEqual({ officerMinimumRatings: 10 });
    expect(await must(backend, 'getTallies', { range: { from: '2026-11-23', to: '2026-11-23' } })).toMatchObject({ officerMinimumRatings: 10 });
    expect(await call(backend, 'saveDashboardSettings', { officerMinimumRatings: 0 })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

it('savePdfReport is not supported by the plain backend (browser mode prints instead)', async () => {
  const { backend } = start();
  await signInSectionHead(backend);
  expect(await call(backend, 'savePdfReport', { fileName: 'bao-cao.pdf' })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
});
