// "Xem bản in" (issue 16): the monthly, quarterly or yearly report of a unit (or the province) as
// pages to print, built from the same figures route as the dashboard (GET /api/v1/dashboard/… over
// the period's local days, parsed with dashboardFiguresSchema; central compares a quarter or year
// with the one before it). One page per unit: the chosen subject first, then each
// of its child units. The print stylesheet (central-web.css, @media print) hides the frame and the
// buttons and breaks the page between units; no inline style or script, under the page's CSP.
import { useEffect, useState } from 'react';
import { reportRange, type DashboardFigures, type ReportPeriod } from '../../../shared/central-dashboard';
import type { CentralApi, DashboardSubject } from './central-api';
import { FiguresRows } from './FiguresRows';
import { officeNameOf } from './place-names';
import { comparisonText, dashboardText as t, formatCount, formatDay, formatRate } from './dashboard-text';
import { text } from './central-web-text';
import { printText as p } from './print-text';

type State = { kind: 'loading' } | { kind: 'ready'; pages: DashboardFigures[] } | { kind: 'failed' };

export interface MonthlyPrintViewProps {
  /** YYYY-MM: the month, or one month of the quarter or year. */
  month: string;
  /** The month (default), or the quarter or year holding it. */
  period?: ReportPeriod;
  /** A unit code, or null for the province. */
  unit: string | null;
  /** Units with a rate below this (0–1) are listed on their parent's page. */
  below: number;
  dashboard: CentralApi['dashboard'];
  onSignInRequired: () => void;
  onClose: () => void;
  /** window.print in the browser; injected so tests see the call. */
  print?: () => void;
}

/** The subject's figures, then each child unit's (the ones with a code: "not yet placed" has none). */
async function loadPages(dashboard: CentralApi['dashboard'], subject: DashboardSubject, month: string, period: ReportPeriod): Promise<{ pages: DashboardFigures[] } | { signIn: true } | null> {
  const range = reportRange({ month, period });
  const query = { from: range.from, to: range.to, includeFlagged: false };
  const first = await dashboard(subject, query);
  if (!first.ok) return first.refusal?.code === 'SIGN_IN_REQUIRED' ? { signIn: true } : null;
  const children = await Promise.all(first.value.units.filter((u) => u.code !== '').map((u) => dashboard({ kind: 'unit', code: u.code }, query)));
  const pages = [first.value];
  for (const child of children) {
    if (!child.ok) return child.refusal?.code === 'SIGN_IN_REQUIRED' ? { signIn: true } : null;
    pages.push(child.value);
  }
  return { pages };
}

function PrintTable({ caption, head, rows, testId }: { caption: string; head: string[]; rows: string[][]; testId: string }) {
  // An empty section still says so on paper: a reader can tell "none" from "left out".
  if (rows.length === 0)
    return (
      <p className="print-note" data-testid={testId}>
        <strong>{caption}:</strong> {t.nothing}
      </p>
    );
  return (
    <table className="print-table" data-testid={testId}>
      <caption>{caption}</caption>
      <FiguresRows head={head} rows={rows} />
    </table>
  );
}

