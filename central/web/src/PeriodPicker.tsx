// The dashboard's period (issue 16): day, week, month, quarter, year (the one holding a chosen day,
// shared/central-dashboard.ts dashboardRange) or custom from/to; this month by default. Kept by the
// frame, so moving between views keeps the period.
import { dashboardPeriodLabels, dashboardPeriods, dashboardRange, type DashboardPeriod } from '../../../shared/central-dashboard';
import type { DayRange } from '../../../shared/periods';
import { dashboardText as t, formatDay } from './dashboard-text';

export interface PeriodChoice {
  period: DashboardPeriod;
  /** The day whose period is shown (not custom). */
  day: string;
  /** Custom range. */
  from: string;
  to: string;
  includeFlagged: boolean;
}

export const defaultPeriodChoice = (today: string): PeriodChoice => ({ period: 'month', day: today, from: today, to: today, includeFlagged: false });

/** The range asked of central; a custom range typed backwards is put in order rather than refused. */
export function rangeOf(choice: PeriodChoice): DayRange {
  if (choice.period !== 'custom') return dashboardRange(choice.period, choice.day);
  return choice.from <= choice.to ? { from: choice.from, to: choice.to } : { from: choice.to, to: choice.from };
}

export function PeriodPicker({ choice, onChange }: { choice: PeriodChoice; onChange: (choice: PeriodChoice) => void }) {
  const range = rangeOf(choice);
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...choice, ...patch });
  const dateInput = (id: string, label: string, value: string, key: 'day' | 'from' | 'to') => (
    <label htmlFor={id}>
      {label}
      <input id={id} type="date" value={value} required onChange={(e) => e.target.value !== '' && set({ [key]: e.target.value })} />
    </label>
  );
  return (
    <fieldset className="period-picker">
      <legend>{t.period}</legend>
      <div className="period-buttons" role="group" aria-label={t.period}>
        {dashboardPeriods.map((p) => (
          <button key={p} type="button" aria-pressed={choice.period === p} onClick={() => set({ period: p, ...(p === 'custom' ? { from: range.from, to: range.to } : {}) })}>
            {dashboardPeriodLabels[p]}
          </button>
        ))}
      </div>
      <div className="period-days">
        {choice.period === 'custom' ? (
          <>
            {dateInput('period-from', t.from, choice.from, 'from')}
            {dateInput('period-to', t.to, choice.to, 'to')}
          </>
        ) : (
          dateInput('period-day', t.day, choice.day, 'day')
        )}
        <span className="period-range" data-testid="period-range">
          {formatDay(range.from)} – {formatDay(range.to)}
        </span>
        <label className="include-flagged" htmlFor="include-flagged">
          <input id="include-flagged" type="checkbox" checked={choice.includeFlagged} onChange={(e) => set({ includeFlagged: e.target.checked })} />
          {t.includeFlagged}
        </label>
      </div>
    </fieldset>
  );
}
