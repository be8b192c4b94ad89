// Issue 15, opening hours: the one rule (shared/opening-hours-rule.ts) at a clock inside, at and
// just outside each boundary of the default week (morning start and end, lunch, afternoon end,
// the weekend), on a holiday, across midnight and in other time zones; and the schema's
// Vietnamese refusals. A period is [from, to): open at `from`, closed at `to`.
import { describe, expect, it } from 'vitest';
import { defaultOpeningHours, openingHoursSchema } from '../../shared/opening-hours';
import { isOpenAt, openingStateAt, type OpeningHours } from '../../shared/opening-hours-rule';
import { weekGroups } from '../../shared/opening-hours-week';
import { defaultKioskSettings, kioskSettingsSchema } from '../../shared/settings';
import { ALL_DAY_EVERY_DAY, OFFICE_HOURS_WITH_HOLIDAY } from '../support/opening-hours-fixture';

const VN = 'Asia/Ho_Chi_Minh';
const at = (local: string) => new Date(`${local}+07:00`);
const state = (hours: OpeningHours, local: string, tz = VN) => {
  const s = openingStateAt(hours, at(local), tz);
  return { open: s.open, next: s.nextChange?.toISOString() ?? null };
};
const iso = (local: string) => at(local).toISOString();

// 2026-11-23 is a Monday; 2026-11-27 a Friday; 2026-09-02 (Quốc khánh) a Wednesday.
describe('the default week (Mon–Fri 07:00–11:30, 13:00–17:00)', () => {
  const h = defaultOpeningHours;
  it.each([
    ['before the morning opens', '2026-11-23T06:59:59.999', false, '2026-11-23T07:00:00'],
    ['the morning opens (inclusive)', '2026-11-23T07:00:00.000', true, '2026-11-23T11:30:00'],
    ['the last instant of the morning', '2026-11-23T11:29:59.999', true, '2026-11-23T11:30:00'],
    ['lunch starts at the morning end (exclusive)', '2026-11-23T11:30:00.000', false, '2026-11-23T13:00:00'],
    ['the last instant of lunch', '2026-11-23T12:59:59.999', false, '2026-11-23T13:00:00'],
    ['the afternoon opens', '2026-11-23T13:00:00.000', true, '2026-11-23T17:00:00'],
    ['the last instant of the afternoon', '2026-11-23T16:59:59.999', true, '2026-11-23T17:00:00'],
    ['the evening: next morning', '2026-11-23T17:00:00.000', false, '2026-11-24T07:00:00'],
    ['just before midnight', '2026-11-23T23:59:59.999', false, '2026-11-24T07:00:00'],
    ['midnight', '2026-11-24T00:00:00.000', false, '2026-11-24T07:00:00'],
    ['Friday evening: Monday morning', '2026-11-27T17:00:00.000', false, '2026-11-30T07:00:00'],
    ['Saturday 10:00 (the weekend is closed)', '2026-11-28T10:00:00.000', false, '2026-11-30T07:00:00'],
    ['Sunday 14:00', '2026-11-29T14:00:00.000', false, '2026-11-30T07:00:00'],
  ])('%s: %s', (_what, local, open, next) => {
    expect(state(h, local)).toEqual({ open, next: iso(next) });
    expect(isOpenAt(h, at(local), VN)).toBe(open);
  });
});

describe('holidays: a whole local day closed', () => {
  const h = OFFICE_HOURS_WITH_HOLIDAY;
  it('closed on the holiday at an hour that is open on other Wednesdays, and names it', () => {
    const s = openingStateAt(h, at('2026-09-02T09:00:00'), VN);
    expect(s).toMatchObject({ open: false, holiday: { date: '2026-09-02', name: 'Quốc khánh' }, weekday: 'wed' });
    expect(s.nextChange?.toISOString()).toBe(iso('2026-09-03T07:00:00'));
    expect(isOpenAt(h, at('2026-09-09T09:00:00'), VN)).toBe(true);
  });
  it('the evening before skips the holiday to the day after', () => {
    expect(state(h, '2026-09-01T17:00:00')).toEqual({ open: false, next: iso('2026-09-03T07:00:00') });
  });
  it('an all-day kiosk closes at the holiday midnight and opens at the next', () => {
    const allDay = { ...ALL_DAY_EVERY_DAY, holidays: [{ date: '2026-09-02', name: 'Quốc khánh' }] };
    expect(state(allDay, '2026-09-01T23:59:59.999')).toEqual({ open: true, next: iso('2026-09-02T00:00:00') });
    expect(state(allDay, '2026-09-02T00:00:00.000')).toEqual({ open: false, next: iso('2026-09-03T00:00:00') });
    expect(state(allDay, '2026-09-02T23:59:59.999')).toEqual({ open: false, next: iso('2026-09-03T00:00:00') });
    expect(state(allDay, '2026-09-03T00:00:00.000')).toEqual({ open: true, next: null });
  });
  it('a run of holidays over a weekend is crossed (Tết)', () => {
    const tet = { ...h, holidays: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({ date, name: 'Tết Nguyên đán' })) };
    expect(state(tet, '2027-02-04T17:00:00')).toEqual({ open: false, next: iso('2027-02-15T07:00:00') });
  });
});

