// Shifts: every rating carries the officer on duty and the shift's service area; the home
// screen names them; switching, signing out and the end of the local day close the shift.
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { listRatings } from '../../electron/backend/ratings-repo';
import { listShifts } from '../../electron/backend/shifts/shifts-repo';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { addOfficer, call, must, signInOfficer, signInSectionHead } from '../support/staff-fixture';

function start(iso = '2026-11-23T01:30:00.000Z') {
  const clock = manualClock(iso); // 08:30 in Hà Nội
  const backend = openTestBackend({ dataDir: tempDataDir(), now: clock.now });
  const events: [EventName, unknown][] = [];
  backend.events.subscribe((name, payload) => events.push([name, payload]));
  return { clock, backend, events };
}

const tap = (backend: ReturnType<typeof start>['backend'], level = 1) => must(backend, 'submitRating', { scale: 'vn-3', level });
const attribution = (backend: ReturnType<typeof start>['backend']) => listRatings(backend.context.db).map((r) => [r.seq, r.officer_id, r.service_code]);

describe('shifts', () => {
  it('credit every rating to the officer on duty and the area they chose; the home screen names them', async () => {
    const { backend, events, clock } = start();
    await tap(backend);
    const hoa = await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ officer: null });
    expect(await must(backend, 'getCurrentShift', {})).toBeNull();

    events.length = 0;
    expect(await must(backend, 'startShift', { serviceCode: 'HO-TICH' })).toEqual({
      id: expect.any(String),
      officerId: hoa.id,
      officerName: 'Nguyễn Thị Hoa',
      officerTitle: 'Công chức một cửa',
      photoDataUrl: null,
      serviceCode: 'HO-TICH',
      serviceName: 'Hộ tịch',
      startedAt: '2026-11-23T08:30:00.000+07:00',
    });
    expect(events).toEqual([['shiftChanged', {}]]);
    // The officer leaves the staff area; the shift goes on.
    await must(backend, 'staffSignOut', {});
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ officer: { name: 'Nguyễn Thị Hoa', title: 'Công chức một cửa', photoDataUrl: null } });

    events.length = 0;
    await tap(backend, 2);
    expect(events).toEqual([
      ['syncStatusChanged', expect.anything()],
      ['ratingStored', { seq: 2, localDay: '2026-11-23' }],
    ]);

    clock.advance(60_000);
    await signInOfficer(backend, hoa);
    await must(backend, 'setShiftServiceArea', { serviceCode: 'CHUNG-THUC' });
    await tap(backend);
    await must(backend, 'setShiftServiceArea', { serviceCode: null });
    await tap(backend);
    expect(await must(backend, 'endShift', {})).toEqual({ ok: true });
    await tap(backend);

    expect(attribution(backend)).toEqual([
      [1, null, null],
      [2, hoa.id, 'HO-TICH'],
      [3, hoa.id, 'CHUNG-THUC'],
      [4, hoa.id, null],
      [5, null, null],
    ]);
    expect(listShifts(backend.context.db)).toEqual([
      expect.objectContaining({ officer_id: hoa.id, ended_at: '2026-11-23T08:31:00.000+07:00', end_reason: 'signed-out', service_code: null }),
    ]);
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ officer: null });
  });

  it('hand over the counter: a new shift ends the open one as "switched"', async () => {
    const { backend, clock } = start();
    const hoa = await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    const binh = await addOfficer(backend, 'Trần Văn Bình', 'CB02');
    await signInOfficer(backend, hoa);
    await must(backend, 'startShift', { serviceCode: null });
    await tap(backend);
    clock.advance(4 * 3600_000);
    await signInOfficer(backend, binh);
    // Bình cannot change or end Hoa's shift, only take over the counter.
    expect(await call(backend, 'setShiftServiceArea', { serviceCode: 'DAT-DAI' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await call(backend, 'endShift', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await must(backend, 'startShift', { serviceCode: 'DAT-DAI' });
    await tap(backend);
    expect(attribution(backend)).toEqual([
      [1, hoa.id, null],
      [2, binh.id, 'DAT-DAI'],
    ]);
    expect(listShifts(backend.context.db).map((s) => [s.officer_id, s.ended_at, s.end_reason])).toEqual([
      [hoa.id, '2026-11-23T12:30:00.000+07:00', 'switched'],
      [binh.id, null, null],
    ]);
    // Starting again (e.g. after lunch) also closes the open one.
    clock.advance(3600_000);
    await signInOfficer(backend, binh);
    await must(backend, 'startShift', { serviceCode: 'DAT-DAI' });
    expect(listShifts(backend.context.db).map((s) => s.end_reason)).toEqual(['switched', 'switched', null]);
  });

  it('end at local midnight: the first rating of the next day carries no officer', async () => {
    const { backend, clock, events } = start('2026-11-23T10:00:00.000Z'); // 17:00
    const hoa = await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    await must(backend, 'startShift', { serviceCode: 'HO-TICH' });
    await must(backend, 'staffSignOut', {});
    clock.set('2026-11-23T16:59:59.999Z'); // 23:59:59.999
    await tap(backend);
    clock.set('2026-11-23T17:00:00.000Z'); // 00:00 the next day
    events.length = 0;
    await tap(backend);
    expect(events.map(([name]) => name)).toContain('shiftChanged');
    expect(attribution(backend)).toEqual([
      [1, hoa.id, 'HO-TICH'],
      [2, null, null],
    ]);
    expect(listShifts(backend.context.db)).toEqual([
      expect.objectContaining({ local_day: '2026-11-23', ended_at: '2026-11-24T00:00:00.000+07:00', end_reason: 'end-of-day' }),
    ]);
  });

  it('read and end the shift in the rating’s own transaction: a failed write changes nothing', async () => {
    const { backend, clock } = start();
    await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    await must(backend, 'startShift', { serviceCode: null });
    clock.set('2026-11-24T01:00:00.000Z'); // next morning
    backend.context.db.exec("CREATE TRIGGER fail_insert BEFORE INSERT ON ratings BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;");
    expect(await call(backend, 'submitRating', { scale: 'vn-3', level: 1 })).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(listShifts(backend.context.db)).toEqual([expect.objectContaining({ ended_at: null, end_reason: null })]);
  });

  it('end at midnight also when nobody taps: the home screen and getCurrentShift see no one next morning', async () => {
    const { backend, clock } = start();
    await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    await must(backend, 'startShift', { serviceCode: null });
    clock.set('2026-11-24T00:30:00.000Z'); // 07:30 the next day
    expect(await must(backend, 'getCurrentShift', {})).toBeNull();
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ officer: null });
    expect(listShifts(backend.context.db)[0]).toMatchObject({ ended_at: '2026-11-24T00:00:00.000+07:00', end_reason: 'end-of-day' });
  });

  it('refuse an unknown or inactive service area, and NO_SHIFT without a shift', async () => {
    const { backend } = start();
    const hoa = await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    await signInSectionHead(backend);
    await must(backend, 'saveServiceAreas', { areas: [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }, { code: 'CU', name: 'Cũ', active: false }] });
    await signInOfficer(backend, hoa);
    expect(await call(backend, 'setShiftServiceArea', { serviceCode: 'HO-TICH' })).toMatchObject({ error: { code: 'NO_SHIFT' } });
    expect(await call(backend, 'endShift', {})).toMatchObject({ error: { code: 'NO_SHIFT' } });
    expect(await call(backend, 'startShift', { serviceCode: 'CU' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await call(backend, 'startShift', { serviceCode: 'DAT-DAI' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(listShifts(backend.context.db)).toEqual([]);
    await must(backend, 'startShift', { serviceCode: 'HO-TICH' });
    expect(await call(backend, 'setShiftServiceArea', { serviceCode: 'CU' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('a deactivated officer goes off duty; an edited one is shown with the new name', async () => {
    const { backend, events } = start();
    const hoa = await addOfficer(backend, 'Nguyễn Thị Hoa', 'CB01');
    await must(backend, 'startShift', { serviceCode: null });
    await signInSectionHead(backend);
    const row = { id: hoa.id, code: 'CB01', name: 'Nguyễn Thị Hoà', title: 'Công chức một cửa', photoDataUrl: null, active: true };
    events.length = 0;
    await must(backend, 'saveOfficer', { officer: row, initialPin: null });
    expect(events).toEqual([['shiftChanged', {}]]);
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ officer: { name: 'Nguyễn Thị Hoà' } });
    await must(backend, 'saveOfficer', { officer: { ...row, active: false }, initialPin: null });
    expect(await must(backend, 'getHomeScreen', {})).toMatchObject({ officer: null });
  });
});
