// The dashboard's charts (issue 16): the trend over the chosen period (province, unit, officer) and
// the hourly pattern (unit), drawn by the kiosk's own chart components (shared/ui/), each with its
// figures as a table under "Xem bảng số liệu" — the text alternative a screen reader or a reader who
// wants the numbers uses. Central sends every day and 24 hours; the page only groups days into weeks
// or months for a long period (shared/ui/trend-buckets.ts).
import type { DashboardFigures } from '../../../shared/central-dashboard';
import { ChartTableToggle } from '../../../shared/ui/ChartTableToggle';
import { HourlyChart, HourlyTable } from '../../../shared/ui/HourlyChart';
import { TrendChart, TrendTable } from '../../../shared/ui/TrendChart';
import { trendPoints } from '../../../shared/ui/trend-buckets';
import { chartText as c, formatRate } from './dashboard-text';

export function TrendSection({ figures: f }: { figures: DashboardFigures }) {
  const { step, points } = trendPoints(f.byDay, f.range, f.officerMinimumRatings);
  const by = c.trendBy[step];
  return (
    <section className="chart-section" data-testid="trend" aria-labelledby="trend-title">
      <h2 id="trend-title">
        {c.trend} <span className="chart-step">({by})</span>
      </h2>
      <p className="muted">{c.trendNote}</p>
      {points.every((p) => p.satisfactionRate === null) && (
        <p className="muted" data-testid="trend-no-rate">
          {c.noRate(by)}
        </p>
      )}
      <div className="chart-box" data-testid="trend-chart">
        <TrendChart points={points} />
      </div>
      <ChartTableToggle>
        <TrendTable points={points} caption={c.trendTable(by)} pointHeading={c.pointHeading[step]} rateText={(p) => formatRate(p.satisfactionRate, p.total)} testId="trend-table" />
      </ChartTableToggle>
    </section>
  );
}

export function HourlySection({ figures: f }: { figures: DashboardFigures }) {
  return (
    <section className="chart-section" data-testid="hourly" aria-labelledby="hourly-title">
      <h2 id="hourly-title">{c.hourly}</h2>
      <p className="muted">{c.hourlyNote}</p>
      <div className="chart-box" data-testid="hourly-chart">
        <HourlyChart byHour={f.byHour} />
      </div>
      <ChartTableToggle>
        <HourlyTable byHour={f.byHour} caption={c.hourlyTable} testId="hourly-table" />
      </ChartTableToggle>
    </section>
  );
}
