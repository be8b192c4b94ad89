// The one-page A4 (portrait) report: office, scope, period, the figures, the hourly and trend
// charts at fixed pixel sizes (recharts needs them to draw for print), the tables per officer
// and per service area, and the time of printing. 186 × 273 mm of content at 96 dpi is about
// 700 × 1030 px; the sizes below keep a full report inside it, long tables are capped.
import type { Tallies } from '../../../shared/tallies';
import { FactorTable, OfficerTable, ServiceAreaTable, TopReasons } from '../dashboard/BreakdownTables';
import { formatInstant } from '../dashboard/figures-format';
import { HourlyChart } from '../../../shared/ui/HourlyChart';
import { LevelBreakdown } from '../dashboard/LevelBreakdown';
import { SatisfactionSummary } from '../dashboard/SatisfactionSummary';
import { dayPoints, TrendChart } from '../../../shared/ui/TrendChart';
import { NO_RATINGS } from '../dashboard/DashboardScreen';

const CHART = { width: 700, height: 170 } as const;
const TABLE_ROWS = 10;

export interface ReportPrintViewProps {
  tallies: Tallies;
  officeName: string;
  /** "Quầy số 4" or "Tất cả các quầy". */
  scope: string;
  title: string;
  periodLabel: string;
  printedAt: Date;
}

export function ReportPrintView({ tallies, officeName, scope, title, periodLabel, printedAt }: ReportPrintViewProps) {
  const hasRatings = tallies.total > 0;
  return (
    <article className="print-report" data-testid="print-report">
      <header className="print-header">
        <p className="print-office">{officeName}</p>
        <h1 className="print-title">{title}</h1>
        <p className="print-subtitle">Kết quả đánh giá mức độ hài lòng của người dân</p>
        <p className="print-period">
          {periodLabel} · {scope}
        </p>
      </header>
      <div className="print-figures">
        <SatisfactionSummary tallies={tallies} />
        {hasRatings ? <LevelBreakdown tallies={tallies} /> : <p className="print-empty">{NO_RATINGS}.</p>}
      </div>
      {hasRatings && (
        <figure className="print-chart">
          <figcaption className="figures-title">Số đánh giá theo giờ</figcaption>
          <HourlyChart byHour={tallies.byHour} size={CHART} />
        </figure>
      )}
      <figure className="print-chart">
        <figcaption className="figures-title">30 ngày gần nhất</figcaption>
        <TrendChart points={dayPoints(tallies.trend)} size={CHART} />
      </figure>
      {hasRatings && (
        <div className="print-tables">
          <OfficerTable tallies={tallies} maxRows={TABLE_ROWS} />
          <ServiceAreaTable tallies={tallies} maxRows={TABLE_ROWS} />
        </div>
      )}
      {hasRatings &&
        (tallies.byFactor.length > 0 ? (
          <div className="print-tables">
            <FactorTable tallies={tallies} />
            <TopReasons tallies={tallies} max={5} />
          </div>
        ) : (
          <TopReasons tallies={tallies} max={5} />
        ))}
      <footer className="print-footer">
        <span>In lúc: {formatInstant(printedAt)}</span>
        <span>Máy đánh giá Hài Lòng</span>
      </footer>
    </article>
  );
}
