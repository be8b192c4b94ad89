// One dashboard view (issue 16): the figures central answers for the province, a unit or an
// officer (GET /api/v1/dashboard/…, parsed with dashboardFiguresSchema in central-api.ts) over the
// chosen range: the rate, counts per level, the previous period, misuse-flagged ratings counted
// aside, child units lowest rate first, officers (rate only from the minimum on: central withholds
// it below), service areas and reasons by survey factor. Bars in tables are <meter>s; the trend and
// the hourly pattern are the kiosk's recharts charts (DashboardCharts.tsx), whose styles React sets
// through the CSSOM (allowed under the page's CSP, shared/content-security-policy.ts).
import { useEffect, useState } from 'react';
import { dashboardRefusalCodes, dashboardRefusalMessages, type DashboardFigures, type DashboardRefusalCode } from '../../../shared/central-dashboard';
import type { DayRange } from '../../../shared/periods';
import type { CentralApi, DashboardSubject } from './central-api';
import { FiguresRows } from './FiguresRows';
import { officeNameOf, officerPlaceOf } from './place-names';
import { HourlySection, TrendSection } from './DashboardCharts';
import { comparisonText, dashboardText as t, formatCount, formatDay, formatRate } from './dashboard-text';
import { text } from './central-web-text';
import { signInRefusalText, UNREACHABLE_TEXT, type Refusal } from './refusal-text';

/** A refusal of the dashboard routes in the page's words: their own codes (shared), else the accounts' (FORBIDDEN…). */
function refusalText(refusal: Refusal | null): string {
  if (refusal === null) return UNREACHABLE_TEXT;
  if ((dashboardRefusalCodes as readonly string[]).includes(refusal.code)) return dashboardRefusalMessages[refusal.code as DashboardRefusalCode];
  return signInRefusalText(refusal, new Date());
}

/** An answer, with the request it answers: a view whose request changed shows "loading" until its own answer comes. */
type State = { kind: 'loading' } | { kind: 'ready'; request: string; figures: DashboardFigures } | { kind: 'failed'; request: string; message: string };

export interface DashboardViewProps {
  subject: DashboardSubject;
  range: DayRange;
  includeFlagged: boolean;
  dashboard: CentralApi['dashboard'];
  onSignInRequired: () => void;
  onOpenUnit?: (code: string) => void;
  onOpenOfficer?: (deviceId: string, officerId: string) => void;
}

/** A rate (judged: the bar goes amber, then red, as the satisfaction rate falls) or a plain share. */
const Rate = ({ rate, total, judged = true }: { rate: number | null; total: number; judged?: boolean }) => (
  <span className="rate-cell">
    {rate !== null && (judged ? <meter min={0} max={1} low={0.7} high={0.85} optimum={1} value={rate} aria-hidden="true" /> : <meter className="share" min={0} max={1} value={rate} aria-hidden="true" />)}
    <span>{formatRate(rate, total)}</span>
  </span>
);

function Table({ caption, head, rows, testId }: { caption: string; head: string[]; rows: React.ReactNode[][]; testId: string }) {
  return (
    <section className="figures-table">
      <h2>{caption}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t.nothing}</p>
      ) : (
        <table data-testid={testId}>
          <FiguresRows head={head} rows={rows} />
        </table>
      )}
    </section>
  );
}