describe('midnight and whole days', () => {
  it('a period "to 24:00" joined to the next day\'s "from 00:00" is one opening, no change at midnight', () => {
    const night: OpeningHours = { ...defaultOpeningHours, week: { ...defaultOpeningHours.week, mon: [{ from: '18:00', to: '24:00' }], tue: [{ from: '00:00', to: '06:00' }] } };
    expect(state(night, '2026-11-23T23:59:59.999')).toEqual({ open: true, next: iso('2026-11-24T06:00:00') });
    expect(state(night, '2026-11-24T00:00:00')).toEqual({ open: true, next: iso('2026-11-24T06:00:00') });
  });
  it('open all day every day never changes; no period at all never opens', () => {
    expect(state(ALL_DAY_EVERY_DAY, '2026-11-29T03:00:00')).toEqual({ open: true, next: null });
    const never: OpeningHours = { week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    expect(state(never, '2026-11-23T09:00:00')).toEqual({ open: false, next: null });
  });
});

describe('another time zone: local days and local clock times of that zone', () => {
  const instant = new Date('2026-11-23T02:00:00Z'); // Monday 09:00 in Vietnam
  it.each([
    [VN, true, '2026-11-23T04:30:00.000Z'],
    // Monday 03:00 in Paris (UTC+1 in November): opens at 07:00 Paris time.
    ['Europe/Paris', false, '2026-11-23T06:00:00.000Z'],
    // Sunday 21:00 in New York (UTC−5): closed until Monday 07:00 there.
    ['America/New_York', false, '2026-11-23T12:00:00.000Z'],
  ])('%s', (tz, open, next) => {
    const s = openingStateAt(defaultOpeningHours, instant, tz);
    expect({ open: s.open, next: s.nextChange?.toISOString() }).toEqual({ open, next });
  });
  it('a daylight-saving day (Paris, 2026-03-29): 07:00 local is 05:00Z', () => {
    const sunday = { ...ALL_DAY_EVERY_DAY, week: { ...defaultOpeningHours.week, sun: [{ from: '07:00', to: '11:30' }] } };
    expect(openingStateAt(sunday, new Date('2026-03-29T00:30:00Z'), 'Europe/Paris').nextChange?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });
});

describe('the week as people read it', () => {
  it('groups consecutive days with the same hours, Monday first', () => {
    expect(weekGroups(defaultOpeningHours).map((g) => [g.first, g.last, g.periods.length])).toEqual([
      ['mon', 'fri', 2],
      ['sat', 'sun', 0],
    ]);
  });
});

describe('the schema (settings, setup screen, provisioning and office files)', () => {
  const week = (mon: unknown) => ({ week: { ...defaultOpeningHours.week, mon }, holidays: [] });
  const message = (value: unknown) => {
    const r = openingHoursSchema.safeParse(value);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('accepts the default, and the default is the kiosk settings default', () => {
    expect(message(defaultOpeningHours)).toBeNull();
    expect(kioskSettingsSchema.parse(defaultKioskSettings).openingHours).toEqual(defaultOpeningHours);
    expect(message(ALL_DAY_EVERY_DAY)).toBeNull();
  });
  it.each([
    ['from after to', [{ from: '11:30', to: '07:30' }], 'week.mon.0.to: Giờ mở phải trước giờ đóng'],
    ['from equal to to', [{ from: '07:30', to: '07:30' }], 'week.mon.0.to: Giờ mở phải trước giờ đóng'],
    ['overlapping periods', [{ from: '07:30', to: '12:00' }, { from: '11:30', to: '17:00' }], 'week.mon.1.from: Các khoảng giờ phải theo thứ tự sáng → chiều và không chồng lên nhau'],
    ['afternoon before morning', [{ from: '13:30', to: '17:00' }, { from: '07:30', to: '11:30' }], 'week.mon.1.from: Các khoảng giờ phải theo thứ tự sáng → chiều và không chồng lên nhau'],
    ['not a time', [{ from: '7h30', to: '11:30' }], 'week.mon.0.from: Giờ mở phải có dạng HH:MM, ví dụ 07:30'],
    ['25:00', [{ from: '07:30', to: '25:00' }], 'week.mon.0.to: Giờ đóng phải có dạng HH:MM (đến 24:00), ví dụ 11:30'],
    ['24:00 as a start', [{ from: '24:00', to: '24:00' }], 'week.mon.0.from: Giờ mở phải có dạng HH:MM, ví dụ 07:30'],
    ['four periods', [{ from: '01:00', to: '02:00' }, { from: '03:00', to: '04:00' }, { from: '05:00', to: '06:00' }, { from: '07:00', to: '08:00' }], 'week.mon: Mỗi ngày tối đa 3 khoảng giờ'],
  ])('refuses %s in Vietnamese', (_what, mon, expected) => {
    expect(message(week(mon))).toContain(expected);
  });
  it.each([
    ['an impossible date', [{ date: '2026-02-29', name: 'X' }], 'holidays.0.date: Ngày nghỉ phải là ngày có thật, dạng YYYY-MM-DD'],
    ['a duplicate date', [{ date: '2026-09-02', name: 'Quốc khánh' }, { date: '2026-09-02', name: 'Nghỉ bù' }], 'holidays.1.date: Ngày nghỉ bị trùng: 2026-09-02'],
    ['an empty name', [{ date: '2026-09-02', name: '  ' }], 'holidays.0.name: Tên ngày nghỉ không được để trống'],
    ['too many', Array.from({ length: 101 }, (_, i) => ({ date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10), name: 'Nghỉ' })), 'holidays: Tối đa 100 ngày nghỉ'],
  ])('refuses %s in the holiday list', (_what, holidays, expected) => {
    expect(message({ week: defaultOpeningHours.week, holidays })).toContain(expected);
  });
  it('refuses a week with a day missing or an unknown key (files are strict)', () => {
    const noSunday = Object.fromEntries(Object.entries(defaultOpeningHours.week).filter(([day]) => day !== 'sun'));
    expect(openingHoursSchema.safeParse({ week: noSunday, holidays: [] }).success).toBe(false);
    expect(openingHoursSchema.safeParse({ ...defaultOpeningHours, alwaysOpen: true }).success).toBe(false);
  });
});