function PrintPage({ f, month, period, below }: { f: DashboardFigures; month: string; period: ReportPeriod; below: number }) {
  const lowUnits = f.units.filter((u) => u.satisfactionRate !== null && u.satisfactionRate < below);
  return (
    <article className="print-page" data-testid="print-page" aria-labelledby={`print-${f.subject.code ?? 'province'}`}>
      <header className="print-head">
        <p>{p.reportOf(month, period)}</p>
        <h2 id={`print-${f.subject.code ?? 'province'}`} data-testid="print-subject">
          {f.subject.name}
        </h2>
        <p>
          {formatDay(f.range.from)} – {formatDay(f.range.to)}
        </p>
      </header>
      <dl className="print-summary" data-testid="print-summary">
        <div>
          <dt>{t.rate}</dt>
          <dd data-testid="print-rate">{formatRate(f.satisfactionRate, f.total)}</dd>
        </div>
        <div>
          <dt>{t.total}</dt>
          <dd data-testid="print-total">{formatCount(f.total)}</dd>
        </div>
        <div>
          <dt>{t.satisfied}</dt>
          <dd data-testid="print-satisfied">{formatCount(f.satisfied)}</dd>
        </div>
        <div>
          <dt>
            {t.previous} ({formatDay(f.previous.range.from)} – {formatDay(f.previous.range.to)})
          </dt>
          <dd data-testid="print-previous">
            {formatRate(f.previous.satisfactionRate, f.previous.total)} · {formatCount(f.previous.total)} lượt. {comparisonText(f.satisfactionRate, f.previous.satisfactionRate)}
          </dd>
        </div>
      </dl>
      {f.excludedFlaggedCount > 0 && <p>{t.flaggedAside(f.suspectedCount, f.excludedFlaggedCount)}</p>}
      {f.byScale.map((scale) => (
        <PrintTable
          key={scale.scale}
          testId={`print-levels-${scale.scale}`}
          caption={f.byScale.length > 1 ? `${t.byLevel} (${scale.scale})` : t.byLevel}
          head={[t.level, t.count, t.share]}
          rows={scale.levels.map((l) => [l.label, formatCount(l.count), formatRate(l.share, scale.total)])}
        />
      ))}
      {f.subject.kind === 'unit' && (
        <>
          <PrintTable
            testId="print-officers"
            caption={t.officers}
            head={[t.officer, t.office, t.count, t.rate]}
            rows={f.byOfficer.map((o) => [o.title === '' ? o.name : `${o.name} (${o.title})`, officeNameOf(f, o.officeCode), formatCount(o.total), formatRate(o.satisfactionRate, o.total)])}
          />
          {f.byOfficer.length > 0 && <p className="print-note">{t.minimumNote(f.officerMinimumRatings)}</p>}
        </>
      )}
      <PrintTable testId="print-service-areas" caption={t.serviceAreas} head={[t.serviceArea, t.count, t.rate]} rows={f.byServiceArea.map((a) => [a.name, formatCount(a.total), formatRate(a.satisfactionRate, a.total)])} />
      <PrintTable testId="print-factors" caption={t.factors} head={[t.factor, t.times, t.share]} rows={f.byFactor.map((x) => [x.name, formatCount(x.count), formatRate(x.share, x.count)])} />
      {f.units.length > 0 && (
        <section className="print-below" data-testid="print-below">
          <h3>{p.belowTitle(below)}</h3>
          {lowUnits.length === 0 ? <p>{p.noneBelow}</p> : (
            <ul>
              {lowUnits.map((u) => (
                <li key={u.code}>
                  {u.name}: {formatRate(u.satisfactionRate, u.total)} ({formatCount(u.total)} lượt)
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </article>
  );
}

export function MonthlyPrintView({ month, period = 'month', unit, below, dashboard, onSignInRequired, onClose, print = () => window.print() }: MonthlyPrintViewProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    // Period and unit are fixed while the view is open (it is mounted anew from "Báo cáo").
    let live = true;
    void loadPages(dashboard, unit === null ? { kind: 'province' } : { kind: 'unit', code: unit }, month, period).then((outcome) => {
      if (!live) return;
      if (outcome === null) setState({ kind: 'failed' });
      else if ('signIn' in outcome) onSignInRequired();
      else setState({ kind: 'ready', pages: outcome.pages });
    });
    return () => {
      live = false;
    };
  }, [dashboard, unit, month, period, onSignInRequired]);
  return (
    <section className="print-view" aria-label={p.title}>
      <div className="print-toolbar no-print">
        <button type="button" onClick={print} disabled={state.kind !== 'ready'}>
          {p.print}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {p.back}
        </button>
        <span className="muted">{p.hint}</span>
      </div>
      {state.kind === 'loading' && <p aria-live="polite">{text.loading}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="problem">
          {p.failed}
        </p>
      )}
      {state.kind === 'ready' && (
        <div className="print-report" data-testid="print-report">
          {state.pages.map((f) => (
            <PrintPage key={f.subject.code ?? 'province'} f={f} month={month} period={period} below={below} />
          ))}
        </div>
      )}
    </section>
  );
}
