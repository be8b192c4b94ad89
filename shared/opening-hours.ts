// The opening hours' schema (issue 15): one schema for the settings row, the setup screen, the
// provisioning file and the office settings file. The rule that reads them is zod-free, in
// shared/opening-hours-rule.ts, so the citizen screen can use it without zod.
import { z } from 'zod';
import { minutesOf, weekFromMonday, type OpeningHours, type WeekdayKey } from './opening-hours-rule';

export const MAX_PERIODS_PER_DAY = 3;
export const MAX_HOLIDAYS = 100;

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

const periodSchema = z
  .strictObject({
    from: z.string({ error: 'Giờ mở phải có dạng HH:MM' }).regex(clockTime, 'Giờ mở phải có dạng HH:MM, ví dụ 07:30'),
    // "24:00": open until midnight (a period never crosses midnight: the next day has its own).
    to: z.string({ error: 'Giờ đóng phải có dạng HH:MM' }).refine((t) => clockTime.test(t) || t === '24:00', 'Giờ đóng phải có dạng HH:MM (đến 24:00), ví dụ 11:30'),
  })
  .refine((p) => !clockTime.test(p.from) || minutesOf(p.from) < minutesOf(p.to), { message: 'Giờ mở phải trước giờ đóng', path: ['to'] });

const dayPeriodsSchema = z
  .array(periodSchema)
  .max(MAX_PERIODS_PER_DAY, `Mỗi ngày tối đa ${MAX_PERIODS_PER_DAY} khoảng giờ`)
  .superRefine((periods, ctx) => {
    for (let i = 1; i < periods.length; i += 1) {
      const before = periods[i - 1];
      const period = periods[i];
      if (before !== undefined && period !== undefined && minutesOf(period.from) < minutesOf(before.to)) {
        ctx.addIssue({ code: 'custom', message: 'Các khoảng giờ phải theo thứ tự sáng → chiều và không chồng lên nhau', path: [i, 'from'] });
      }
    }
  });

export const holidaySchema = z.strictObject({
  date: z.iso.date({ error: 'Ngày nghỉ phải là ngày có thật, dạng YYYY-MM-DD' }),
  name: z.string({ error: 'Tên ngày nghỉ không được để trống' }).trim().min(1, 'Tên ngày nghỉ không được để trống').max(80, 'Tên ngày nghỉ tối đa 80 ký tự'),
});

export const holidayListSchema = z
  .array(holidaySchema)
  .max(MAX_HOLIDAYS, `Tối đa ${MAX_HOLIDAYS} ngày nghỉ`)
  .superRefine((holidays, ctx) => {
    const seen = new Set<string>();
    holidays.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', message: `Ngày nghỉ bị trùng: ${h.date}`, path: [i, 'date'] });
      seen.add(h.date);
    });
  });

// Monday first, as defaultOpeningHours: a parsed value keeps the schema's key order, and the
// settings audit compares JSON text (a reordered but equal week must not read as a change).
const weekShape = Object.fromEntries(weekFromMonday.map((k) => [k, dayPeriodsSchema])) as Record<WeekdayKey, typeof dayPeriodsSchema>;

export const openingHoursSchema = z.strictObject({
  week: z.strictObject(weekShape),
  holidays: holidayListSchema,
}) satisfies z.ZodType<OpeningHours>;

/**
 * Monday–Friday 07:00–11:30 and 13:00–17:00, no holidays. DOMAIN.md: offices commonly open
 * "about 7:00/7:30–11:30 and 13:00/13:30–17:00". The wider of the two common variants, because
 * the two mistakes are not equal: an office that opens at 7:00 told by its own kiosk that it is
 * closed (and its ratings flagged) until 7:30 is worse than a kiosk that offers the faces half an
 * hour early where nobody is there yet. Saturday mornings and holidays are for IT to add.
 */
export const defaultOpeningHours: OpeningHours = {
  week: {
    mon: [
      { from: '07:00', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ],
    tue: [
      { from: '07:00', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ],
    wed: [
      { from: '07:00', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ],
    thu: [
      { from: '07:00', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ],
    fri: [
      { from: '07:00', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ],
    sat: [],
    sun: [],
  },
  holidays: [],
};
