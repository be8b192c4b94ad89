// Issue 17, fleet health over HTTP (GET /api/v1/fleet), on SQLite and PostgreSQL, real HTTP on
// 127.0.0.1, the kiosks' batches through the real batch route (tests/support/fleet-seed.ts). The
// clock is central's, injected: B2 last synced on Friday 20 November, the others on Monday 23.
// The attacks: a unit viewer asking for another unit (or guessing codes), a stranger, a kiosk
// claiming a version from the future to make every other kiosk look out of date.
import { describe, expect, it } from 'vitest';
import { fleetResponseSchema, type FleetDevice, type FleetResponse } from '../../shared/central-fleet';
import { compareAppVersions, fleetSummary, newestAppVersion, workingDaysWithoutContact } from '../../shared/fleet-health';
import { silentDaysFromEnv } from '../../central/fleet/fleet-settings';
import { ADMIN_PASSWORD, errorCode, startAccountsCentral, TestBrowser, VIEWER_PASSWORD } from '../support/account-fixture';
import { manualClock, storeFactories } from '../support/central-fixture';
import { chainedHistory, FLEET_VIEWER, NEWEST_VERSION, OLD_VERSION, registerFleet, sendChained, sendCurrentKiosks, sendSilentKiosk } from '../support/fleet-seed';

const codeOf = (answer: { body: unknown }) => (answer.body as { error?: { code?: string } } | null)?.error?.code;
const FRIDAY = '2026-11-20T02:00:00.000Z'; // 09:00 in Huế
const MONDAY = '2026-11-23T02:20:00.000Z';

describe('the fleet rules', () => {
  it('counts whole working days between the day of contact and today; weekends do not count', () => {
    expect(workingDaysWithoutContact('2026-11-20', '2026-11-20')).toBe(0); // Friday, same day
    expect(workingDaysWithoutContact('2026-11-20', '2026-11-23')).toBe(0); // Friday → Monday
    expect(workingDaysWithoutContact('2026-11-20', '2026-11-24')).toBe(1); // … Tuesday: Monday missed
    expect(workingDaysWithoutContact('2026-11-20', '2026-11-25')).toBe(2);
    expect(workingDaysWithoutContact('2026-11-18', '2026-12-09')).toBe(14); // Wednesday → three weeks later
    expect(workingDaysWithoutContact('2026-11-25', '2026-11-20')).toBe(0); // a contact "after" today
    expect(workingDaysWithoutContact('2026-12-31', '2027-01-04')).toBe(1); // over the new year: Friday 1 January
  });

  it('orders versions as release numbers; the newest needs two devices; a version that is not a number is neither', () => {
    expect(compareAppVersions('0.10.0', '0.9.2')).toBe(1);
    expect(compareAppVersions('1.0.0-rc.2', '1.0.0')).toBe(-1);
    expect(compareAppVersions('1.0.0-rc.10', '1.0.0-rc.2')).toBe(1);
    expect(compareAppVersions('0.3', '0.3.0')).toBe(0);
    expect(compareAppVersions('dev', '0.3.0')).toBeNull();
    expect(newestAppVersion(['0.3.0', '0.2.0', '0.3.0', 'dev', null])).toBe('0.3.0');
    expect(newestAppVersion(['99.0.0', '0.3.0', '0.3.0'])).toBe('0.3.0');
    expect(newestAppVersion(['0.4.0', '0.3.0'])).toBe('0.3.0');
    expect(newestAppVersion(['0.4.0'])).toBeNull();
  });

  it('CENTRAL_SILENT_DAYS: default 2, a whole number from 1 to 60, else a Vietnamese refusal', () => {
    expect(silentDaysFromEnv({})).toBe(2);
    expect(silentDaysFromEnv({ CENTRAL_SILENT_DAYS: ' 5 ' })).toBe(5);
    for (const bad of ['0', '61', '1.5', 'hai']) expect(() => silentDaysFromEnv({ CENTRAL_SILENT_DAYS: bad })).toThrow('CENTRAL_SILENT_DAYS phải là số nguyên từ 1 đến 60');
  });
});

