// The trend: ratings per day, week or month (bars, right axis) and the satisfaction rate (line,
// left axis, 0–100 %). A point without a rate (no ratings, or withheld below the officer minimum)
// is a gap. The kiosk draws its 30 days; central its chosen period (trend-buckets.ts).
// `TrendTable` is the same figures as a table, the chart's text alternative.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { legendText, tooltipItem } from './chart-legend';
import { formatCount, formatShare, formatShortDay } from './figures-format';
import type { TrendPoint } from './trend-buckets';

export type { TrendPoint };

/** Days as points, labelled "23/11". */
export const dayPoints = (days: readonly { day: string; total: number; satisfactionRate: number | null }[]): TrendPoint[] =>
  days.map((d) => ({ label: formatShortDay(d.day), total: d.total, satisfactionRate: d.satisfactionRate }));

const RATE_NAME = 'Tỉ lệ hài lòng';
const COUNT_NAME = 'Số đánh giá';

export function trendRows(points: readonly TrendPoint[]) {
  return points.map((p) => ({
    day: p.label,
    total: p.total,
    rate: p.satisfactionRate === null ? null : Math.round(p.satisfactionRate * 1000) / 10,
  }));
}

export function TrendChart({ points, size }: { points: readonly TrendPoint[]; size?: { width: number; height: number } }) {
  const animate = size === undefined;
  const chart = (
    <ComposedChart data={trendRows(points)} margin={{ top: 8, right: 0, bottom: 0, left: -8 }} {...(size ?? {})}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c9c4b8" />
      <XAxis dataKey="day" tick={{ fill: '#1c1b18', fontSize: 11 }} interval="preserveStartEnd" minTickGap={8} />
      <YAxis yAxisId="rate" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fill: '#1c1b18', fontSize: 12 }} unit="%" />
      <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fill: '#1c1b18', fontSize: 12 }} tickFormatter={formatCount} />
      {animate && (
        <Tooltip
          itemStyle={tooltipItem}
          formatter={(value, name) => (name === RATE_NAME ? formatShare(Number(value) / 100) : formatCount(Number(value)))}
        />
      )}
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} formatter={legendText} />
      <Bar yAxisId="count" dataKey="total" name={COUNT_NAME} fill="#607d8b" isAnimationActive={animate} />
      <Line
        yAxisId="rate"
        dataKey="rate"
        name={RATE_NAME}
        type="monotone"
        stroke="#1b5e20"
        strokeWidth={3}
        dot={{ r: 3, fill: '#1b5e20' }}
        connectNulls={false}
        isAnimationActive={animate}
      />
    </ComposedChart>
  );
  if (!animate) return chart;
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 720, height: 260 }}>
      {chart}
    </ResponsiveContainer>
  );
}

/**
 * The trend as a table: one row per point. `rateText` is the page's own rate wording (a withheld
 * rate reads "Chưa đủ dữ liệu" on central's page); by default a share or "—".
 */
export function TrendTable({
  points,
  caption,
  pointHeading,
  rateText = (p) => formatShare(p.satisfactionRate),
  testId,
}: {
  points: readonly TrendPoint[];
  caption: string;
  pointHeading: string;
  rateText?: (p: TrendPoint) => string;
  testId?: string;
}) {
  return (
    <table className="chart-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{pointHeading}</th>
          <th scope="col">{COUNT_NAME}</th>
          <th scope="col">{RATE_NAME}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.label}>
            <th scope="row">{p.label}</th>
            <td>{formatCount(p.total)}</td>
            <td>{rateText(p)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