export function DashboardView({ subject, range, includeFlagged, dashboard, onSignInRequired, onOpenUnit, onOpenOfficer }: DashboardViewProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const subjectKey = JSON.stringify(subject);
  const request = `${subjectKey} ${range.from} ${range.to} ${includeFlagged}`;
  useEffect(() => {
    let live = true;
    void dashboard(JSON.parse(subjectKey) as DashboardSubject, { from: range.from, to: range.to, includeFlagged }).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setState({ kind: 'ready', request, figures: outcome.value });
      else if (outcome.refusal?.code === 'SIGN_IN_REQUIRED') onSignInRequired();
      else setState({ kind: 'failed', request, message: refusalText(outcome.refusal) });
    });
    return () => {
      live = false;
    };
  }, [dashboard, subjectKey, request, range.from, range.to, includeFlagged, onSignInRequired]);

  if (state.kind === 'loading' || state.request !== request) return <p aria-live="polite">{text.loading}</p>;
  if (state.kind === 'failed') return <p role="alert" className="problem">{state.message}</p>;
  const f = state.figures;
  const link = (label: string, onClick: (() => void) | undefined) =>
    onClick === undefined ? label : (
      <button type="button" className="link" onClick={onClick}>
        {label}
      </button>
    );
  return (
    <div className="dashboard" data-testid="dashboard">
      <h2 className="subject-name" data-testid="subject-name">
        {f.subject.name}
      </h2>
      {f.subject.limitedToUnits !== null && (
        <p className="muted" data-testid="limited-to">
          {t.limitedTo(f.subject.limitedToUnits.map((code) => f.units.find((u) => u.code === code)?.name ?? code))}
        </p>
      )}
      {f.subject.kind === 'officer' && officerPlaceOf(f) !== null && (
        <p className="muted" data-testid="officer-place">
          {officerPlaceOf(f)}
        </p>
      )}
      <div className="headline">
        <div className="big-figure">
          <span className="label">{t.rate}</span>
          <span className="value" data-testid="satisfaction-rate">
            {formatRate(f.satisfactionRate, f.total)}
          </span>
        </div>
        <div className="big-figure">
          <span className="label">{t.total}</span>
          <span className="value" data-testid="total">
            {formatCount(f.total)}
          </span>
        </div>
        <div className="big-figure">
          <span className="label">{t.satisfied}</span>
          <span className="value" data-testid="satisfied">
            {formatCount(f.satisfied)}
          </span>
        </div>
        <div className="big-figure previous" data-testid="previous">
          <span className="label">
            {t.previous} ({formatDay(f.previous.range.from)} – {formatDay(f.previous.range.to)})
          </span>
          <span className="value small">
            {formatRate(f.previous.satisfactionRate, f.previous.total)} · {formatCount(f.previous.total)} lượt
          </span>
          <span className="delta">{comparisonText(f.satisfactionRate, f.previous.satisfactionRate)}</span>
        </div>
      </div>
      {f.suspectedCount > 0 && (
        <p className="notice" data-testid="flagged-aside">
          {t.flaggedAside(f.suspectedCount, f.excludedFlaggedCount)}
        </p>
      )}
      {f.total > 0 && (
        <div className="charts">
          <TrendSection figures={f} />
          {f.subject.kind === 'unit' && <HourlySection figures={f} />}
        </div>
      )}
      {f.byScale.map((scale) => (
        <Table
          key={scale.scale}
          testId={`levels-${scale.scale}`}
          caption={f.byScale.length > 1 ? `${t.byLevel} (${scale.scale})` : t.byLevel}
          head={[t.level, t.count, t.share]}
          rows={scale.levels.map((l) => [l.label, formatCount(l.count), <Rate key="r" rate={l.share} total={scale.total} judged={false} />])}
        />
      ))}
      {/* A unit without units under it has nothing to rank: its offices follow. */}
      {(f.subject.kind === 'province' || (f.subject.kind === 'unit' && f.units.length > 0)) && (
        <Table
          testId="units-ranked"
          caption={t.unitsRanked}
          head={[t.unit, t.count, t.rate]}
          rows={f.units.map((u) => [link(u.name, onOpenUnit && u.code !== '' ? () => onOpenUnit(u.code) : undefined), formatCount(u.total), <Rate key="r" rate={u.satisfactionRate} total={u.total} />])}
        />
      )}
      {f.subject.kind === 'unit' && (
        <Table testId="offices" caption={t.offices} head={[t.office, t.count, t.rate]} rows={f.offices.map((o) => [o.name, formatCount(o.total), <Rate key="r" rate={o.satisfactionRate} total={o.total} />])} />
      )}
      {f.subject.kind === 'unit' && (
        <>
          <Table
            testId="officers"
            caption={t.officers}
            head={[t.officer, t.office, t.count, t.rate]}
            rows={f.byOfficer.map((o) => [
              link(o.title === '' ? o.name : `${o.name} (${o.title})`, onOpenOfficer && o.deviceId !== null && o.officerId !== null ? () => onOpenOfficer(o.deviceId ?? '', o.officerId ?? '') : undefined),
              officeNameOf(f, o.officeCode),
              formatCount(o.total),
              <Rate key="r" rate={o.satisfactionRate} total={o.total} />,
            ])}
          />
          <p className="muted">{t.minimumNote(f.officerMinimumRatings)}</p>
        </>
      )}
      <Table testId="service-areas" caption={t.serviceAreas} head={[t.serviceArea, t.count, t.rate]} rows={f.byServiceArea.map((a) => [a.name, formatCount(a.total), <Rate key="r" rate={a.satisfactionRate} total={a.total} />])} />
      <Table testId="factors" caption={t.factors} head={[t.factor, t.times, t.share]} rows={f.byFactor.map((x) => [x.name, formatCount(x.count), <Rate key="r" rate={x.share} total={x.count} judged={false} />])} />
    </div>
  );
}
