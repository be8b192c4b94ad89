// Opening hours for tests (issue 15). Tests that are not about the hours run at whatever time the
// machine's clock shows: their kiosks are open all day every day, so the citizen screen shows the
// faces and no tap is flagged `outside_hours` because a test happened to run at night.
import type { OpeningHours } from '../../shared/opening-hours-rule';

const allDay = [{ from: '00:00', to: '24:00' }];
export const ALL_DAY_EVERY_DAY: OpeningHours = {
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
};

/** The product's default week (Mon–Fri 07:00–11:30, 13:00–17:00) plus Quốc khánh 2026. */
const office = [
  { from: '07:00', to: '11:30' },
  { from: '13:00', to: '17:00' },
];
export const OFFICE_HOURS_WITH_HOLIDAY: OpeningHours = {
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [{ date: '2026-09-02', name: 'Quốc khánh' }],
};
