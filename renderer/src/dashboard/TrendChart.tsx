// The 30 local days ending at the period's last day: ratings per day (bars, right axis) and
// the satisfaction rate (line, left axis, 0–100 %). A day without ratings has no rate: a gap.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Tallies } from '../../../shared/tallies';
import { legendText, tooltipItem } from './chart-legend';
import { formatCount, formatShare, formatShortDay } from './figures-format';

export function trendRows(tallies: Tallies) {
  return tallies.trend.map((d) => ({
    day: formatShortDay(d.day),
    total: d.total,
    rate: d.satisfactionRate === null ? null : Math.round(d.satisfactionRate * 1000) / 10,
  }));
}

export function TrendChart({ tallies, size }: { tallies: Tallies; size?: { width: number; height: number } }) {
  const animate = size === undefined;
  const chart = (
    <ComposedChart data={trendRows(tallies)} margin={{ top: 8, right: 0, bottom: 0, left: -8 }} {...(size ?? {})}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c9c4b8" />
      <XAxis dataKey="day" tick={{ fill: '#1c1b18', fontSize: 11 }} interval="preserveStartEnd" minTickGap={8} />
      <YAxis yAxisId="rate" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fill: '#1c1b18', fontSize: 12 }} unit="%" />
      <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fill: '#1c1b18', fontSize: 12 }} tickFormatter={formatCount} />
      {animate && (
        <Tooltip
          itemStyle={tooltipItem}
          formatter={(value, name) => (name === 'Tỉ lệ hài lòng' ? formatShare(Number(value) / 100) : formatCount(Number(value)))}
        />
      )}
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} formatter={legendText} />
      <Bar yAxisId="count" dataKey="total" name="Số đánh giá" fill="#607d8b" isAnimationActive={animate} />
      <Line
        yAxisId="rate"
        dataKey="rate"
        name="Tỉ lệ hài lòng"
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
