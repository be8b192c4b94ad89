// Who may call what is declared once, in the contract (`access`, `whilePinChangeRequired`), and
// enforced once, by dispatch, before input parsing and before any handler. This file proves,
// for every method × every kind of caller, that dispatch answers exactly what the contract's
// table says — the expected answers are computed from `contract`, never listed by hand — on
// both hosts: Electron's (every method has a handler) and browser mode's (only the `host: 'any'`
// ones; a `host: 'electron'` method answers NOT_SUPPORTED to a caller its access lets through).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accessRule, contract, hostOf, methodNames, type HostHandlers, type MethodName } from '../../shared/contract';
import { defineMethods, mergeContracts } from '../../shared/contract/method';
import { staffRoles, type StaffRole } from '../../shared/staff';
import { dispatch, KioskFailure, type ContractEndpoint } from '../../electron/backend/dispatch';
import { createStaffSessions, STAFF_IDLE_MS } from '../../electron/backend/staff/staff-session';
import { capturingLogger, manualClock } from '../support/backend-fixture';
import { minimalInputs } from '../support/minimal-inputs';

type Caller = { role: StaffRole; mustChangePin: boolean } | null;
type Outcome = 'allowed' | 'SIGN_IN_REQUIRED' | 'PIN_CHANGE_REQUIRED' | 'FORBIDDEN';

/** The rule, read off the contract's declaration of one method, in today's order of refusals. */
function expectedFor(name: MethodName, caller: Caller): Outcome {
  const { access, whilePinChangeRequired } = accessRule(name);
  if (access === 'public') return 'allowed';
  if (caller === null) return 'SIGN_IN_REQUIRED';
  if (caller.mustChangePin && !whilePinChangeRequired) return 'PIN_CHANGE_REQUIRED';
  return access.includes(caller.role) ? 'allowed' : 'FORBIDDEN';
}

const callers: Caller[] = [null, ...staffRoles.flatMap((role) => [false, true].map((mustChangePin) => ({ role, mustChangePin })))];
const label = (caller: Caller) => (caller === null ? 'no session' : `${caller.role}${caller.mustChangePin ? ' (PIN to change)' : ''}`);

/**
 * dispatch with the real session guard and stand-in handlers that only record that they ran:
 * what is under test is who reaches a handler, not what the handler does.
 */
function harness(host: 'electron' | 'browser' = 'electron') {
  const clock = manualClock('2026-11-23T02:00:00.000Z');
  const sessions = createStaffSessions(clock.now, () => 'Asia/Ho_Chi_Minh');
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    methodNames.filter((name) => host === 'electron' || hostOf(name) === 'any').map((name) => [
      name,
      () => {
        ran.push(name);
        throw new KioskFailure('NOT_SUPPORTED', 'stand-in handler');
      },
    ]),
  ) as unknown as HostHandlers;
  const endpoint: ContractEndpoint = { handlers, access: sessions, log: capturingLogger().log };
  const signIn = (caller: Caller) => {
    sessions.close();
    if (caller === null) return;
    const officerId = caller.role === 'officer' ? '01900000-0000-7000-8000-000000000001' : null;
    const subject = officerId === null ? ({ kind: 'role', role: caller.role as 'section-head' | 'it-admin' } as const) : ({ kind: 'officer', officerId } as const);
    sessions.open({ subject, role: caller.role, officerId, displayName: label(caller), mustChangePin: caller.mustChangePin });
  };
  return { clock, sessions, ran, endpoint, signIn };
}

describe('every method declares who may call it', () => {
  it.each(methodNames)('%s: public, or a non-empty list of known staff roles', (name) => {
    const { access, whilePinChangeRequired } = accessRule(name);
    if (access === 'public') {
      expect(whilePinChangeRequired).toBe(false);
    } else {
      expect(access.length).toBeGreaterThan(0);
      expect(access.every((role) => staffRoles.includes(role))).toBe(true);
    }
  });

  it('a method without its access fails to load (and to typecheck)', () => {
    const bare = { input: z.strictObject({}), output: z.object({}), host: 'any' as const };
    // @ts-expect-error -- `access` is required by MethodSchema
    const declared = defineMethods({ probe: bare });
    expect(() => mergeContracts(contract, declared)).toThrow(/probe does not declare its access/);
    expect(() => mergeContracts({ probe: { ...bare, access: [] } } as never)).toThrow(/probe does not declare its access/);
    expect(() => mergeContracts({ probe: { ...bare, access: ['citizen'] } } as never)).toThrow(/probe does not declare its access/);
    expect(() => mergeContracts({ probe: { ...bare, access: 'public', whilePinChangeRequired: true } } as never)).toThrow(/whilePinChangeRequired/);
  });

  it.each(methodNames)('%s: declares where it runs (any host, or Electron only)', (name) => {
    expect(['any', 'electron']).toContain(hostOf(name));
  });

  it('a method without its host fails to load (and to typecheck)', () => {
    const bare = { input: z.strictObject({}), output: z.object({}), access: 'public' as const };
    // @ts-expect-error -- `host` is required by MethodSchema
    const declared = defineMethods({ probe: bare });
    expect(() => mergeContracts(contract, declared)).toThrow(/probe does not declare where it runs/);
    expect(() => mergeContracts({ probe: { ...bare, host: 'browser' } } as never)).toThrow(/probe does not declare where it runs/);
  });

  it('only the native dialogs and leaving kiosk mode are Electron-only', () => {
    expect(methodNames.filter((name) => hostOf(name) === 'electron').sort()).toEqual(['chooseFolder', 'exitKiosk', 'savePdfReport']);
  });

  it('a session whose PIN must be changed may only change it (the sign-in pad stays public)', () => {
    expect(methodNames.filter((name) => accessRule(name).whilePinChangeRequired)).toEqual(['changePin']);
  });
});

