// "Báo cáo" (issue 16): the report of a month, a quarter or a year for a chosen unit (or the
// province). The .xlsx is a plain link to GET /api/v1/reports/monthly.xlsx?month=&period=&unit= (the
// browser sends the session cookie and saves the file; central checks the unit against the
// account's scope); "Xem bản in" opens the same figures as pages to print (MonthlyPrintView). A
// province admin picks any unit of the directory or the whole province; a unit viewer one of their
// own units. The choice is the page's address (view-address.ts), so a reload keeps it.
import { useEffect, useState } from 'react';
import type { SessionAccount } from '../../../shared/central-accounts';
import type { DirectoryUnit } from '../../../shared/central-directory';
import { reportPeriods, reportRange, type ReportPeriod } from '../../../shared/central-dashboard';
import { monthlyReportPath, type CentralApi } from './central-api';
import { dashboardText as t, formatDay } from './dashboard-text';
import { MonthlyPrintView } from './MonthlyPrintView';
import { printText, reportPeriodText } from './print-text';
import type { ReportChoice } from './view-address';

const flatten = (units: DirectoryUnit[], depth = 0): { code: string; name: string }[] =>
  units.flatMap((u) => [{ code: u.code, name: `${'\u00a0\u00a0'.repeat(depth)}${u.name} (${u.code})` }, ...flatten(u.units, depth + 1)]);

const quarterNames = ['I', 'II', 'III', 'IV'] as const;
/** The month a quarter's or year's choice stands for: its first. */
const firstMonth = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

export interface ReportViewProps {
  account: SessionAccount;
  directory: CentralApi['directory'];
  choice: ReportChoice;
  /** `push`: a step Back can undo (opening or closing the printable pages); `replace`: an edit of the form. */
  onChange: (choice: ReportChoice, how: 'push' | 'replace') => void;
  /** The figures route, for "Xem bản in" (absent: only the .xlsx). */
  dashboard?: CentralApi['dashboard'];
  onSignInRequired?: () => void;
}

export function ReportView({ account, directory, choice, onChange, dashboard, onSignInRequired = () => undefined }: ReportViewProps) {
  const admin = account.role === 'province-admin';
  const [units, setUnits] = useState<{ code: string; name: string }[]>(admin ? [] : account.units.map((code) => ({ code, name: code })));
  useEffect(() => {
    if (!admin) return;
    let live = true;
    void directory().then((outcome) => {
      if (live && outcome.ok) setUnits(flatten(outcome.value.units));
    });
    return () => {
      live = false;
    };
  }, [admin, directory]);
  const set = (patch: Partial<ReportChoice>, how: 'push' | 'replace' = 'replace') => onChange({ ...choice, ...patch }, how);
  const year = Number(choice.month.slice(0, 4));
  const monthNumber = Number(choice.month.slice(5, 7));
  const quarter = Math.floor((monthNumber - 1) / 3);
  const range = reportRange(choice);
  if (choice.print && dashboard !== undefined)
    return (
      <MonthlyPrintView
        month={choice.month}
        period={choice.period}
        unit={choice.unit}
        below={choice.belowPercent / 100}
        dashboard={dashboard}
        onSignInRequired={onSignInRequired}
        onClose={() => set({ print: false }, 'push')}
      />
    );
  const yearInput = (
    <label htmlFor="report-year">
      {printText.year}
      <input id="report-year" type="number" min={2000} max={2999} step={1} value={year} required onChange={(e) => {
        const y = Number(e.target.value);
        if (Number.isInteger(y) && y >= 2000 && y <= 2999) set({ month: firstMonth(y, choice.period === 'year' ? 1 : quarter * 3 + 1) });
      }} />
    </label>
  );
  return (
    <section className="report" aria-labelledby="report-title">
      <h2 id="report-title">{t.reportTitle}</h2>
      <div className="report-form">
        {/* A select outside its label: inside, its options would join the label's name. */}
        <span className="field">
          <label htmlFor="report-period">{printText.period}</label>
          <select id="report-period" value={choice.period} onChange={(e) => {
            const period = e.target.value as ReportPeriod;
            // A quarter or a year starts from the one holding the chosen month.
            set({ period, month: period === 'year' ? firstMonth(year, 1) : period === 'quarter' ? firstMonth(year, quarter * 3 + 1) : choice.month });
          }}>
            {reportPeriods.map((p) => (
              <option key={p} value={p}>
                {reportPeriodText[p]}
              </option>
            ))}
          </select>
        </span>
        {choice.period === 'month' && (
          <label htmlFor="report-month">
            {t.reportMonth}
            <input id="report-month" type="month" value={choice.month} required onChange={(e) => e.target.value !== '' && set({ month: e.target.value })} />
          </label>
        )}
        {choice.period === 'quarter' && (
          <span className="field">
            <label htmlFor="report-quarter">{printText.quarter}</label>
            <select id="report-quarter" value={quarter} onChange={(e) => set({ month: firstMonth(year, Number(e.target.value) * 3 + 1) })}>
              {quarterNames.map((name, i) => (
                <option key={name} value={i}>
                  {name}
                </option>
              ))}
            </select>
          </span>
        )}
        {choice.period !== 'month' && yearInput}
        <label htmlFor="report-unit">
          {t.reportUnit}
          <select id="report-unit" value={choice.unit ?? ''} onChange={(e) => set({ unit: e.target.value === '' ? null : e.target.value })}>
            {admin && <option value="">{t.wholeProvince}</option>}
            {choice.unit !== null && !units.some((u) => u.code === choice.unit) && <option value={choice.unit}>{choice.unit}</option>}
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <a className="button-link" href={monthlyReportPath(choice.month, choice.unit, choice.period, choice.belowPercent / 100)} download>
          {t.download}
        </a>
        {dashboard !== undefined && (
          <>
            <label htmlFor="report-below">
              {printText.below}
              <input id="report-below" type="number" min={0} max={100} step={1} value={choice.belowPercent} onChange={(e) => e.target.value !== '' && set({ belowPercent: Math.round(Math.min(100, Math.max(0, Number(e.target.value)))) })} />
            </label>
            <button type="button" onClick={() => set({ print: true }, 'push')}>
              {printText.open}
            </button>
          </>
        )}
      </div>
      <p className="muted" data-testid="report-range">
        {printText.reportOf(choice.month, choice.period)} ({formatDay(range.from)} – {formatDay(range.to)})
      </p>
      <p className="muted">{t.reportNote}</p>
    </section>
  );
}
