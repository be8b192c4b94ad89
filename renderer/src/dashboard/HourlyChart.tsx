// Ratings per hour of the local day, stacked by level in the levels' own colours.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Tallies } from '../../../shared/tallies';
import { legendText, tooltipItem } from './chart-legend';
import { hourlyStacks, type Stack } from './hourly-stacks';
import { formatCount } from './figures-format';

/** Office hours are always shown; hours with ratings outside them widen the axis. */
const DAY_START = 7;
const DAY_END = 17;

/** A constant key: the (stable) sort keeps the bars' order, best level first, instead of A→Z. */
const keepLevelOrder = () => 0;

export function hourlyRows(tallies: Tallies, stacks: Stack[]) {
  const withRatings = tallies.byHour.filter((h) => h.total > 0).map((h) => h.hour);
  const first = Math.min(DAY_START, ...withRatings);
  const last = Math.max(DAY_END, ...withRatings);
  return tallies.byHour
    .filter((h) => h.hour >= first && h.hour <= last)
    .map((h) => ({ hour: `${h.hour}h`, total: h.total, ...Object.fromEntries(stacks.map((s) => [s.key, h.byLevel[s.label] ?? 0])) }));
}

export function HourlyChart({ tallies, size }: { tallies: Tallies; size?: { width: number; height: number } }) {
  const stacks = hourlyStacks(tallies);
  const chart = (
    <BarChart data={hourlyRows(tallies, stacks)} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} {...(size ?? {})}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c9c4b8" />
      <XAxis dataKey="hour" tick={{ fill: '#1c1b18', fontSize: 12 }} interval={0} />
      <YAxis allowDecimals={false} tick={{ fill: '#1c1b18', fontSize: 12 }} tickFormatter={formatCount} />
      {size === undefined && <Tooltip itemStyle={tooltipItem} itemSorter={keepLevelOrder} formatter={(value) => formatCount(Number(value))} />}
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} formatter={legendText} />
      {stacks.map((stack) => (
        <Bar
          key={stack.key}
          dataKey={stack.key}
          name={stack.label}
          stackId="levels"
          fill={stack.colour}
          stroke="#1c1b18"
          strokeWidth={0.5}
          isAnimationActive={size === undefined}
        />
      ))}
    </BarChart>
  );
  if (size !== undefined) return chart;
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 720, height: 260 }}>
      {chart}
    </ResponsiveContainer>
  );
}
