// "Giờ làm việc" on the setup screen (issue 15): per weekday its periods (a morning and an
// afternoon, the gap between them the lunch break; up to three) or "Nghỉ", and the holiday list.
// Checked with the same schema as the backend, provisioning and office files (shared/opening-hours.ts):
// each period's and holiday's own Vietnamese message beside it.
import { defaultOpeningHours, MAX_HOLIDAYS, MAX_PERIODS_PER_DAY } from '../../../shared/opening-hours';
import { weekFromMonday, type OpeningHours, type WeekdayKey } from '../../../shared/opening-hours-rule';
import type { FieldErrors } from './settings-form';
import { fieldElementId } from './SettingsErrorSummary';

export const weekdayNames: Record<WeekdayKey, string> = { mon: 'Thứ Hai', tue: 'Thứ Ba', wed: 'Thứ Tư', thu: 'Thứ Năm', fri: 'Thứ Sáu', sat: 'Thứ Bảy', sun: 'Chủ nhật' };
const partNames = ['Buổi sáng', 'Buổi chiều', 'Buổi tối'];

/** What the error summary calls a cell of the hours: "Giờ làm việc – Thứ Hai, buổi chiều". */
export function openingHoursFieldName(key: string): string {
  const [, list, a, b] = key.split('.');
  if (list === 'week' && a !== undefined && a in weekdayNames) {
    const day = weekdayNames[a as WeekdayKey];
    return b === undefined ? `Giờ làm việc – ${day}` : `Giờ làm việc – ${day}, ${(partNames[Number(b)] ?? `khoảng ${Number(b) + 1}`).toLowerCase()}`;
  }
  if (list === 'holidays' && a !== undefined && /^\d+$/.test(a)) return `Ngày nghỉ dòng ${Number(a) + 1}`;
  return list === 'holidays' ? 'Ngày nghỉ' : 'Giờ làm việc';
}

