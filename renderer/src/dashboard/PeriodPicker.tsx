// The period presets (today, yesterday, this/last week, this/last month, this quarter) and a
// custom range. Weeks start on Monday; "today" is the kiosk's local day.
import { useId } from 'react';
import { dayRangeSchema, periodLabels, periodPresets, presetRange, type DayRange, type PeriodPreset } from '../../../shared/periods';

export type Period = { preset: PeriodPreset } | { preset: 'custom'; range: DayRange };

/** The range a period names; a custom range may be invalid (from after to): check with dayRangeSchema. */
export function periodRange(period: Period, today: string): DayRange {
  return period.preset === 'custom' ? period.range : presetRange(period.preset, today);
}

export function PeriodPicker({ value, onChange, today }: { value: Period; onChange: (period: Period) => void; today: string }) {
  const id = useId();
  const range = periodRange(value, today);
  const invalid = value.preset === 'custom' && !dayRangeSchema.safeParse(range).success;
  const setCustom = (patch: Partial<DayRange>) => onChange({ preset: 'custom', range: { ...range, ...patch } });
  return (
    <div className="period-picker">
      <div className="period-presets" role="group" aria-label="Khoảng thời gian">
        {[...periodPresets, 'custom' as const].map((preset) => (
          <button
            key={preset}
            type="button"
            className="period-button"
            aria-pressed={value.preset === preset}
            onClick={() => onChange(preset === 'custom' ? { preset, range } : { preset })}
          >
            {periodLabels[preset]}
          </button>
        ))}
      </div>
      {value.preset === 'custom' && (
        <div className="period-custom">
          <label htmlFor={`${id}-from`}>Từ ngày</label>
          <input
            id={`${id}-from`}
            className="form-input form-input--date"
            type="date"
            value={range.from}
            max={today}
            onChange={(e) => e.target.value !== '' && setCustom({ from: e.target.value })}
          />
          <label htmlFor={`${id}-to`}>Đến ngày</label>
          <input
            id={`${id}-to`}
            className="form-input form-input--date"
            type="date"
            value={range.to}
            max={today}
            onChange={(e) => e.target.value !== '' && setCustom({ to: e.target.value })}
          />
          {invalid && (
            <p className="form-error" role="alert">
              Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
