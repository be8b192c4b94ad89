// Issue 15, opening hours on the kiosk: every tap outside the hours is stored with the
// `outside_hours` flag (information: counted normally), decided from the tap's own time through
// the real intake and a real SQLite file; the hours are set by IT on the setup screen (audited,
// validated in Vietnamese, kept when a form or a file leaves them out) and by a signed
// provisioning file carrying the office settings file's hours.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRatings } from '../../electron/backend/ratings-repo';
import { defaultOpeningHours } from '../../shared/opening-hours';
import type { OpeningHours } from '../../shared/opening-hours-rule';
import { ratingFlags } from '../../shared/rating-flags';
import { officeSettingsFileSchema, verifyProvisioningFile } from '../../shared/sync-files/provisioning-file';
import type { Tallies } from '../../shared/tallies';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { fakeCentral, itAdminSession, validSettings } from '../support/it-admin-fixture';
import { call, must, sectionHeadSession } from '../support/staff-fixture';
import { OFFICE_HOURS_WITH_HOLIDAY } from '../support/opening-hours-fixture';

const local = (t: string) => new Date(`${t}+07:00`).toISOString();

function kioskAt(startLocal: string) {
  const clock = manualClock(local(startLocal));
  const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: clock.now });
  /** One tap at a local time (each a minute or more after the previous: no cool-down, no burst). */
  const tapAt = async (t: string, level = 1) => {
    clock.set(local(t));
    await must(backend, 'submitRating', { scale: 'vn-3', level });
  };
  const flags = () => listRatings(backend.context.db).map((r) => [r.created_at.slice(0, 23), JSON.parse(r.flags) as string[]]);
  return { backend, clock, tapAt, flags };
}

describe('the outside_hours flag, at each boundary of the default week', () => {
  it('is information, not misuse', () => {
    expect(ratingFlags.outside_hours.kind).toBe('info');
  });

  // One fresh kiosk per tap: taps a millisecond apart would (rightly) be flagged `cooldown`.
  it.each([
    ['2026-11-23T06:59:59.999', true],
    ['2026-11-23T07:00:00.000', false],
    ['2026-11-23T11:29:59.999', false],
    ['2026-11-23T11:30:00.000', true],
    ['2026-11-23T12:59:59.999', true],
    ['2026-11-23T13:00:00.000', false],
    ['2026-11-23T16:59:59.999', false],
    ['2026-11-23T17:00:00.000', true],
    ['2026-11-23T23:59:59.999', true],
    ['2026-11-24T00:00:00.000', true],
    ['2026-11-28T10:00:00.000', true], // Saturday
    ['2026-11-29T10:00:00.000', true], // Sunday
  ])('a tap at %s: outside the hours %s', async (t, outside) => {
    const k = kioskAt(t);
    await k.tapAt(t);
    expect(k.flags()).toEqual([[t, outside ? ['outside_hours'] : []]]);
  });

  it('a holiday is closed all day; the kiosk zone decides the local day', async () => {
    const k = kioskAt('2026-09-01T09:00:00');
    await must(k.backend, 'saveDeviceSettings', (itAdminSession(k.backend), validSettings({ scaleId: 'vn-3', openingHours: OFFICE_HOURS_WITH_HOLIDAY })));
    await k.tapAt('2026-09-01T09:00:00');
    await k.tapAt('2026-09-02T09:00:00'); // Quốc khánh, a Wednesday
    await k.tapAt('2026-09-03T09:00:00');
    expect(k.flags().map(([, f]) => f)).toEqual([[], ['outside_hours'], []]);
  });

  it('a stuffer at night: every tap stored, all marked outside_hours, and the burst rule still applies', async () => {
    const k = kioskAt('2026-11-23T22:00:00');
    for (let i = 0; i < 8; i++) {
      await must(k.backend, 'submitRating', { scale: 'vn-3', level: 3 });
      k.clock.advance(6000);
    }
    const flags = k.flags().map(([, f]) => f as string[]);
    expect(flags).toHaveLength(8);
    expect(flags.every((f) => f.includes('outside_hours'))).toBe(true);
    expect(flags.slice(6).every((f) => f.includes('burst'))).toBe(true);
  });
});

describe('counted normally in tallies (hand-counted)', () => {
  it('flagged outside_hours ratings are in the totals and rates by default, never "nghi ngờ"', async () => {
    const k = kioskAt('2026-11-23T06:00:00');
    // Monday 2026-11-23: 09:00 Rất hài lòng (open), 12:00 Không hài lòng (lunch), 18:00 Hài lòng
    // (evening), 18:01 Rất hài lòng (evening). By hand: 4 ratings, 3 satisfied, none excluded.
    await k.tapAt('2026-11-23T09:00:00', 1);
    await k.tapAt('2026-11-23T12:00:00', 3);
    await k.tapAt('2026-11-23T18:00:00', 2);
    await k.tapAt('2026-11-23T18:01:00', 1);
    expect(k.flags().filter(([, f]) => (f as string[]).includes('outside_hours'))).toHaveLength(3);
    sectionHeadSession(k.backend);
    const t = (await must(k.backend, 'getTallies', { range: { from: '2026-11-23', to: '2026-11-23' }, includeFlagged: false })) as Tallies;
    expect(t).toMatchObject({ total: 4, satisfied: 3, excludedFlaggedCount: 0, suspectedCount: 0 });
    expect(t.satisfactionRate).toBeCloseTo(3 / 4);
    expect(t.byScale[0]?.levels.map((l) => l.count)).toEqual([2, 1, 1]);
  });
});

