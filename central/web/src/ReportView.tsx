// "Báo cáo" (issue 16): the monthly .xlsx for a chosen month and unit, a plain link to
// GET /api/v1/reports/monthly.xlsx (the browser sends the session cookie and saves the file;
// central checks the unit against the account's scope). A province admin picks any unit of the
// directory or the whole province; a unit viewer one of their own units.
import { useEffect, useState } from 'react';
import type { SessionAccount } from '../../../shared/central-accounts';
import type { DirectoryUnit } from '../../../shared/central-directory';
import { monthlyReportPath, type CentralApi } from './central-api';
import { dashboardText as t } from './dashboard-text';
import { MonthlyPrintView } from './MonthlyPrintView';
import { printText } from './print-text';

const flatten = (units: DirectoryUnit[], depth = 0): { code: string; name: string }[] =>
  units.flatMap((u) => [{ code: u.code, name: `${'\u00a0\u00a0'.repeat(depth)}${u.name} (${u.code})` }, ...flatten(u.units, depth + 1)]);

export interface ReportViewProps {
  account: SessionAccount;
  directory: CentralApi['directory'];
  month: string;
  /** The figures route, for "Xem bản in" (absent: only the .xlsx). */
  dashboard?: CentralApi['dashboard'];
  onSignInRequired?: () => void;
}

export function ReportView({ account, directory, month: initialMonth, dashboard, onSignInRequired = () => undefined }: ReportViewProps) {
  const [printing, setPrinting] = useState(false);
  // The "below target" rate in percent, as the .xlsx's default (reportQuerySchema below=0.8).
  const [belowPercent, setBelowPercent] = useState(80);
  const admin = account.role === 'province-admin';
  const [month, setMonth] = useState(initialMonth);
  const [unit, setUnit] = useState<string | null>(admin ? null : (account.units[0] ?? null));
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
  if (printing && dashboard !== undefined)
    return <MonthlyPrintView month={month} unit={unit} below={belowPercent / 100} dashboard={dashboard} onSignInRequired={onSignInRequired} onClose={() => setPrinting(false)} />;
  return (
    <section className="report" aria-labelledby="report-title">
      <h2 id="report-title">{t.reportTitle}</h2>
      <div className="report-form">
        <label htmlFor="report-month">
          {t.reportMonth}
          <input id="report-month" type="month" value={month} required onChange={(e) => e.target.value !== '' && setMonth(e.target.value)} />
        </label>
        <label htmlFor="report-unit">
          {t.reportUnit}
          <select id="report-unit" value={unit ?? ''} onChange={(e) => setUnit(e.target.value === '' ? null : e.target.value)}>
            {admin && <option value="">{t.wholeProvince}</option>}
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <a className="button-link" href={monthlyReportPath(month, unit)} download>
          {t.download}
        </a>
        {dashboard !== undefined && (
          <>
            <label htmlFor="report-below">
              {printText.below}
              <input id="report-below" type="number" min={0} max={100} step={1} value={belowPercent} onChange={(e) => e.target.value !== '' && setBelowPercent(Math.min(100, Math.max(0, Number(e.target.value))))} />
            </label>
            <button type="button" onClick={() => setPrinting(true)}>
              {printText.open}
            </button>
          </>
        )}
      </div>
      <p className="muted">{t.reportNote}</p>
    </section>
  );
}