describe.each(storeFactories)('fleet health over HTTP on $storage', (factory) => {
  async function setUp(silentWorkingDays?: number) {
    const clock = manualClock(FRIDAY);
    const store = await factory.open({ now: clock.now });
    const kiosks = await registerFleet(store);
    const central = await startAccountsCentral(store, clock.now, silentWorkingDays === undefined ? {} : { silentWorkingDays });
    await sendSilentKiosk(central.url, kiosks, new Date(FRIDAY));
    clock.set(MONDAY);
    await sendCurrentKiosks(central.url, kiosks, new Date(MONDAY));
    /** The fleet as `who` sees it at central's time `at` (signed in afresh: days pass between the asks). */
    const fleet = async (who: 'admin' | 'viewer', at: string, query = ''): Promise<{ status: number; body: unknown; fleet: FleetResponse | null }> => {
      clock.set(at);
      const browser = new TestBrowser(central.url);
      expect((await browser.signIn(who === 'admin' ? 'admin' : FLEET_VIEWER, who === 'admin' ? ADMIN_PASSWORD : VIEWER_PASSWORD)).status).toBe(200);
      const answer = await browser.request('GET', `/api/v1/fleet${query}`);
      return { status: answer.status, body: answer.body, fleet: answer.status === 200 ? fleetResponseSchema.parse(answer.body) : null };
    };
    const byName = (f: FleetResponse | null) => {
      const names = new Map(Object.values(kiosks).map((k) => [k.deviceId, k.name]));
      return Object.fromEntries((f?.devices ?? []).map((d) => [names.get(d.deviceId), d])) as Record<string, FleetDevice>;
    };
    return { store, central, kiosks, clock, fleet, byName };
  }

  it('shows each device with its office, unit, contact, version, backlog, gaps, declared losses; silence counts working days on central\'s clock', async () => {
    const { fleet, byName } = await setUp();
    const monday = await fleet('admin', MONDAY);
    const d = byName(monday.fleet);
    expect(Object.keys(d).sort()).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(monday.fleet?.newestAppVersion).toBe(NEWEST_VERSION);
    expect(d.A2).toMatchObject({
      officeName: 'UBND xã Lộc Trì – Một cửa', unitCode: 'C1', unitName: 'Xã Lộc Trì', counter: 2, lastContactAt: MONDAY, workingDaysSilent: 0, silent: false,
      appVersion: NEWEST_VERSION, outdated: false, seqGaps: [{ from: 3, to: 4 }], missingSeqs: 2, chainGaps: [{ from: 3, to: 4 }], chainGapPositions: 2, incidents: 0,
      declaredLost: { seq: [], chain: [] }, healthVia: 'http', clockDriftMs: 0, pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null },
    });
    expect(d.B1).toMatchObject({ unitCode: 'D2', missingSeqs: 0, chainGapPositions: 0, declaredLost: { seq: [{ from: 4, to: 5 }], chain: [{ from: 4, to: 5 }] }, incidents: 1, chainBreaks: [] });
    expect(d.B2).toMatchObject({ lastContactAt: FRIDAY, workingDaysSilent: 0, silent: false, appVersion: OLD_VERSION, outdated: true, pending: { ratings: 4 } });
    expect(d.A1).toMatchObject({ silent: false, outdated: false, missingSeqs: 0, incidents: 0, chainBreaks: [] });
    expect(fleetSummary(monday.fleet?.devices ?? [])).toEqual({ devices: 4, silent: 0, withGaps: 1, damaged: 1, outdated: 1 });

    // Tuesday: B2 missed Monday, one working day: not yet silent. Wednesday morning: two.
    expect(byName((await fleet('admin', '2026-11-24T09:00:00.000Z')).fleet).B2).toMatchObject({ workingDaysSilent: 1, silent: false });
    const wednesday = await fleet('admin', '2026-11-25T01:00:00.000Z');
    expect(byName(wednesday.fleet).B2).toMatchObject({ workingDaysSilent: 2, silent: true });
    expect(byName(wednesday.fleet).A1).toMatchObject({ workingDaysSilent: 1, silent: false });
    expect(fleetSummary(wednesday.fleet?.devices ?? []).silent).toBe(1);
    // The answer says which clock and threshold judged.
    expect([wednesday.fleet?.at, wednesday.fleet?.silentWorkingDays]).toEqual(['2026-11-25T01:00:00.000Z', 2]);
  });

  it('the province\'s threshold (CENTRAL_SILENT_DAYS) decides', async () => {
    const { fleet, byName } = await setUp(1);
    expect(byName((await fleet('admin', '2026-11-24T09:00:00.000Z')).fleet).B2).toMatchObject({ workingDaysSilent: 1, silent: true });
  });

  it('a unit viewer sees only the devices under their units; another unit, or a guessed code, is refused; a stranger is not let in', async () => {
    const { fleet, byName, central, store } = await setUp();
    const own = await fleet('viewer', MONDAY);
    expect(Object.keys(byName(own.fleet)).sort()).toEqual(['A1', 'A2']);
    expect(own.fleet?.units.map((u) => u.code).sort()).toEqual(['C1', 'D1']);
    // Out of date against the whole province, even though both of the viewer's kiosks run the newest.
    expect(own.fleet?.newestAppVersion).toBe(NEWEST_VERSION);
    expect(Object.keys(byName((await fleet('viewer', MONDAY, '?unit=C1')).fleet))).toEqual(expect.arrayContaining(['A1', 'A2']));
    for (const unit of ['D2', 'NOPE']) {
      const refused = await fleet('viewer', MONDAY, `?unit=${unit}`);
      expect([refused.status, codeOf(refused)]).toEqual([403, 'FORBIDDEN']);
    }
    // A province admin: a unit includes the units below it; an unknown unit is 404.
    expect(Object.keys(byName((await fleet('admin', MONDAY, '?unit=D1')).fleet)).sort()).toEqual(['A1', 'A2']);
    expect(Object.keys(byName((await fleet('admin', MONDAY, '?unit=D2')).fleet)).sort()).toEqual(['B1', 'B2']);
    const unknown = await fleet('admin', MONDAY, '?unit=NOPE');
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'UNKNOWN_UNIT']);
    for (const bad of ['?unit=a%2F..', '?unit=D1&unit=D2', '?other=1']) {
      const refused = await fleet('admin', MONDAY, bad);
      expect([bad, refused.status, codeOf(refused)]).toEqual([bad, 400, 'INVALID_QUERY']);
    }
    // A kiosk of an office not placed in any unit yet: the province admin's alone.
    const { deviceId } = await store.addDevice({ officeCode: '000.00.99.H99', counter: 1, publicKey: null });
    expect((await fleet('admin', MONDAY)).fleet?.devices.find((d) => d.deviceId === deviceId)).toMatchObject({ unitCode: null, unitName: null, silent: true, workingDaysSilent: null });
    expect((await fleet('viewer', MONDAY)).fleet?.devices.map((d) => d.deviceId)).not.toContain(deviceId);
    const stranger = await new TestBrowser(central.url).request('GET', '/api/v1/fleet');
    expect([stranger.status, errorCode(stranger)]).toEqual([401, 'SIGN_IN_REQUIRED']);
  });

  it('one kiosk claiming a version from the future does not make the others out of date', async () => {
    const { fleet, byName, kiosks, central } = await setUp();
    const history = chainedHistory(kiosks.A1.deviceId, 4);
    await sendChained(central.url, kiosks.A1, history, history.slice(3), { at: new Date(MONDAY), appVersion: '99.0.0' });
    const d = byName((await fleet('admin', MONDAY)).fleet);
    expect([d.A1?.appVersion, d.A1?.outdated, d.A2?.outdated, d.B1?.outdated, d.B2?.outdated]).toEqual(['99.0.0', false, false, false, true]);
  });
});
