// The dashboard: a period, whether suspected-misuse ratings count, and the figures for it —
// kept live while open. Calm states for loading, failure and a period without ratings.
import { useState } from 'react';
import { dayRangeSchema } from '../../../shared/periods';
import type { Tallies } from '../../../shared/tallies';
import { useStaffSession } from '../staff/staff-session-context';
import { FactorTable, OfficerTable, ServiceAreaTable, TopReasons } from './BreakdownTables';
import { formatCount, formatRange } from './figures-format';
import { ChartTableToggle } from '../../../shared/ui/ChartTableToggle';
import { HourlyChart, HourlyTable } from '../../../shared/ui/HourlyChart';
import { kioskToday } from '../time/kiosk-time-zone';
import { LevelBreakdown } from './LevelBreakdown';
import { PeriodPicker, periodRange, type Period } from './PeriodPicker';
import { SatisfactionSummary } from './SatisfactionSummary';
import { dayPoints, TrendChart, TrendTable } from '../../../shared/ui/TrendChart';
import { useTallies } from './use-tallies';

export const NO_RATINGS = 'Chưa có đánh giá nào trong khoảng thời gian này';

export function DashboardScreen({ today: pinnedToday }: { today?: string }) {
  const { handleSessionError } = useStaffSession();
  const [today] = useState(() => pinnedToday ?? kioskToday());
  const [period, setPeriod] = useState<Period>({ preset: 'today' });
  const [includeFlagged, setIncludeFlagged] = useState(false);
  const range = periodRange(period, today);
  const valid = dayRangeSchema.safeParse(range).success;
  const { state, retry } = useTallies(valid ? range : null, includeFlagged, handleSessionError);

  return (
    <section className="dashboard" aria-label="Thống kê đánh giá">
      <div className="dashboard-controls">
        <PeriodPicker value={period} onChange={setPeriod} today={today} />
        <button type="button" className="toggle" role="switch" aria-checked={includeFlagged} onClick={() => setIncludeFlagged((v) => !v)}>
          <span className="toggle-knob" aria-hidden="true" />
          Tính cả đánh giá nghi ngờ
        </button>
      </div>
      <p className="dashboard-range" data-testid="dashboard-range">
        {valid ? formatRange(range) : ''}
      </p>
      {valid && state.kind === 'loading' && (
        <p className="staff-note dashboard-loading" aria-busy="true">
          Đang tải số liệu…
        </p>
      )}
      {state.kind === 'error' && (
        <div className="staff-message staff-message--problem" role="alert">
          <p>{state.error.message}</p>
          <button type="button" className="staff-button" onClick={retry}>
            Thử lại
          </button>
        </div>
      )}
      {valid && state.kind === 'ready' && <TalliesView tallies={state.tallies} />}
    </section>
  );
}

/** A period whose every rating is suspected (e.g. a stuffed kiosk before opening) is not empty. */
export function SuspectedOnlyNote({ tallies }: { tallies: Tallies }) {
  return (
    <p className="staff-note">
      Không tính <span data-testid="suspected-ratings">{formatCount(tallies.suspectedCount)}</span> đánh giá nghi ngờ (bấm liên tiếp nhanh hơn màn hình cho
      phép hoặc quá nhiều trong một phút).
    </p>
  );
}

/** The trend's text alternative: its 30 days as a table. */
function TrendFigures({ tallies }: { tallies: Tallies }) {
  return (
    <ChartTableToggle>
      <TrendTable points={dayPoints(tallies.trend)} caption="30 ngày gần nhất: số đánh giá và tỉ lệ hài lòng" pointHeading="Ngày" />
    </ChartTableToggle>
  );
}

function TalliesView({ tallies }: { tallies: Tallies }) {
  const trendHasRatings = tallies.trend.some((d) => d.total > 0);
  if (tallies.total === 0) {
    return (
      <div className="dashboard-body">
        <div className="empty-state" role="status">
          <p className="empty-title">{NO_RATINGS}</p>
          <p className="staff-note">Số liệu sẽ tự cập nhật khi có đánh giá mới.</p>
          {tallies.suspectedCount > 0 && <SuspectedOnlyNote tallies={tallies} />}
        </div>
        {trendHasRatings && (
          <figure className="chart-card">
            <figcaption className="figures-title">30 ngày gần nhất</figcaption>
            <TrendChart points={dayPoints(tallies.trend)} />
            <TrendFigures tallies={tallies} />
          </figure>
        )}
      </div>
    );
  }
  return (
    <div className="dashboard-body">
      <div className="dashboard-figures">
        <SatisfactionSummary tallies={tallies} />
        <LevelBreakdown tallies={tallies} />
      </div>
      <div className="dashboard-charts">
        <figure className="chart-card" data-testid="hourly-chart">
          <figcaption className="figures-title">Số đánh giá theo giờ</figcaption>
          <HourlyChart byHour={tallies.byHour} />
          <ChartTableToggle>
            <HourlyTable byHour={tallies.byHour} caption="Số đánh giá theo giờ và mức độ" />
          </ChartTableToggle>
        </figure>
        <figure className="chart-card" data-testid="trend-chart">
          <figcaption className="figures-title">30 ngày gần nhất</figcaption>
          <TrendChart points={dayPoints(tallies.trend)} />
          <TrendFigures tallies={tallies} />
        </figure>
      </div>
      <div className="dashboard-tables">
        <div className="chart-card">
          <OfficerTable tallies={tallies} />
        </div>
        <div className="chart-card">
          <ServiceAreaTable tallies={tallies} />
        </div>
      </div>
      {tallies.byFactor.length > 0 && (
        <div className="chart-card">
          <FactorTable tallies={tallies} />
        </div>
      )}
      <TopReasons tallies={tallies} />
    </div>
  );
}