export function OpeningHoursFieldset({ idPrefix, hours, errors, onChange }: { idPrefix: string; hours: OpeningHours; errors: FieldErrors; onChange: (hours: OpeningHours) => void }) {
  const setDay = (day: WeekdayKey, periods: OpeningHours['week'][WeekdayKey]) => onChange({ ...hours, week: { ...hours.week, [day]: periods } });
  const setHolidays = (holidays: OpeningHours['holidays']) => onChange({ ...hours, holidays });
  const key = (...parts: (string | number)[]) => ['openingHours', ...parts].join('.');
  const timeInput = (day: WeekdayKey, i: number, edge: 'from' | 'to', label: string) => {
    const k = key('week', day, i, edge);
    const period = hours.week[day][i];
    return (
      <input
        id={fieldElementId(idPrefix, k)}
        className="form-input it-input--time"
        aria-label={label}
        value={period?.[edge] ?? ''}
        placeholder={edge === 'from' ? '07:00' : '11:30'}
        inputMode="numeric"
        maxLength={5}
        autoComplete="off"
        aria-invalid={errors[k] !== undefined}
        onChange={(e) => setDay(day, hours.week[day].map((p, j) => (j === i ? { ...p, [edge]: e.target.value.trim() } : p)))}
      />
    );
  };
  return (
    <fieldset className="it-fieldset it-hours" id={fieldElementId(idPrefix, 'openingHours')}>
      <legend>Giờ làm việc</legend>
      <p className="form-hint">
        Ngoài giờ làm việc, màn hình người dân hiện giờ làm việc và một nút “Đánh giá” nhỏ hơn; đánh giá khi đó vẫn được tính, có ghi chú “Ngoài giờ làm việc”. Giờ theo múi giờ của máy, dạng HH:MM; khoảng giờ tính từ giờ mở đến trước giờ đóng. Nghỉ trưa là
        khoảng trống giữa buổi sáng và buổi chiều. Ngày không có khoảng giờ nào là ngày nghỉ.
      </p>
      <table className="staff-table it-hours-week">
        <thead>
          <tr>
            <th scope="col">Ngày</th>
            <th scope="col">Khoảng giờ làm việc</th>
          </tr>
        </thead>
        <tbody>
          {weekFromMonday.map((day) => {
            const periods = hours.week[day];
            const problems = [errors[key('week', day)], ...periods.flatMap((_, i) => [errors[key('week', day, i, 'from')], errors[key('week', day, i, 'to')]])].filter((m) => m !== undefined);
            return (
              <tr key={day}>
                <th scope="row">{weekdayNames[day]}</th>
                <td>
                  <div className="it-hours-periods">
                    {periods.length === 0 && <span className="it-hours-closed">Nghỉ</span>}
                    {periods.map((_, i) => {
                      const part = partNames[i] ?? `Khoảng ${i + 1}`;
                      return (
                        <span className="it-hours-period" key={i}>
                          <span className="it-hours-part">{part}</span>
                          {timeInput(day, i, 'from', `${weekdayNames[day]}, ${part.toLowerCase()}: giờ mở`)}
                          <span aria-hidden="true">–</span>
                          {timeInput(day, i, 'to', `${weekdayNames[day]}, ${part.toLowerCase()}: giờ đóng`)}
                          <button type="button" className="staff-button" aria-label={`Xóa ${part.toLowerCase()} ${weekdayNames[day]}`} onClick={() => setDay(day, periods.filter((_p, j) => j !== i))}>
                            Xóa
                          </button>
                        </span>
                      );
                    })}
                    {periods.length < MAX_PERIODS_PER_DAY && (
                      <button
                        type="button"
                        className="staff-button"
                        aria-label={`Thêm khoảng giờ ${weekdayNames[day]}`}
                        onClick={() => setDay(day, [...periods, periods.length === 0 ? { from: '07:00', to: '11:30' } : { from: '13:00', to: '17:00' }])}
                      >
                        + Thêm khoảng giờ
                      </button>
                    )}
                  </div>
                  {problems.map((m) => (
                    <p className="form-error" key={m}>
                      {m}
                    </p>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="staff-button" onClick={() => onChange({ ...hours, week: defaultOpeningHours.week })}>
          Dùng giờ hành chính thường gặp (Thứ Hai – Thứ Sáu)
        </button>
      </div>

      <h4 className="it-hours-subtitle">Ngày nghỉ lễ</h4>
      <p className="form-hint">Nghỉ cả ngày (từ 0:00 đến 24:00), ví dụ Tết, 30/4, 1/5, 2/9, Giỗ Tổ Hùng Vương. Tối đa {MAX_HOLIDAYS} ngày.</p>
      {hours.holidays.length > 0 && (
        <table className="staff-table it-hours-holidays">
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Tên ngày nghỉ</th>
              <th scope="col">
                <span className="visually-hidden">Xóa</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hours.holidays.map((h, i) => {
              const problem = errors[key('holidays', i, 'date')] ?? errors[key('holidays', i, 'name')];
              const update = (patch: Partial<typeof h>) => setHolidays(hours.holidays.map((x, j) => (j === i ? { ...x, ...patch } : x)));
              return (
                <tr key={i}>
                  <td>
                    <input id={fieldElementId(idPrefix, key('holidays', i, 'date'))} type="date" className="form-input" aria-label={`Ngày nghỉ dòng ${i + 1}`} value={h.date} aria-invalid={errors[key('holidays', i, 'date')] !== undefined} onChange={(e) => update({ date: e.target.value })} />
                  </td>
                  <td>
                    <input id={fieldElementId(idPrefix, key('holidays', i, 'name'))} className="form-input" aria-label={`Tên ngày nghỉ dòng ${i + 1}`} value={h.name} maxLength={80} aria-invalid={errors[key('holidays', i, 'name')] !== undefined} onChange={(e) => update({ name: e.target.value })} />
                    {problem !== undefined && <p className="form-error">{problem}</p>}
                  </td>
                  <td>
                    <button type="button" className="staff-button" aria-label={`Xóa ngày nghỉ dòng ${i + 1}`} onClick={() => setHolidays(hours.holidays.filter((_h, j) => j !== i))}>
                      Xóa
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {errors[key('holidays')] !== undefined && <p className="form-error">{errors[key('holidays')]}</p>}
      {hours.holidays.length < MAX_HOLIDAYS && (
        <button type="button" className="staff-button" onClick={() => setHolidays([...hours.holidays, { date: '', name: '' }])}>
          + Thêm ngày nghỉ
        </button>
      )}
    </fieldset>
  );
}