describe('dispatch enforces the contract for every method and every caller', () => {
  const inputs = minimalInputs('/nonexistent/usb');
  const cases = methodNames.flatMap((name) => callers.map((caller) => ({ name, caller, expected: expectedFor(name, caller) })));

  const browserCases = cases.map((c) => ({ ...c, expected: c.expected === 'allowed' && hostOf(c.name) === 'electron' ? ('NOT_SUPPORTED' as const) : c.expected }));

  /** One call through dispatch on `host`: an allowed caller reaches the stand-in handler, a refused one gets exactly `expected`. */
  const expectOutcome = async (host: Parameters<typeof harness>[0], { name, caller, expected }: (typeof browserCases)[number]) => {
    const { ran, endpoint, signIn } = harness(host);
    signIn(caller);
    const reply = await dispatch(endpoint, name, inputs[name]);
    if (expected === 'allowed') {
      expect(ran).toEqual([name]);
      expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } }); // the stand-in's answer
    } else {
      // Refused by access, or (browser mode: allowed, but not run here) NOT_SUPPORTED from dispatch.
      expect(ran).toEqual([]);
      expect(reply).toMatchObject({ ok: false, error: { code: expected } });
    }
  };

  it.each(cases.map((c) => [c.name, label(c.caller), c.expected, c] as const))('%s, %s: %s', async (_name, _who, _expected, c) => {
    await expectOutcome(undefined, c);
  });

  it.each(browserCases.map((c) => [c.name, label(c.caller), c.expected, c] as const))('browser mode: %s, %s: %s', async (_name, _who, _expected, c) => {
    await expectOutcome('browser', c);
  });

  it('every minimal input is valid, so an allowed caller reaches the handler', () => {
    const inputs = minimalInputs('/nonexistent/usb');
    for (const name of methodNames) expect(contract[name].input.safeParse(inputs[name]).success, name).toBe(true);
  });

  it('checks access before input: a refused caller learns nothing of the input rules', async () => {
    const { ran, endpoint, signIn } = harness();
    signIn({ role: 'officer', mustChangePin: false });
    expect(await dispatch(endpoint, 'saveOfficer', { officer: 'not an officer' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    signIn(null);
    const refused = await dispatch(endpoint, 'listSettingsAudit', { limit: 10_000 });
    expect(refused).toEqual({ ok: false, error: { code: 'SIGN_IN_REQUIRED', message: expect.any(String) } });
    // An allowed caller does get the validation message, and no handler runs.
    signIn({ role: 'it-admin', mustChangePin: false });
    expect(await dispatch(endpoint, 'listSettingsAudit', { limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(ran).toEqual([]);
  });
});

describe("the session's idle timer", () => {
  it('a staff call touches it, allowed or refused; a public call (a citizen tap) does not', async () => {
    const { clock, sessions, endpoint, signIn } = harness();
    signIn({ role: 'officer', mustChangePin: false });
    const idle = sessions.view(sessions.current()).expiresAt;
    clock.advance(60_000);
    await dispatch(endpoint, 'submitRating', { scale: 'vn-3', level: 1 });
    await dispatch(endpoint, 'getHomeScreen', {});
    expect(sessions.view(sessions.current()).expiresAt).toBe(idle);
    await dispatch(endpoint, 'listOfficers', {}); // FORBIDDEN for an officer, still activity
    const touched = sessions.view(sessions.current()).expiresAt;
    expect(touched).not.toBe(idle);
    clock.advance(STAFF_IDLE_MS);
    expect(await dispatch(endpoint, 'getTallies', { range: { from: '2026-11-23', to: '2026-11-23' } })).toMatchObject({ error: { code: 'SIGN_IN_REQUIRED' } });
    expect(() => sessions.current()).toThrow(KioskFailure);
  });
});