describe('set by IT and by provisioning files', () => {
  const saturdayMorning: OpeningHours = { ...defaultOpeningHours, week: { ...defaultOpeningHours.week, sat: [{ from: '07:30', to: '11:30' }] } };

  it('the setup screen saves the hours (audited), a form without them keeps them, and the intake follows', async () => {
    const k = kioskAt('2026-11-28T08:00:00'); // a Saturday
    itAdminSession(k.backend);
    await must(k.backend, 'saveDeviceSettings', validSettings({ scaleId: 'vn-3' }));
    await k.tapAt('2026-11-28T08:00:00');
    k.clock.set(local('2026-11-28T08:05:00'));
    itAdminSession(k.backend);
    expect(await must(k.backend, 'saveDeviceSettings', validSettings({ scaleId: 'vn-3', deviceToken: null, openingHours: saturdayMorning }))).toMatchObject({ openingHours: saturdayMorning });
    const audit = (await must(k.backend, 'listSettingsAudit', { limit: 100 })) as { key: string; oldValue: string | null; newValue: string | null }[];
    expect(audit.filter((e) => e.key === 'openingHours').map((e) => [JSON.parse(e.oldValue ?? 'null'), JSON.parse(e.newValue ?? 'null')])).toEqual([[defaultOpeningHours, saturdayMorning]]);
    itAdminSession(k.backend);
    await must(k.backend, 'saveDeviceSettings', validSettings({ scaleId: 'vn-3', deviceToken: null }));
    expect(await must(k.backend, 'getHomeScreen', {})).toMatchObject({ openingHours: saturdayMorning, timeZone: 'Asia/Ho_Chi_Minh' });
    await k.tapAt('2026-11-28T08:10:00');
    expect(k.flags().map(([, f]) => f)).toEqual([['outside_hours'], []]);
  });

  it('refuses bad hours with the Vietnamese message and changes nothing', async () => {
    const k = kioskAt('2026-11-23T09:00:00');
    itAdminSession(k.backend);
    const overlapping = { ...defaultOpeningHours, week: { ...defaultOpeningHours.week, mon: [{ from: '07:30', to: '12:00' }, { from: '11:00', to: '17:00' }] } };
    const reply = await call(k.backend, 'saveDeviceSettings', validSettings({ openingHours: overlapping }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(reply)).toContain('Các khoảng giờ phải theo thứ tự sáng → chiều và không chồng lên nhau');
    expect(await must(k.backend, 'getDeviceSettings', {})).toMatchObject({ openingHours: defaultOpeningHours, needsSetup: true });
  });

  it('a provisioning file carries the hours (older files without them keep the kiosk’s)', async () => {
    const k = kioskAt('2026-11-28T08:00:00');
    itAdminSession(k.backend);
    const central = await fakeCentral();
    const withHours = await central.provisioning(tempDataDir(), { deviceId: k.backend.context.deviceId, openingHours: saturdayMorning });
    expect((await verifyProvisioningFile(readFileSync(withHours))).openingHours).toEqual(saturdayMorning);
    await must(k.backend, 'importProvisioningFile', { path: withHours, confirmedFingerprint: central.fingerprint });
    expect(await must(k.backend, 'getDeviceSettings', {})).toMatchObject({ openingHours: saturdayMorning });
    const without = await central.provisioning(tempDataDir(), { deviceId: k.backend.context.deviceId, counter: 6 });
    await must(k.backend, 'importProvisioningFile', { path: without });
    expect(await must(k.backend, 'getDeviceSettings', {})).toMatchObject({ openingHours: saturdayMorning, counterNumber: 6 });
  });

  it('the office settings file takes the hours under the same schema (bad ones refused)', () => {
    expect(officeSettingsFileSchema.parse({ openingHours: OFFICE_HOURS_WITH_HOLIDAY }).openingHours).toEqual(OFFICE_HOURS_WITH_HOLIDAY);
    expect(officeSettingsFileSchema.parse({}).openingHours).toBeUndefined();
    const bad = officeSettingsFileSchema.safeParse({ openingHours: { ...OFFICE_HOURS_WITH_HOLIDAY, holidays: [{ date: '2026-02-30', name: 'Tết' }] } });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['Ngày nghỉ phải là ngày có thật, dạng YYYY-MM-DD']);
  });
});
