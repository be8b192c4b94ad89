// Ratings per hour of the local day, stacked by level in the levels' own colours: the kiosk's
// dashboard and printed report, and central's unit view. `HourlyTable` is the same figures as a
// table, the chart's text alternative.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { legendText, tooltipItem } from './chart-legend';
import { hourlyStacks, shownHours, type HourRow, type Stack } from './hourly-stacks';
import { formatCount } from './figures-format';

/** A constant key: the (stable) sort keeps the bars' order, best level first, instead of A→Z. */
const keepLevelOrder = () => 0;

export function hourlyRows(byHour: readonly HourRow[], stacks: Stack[]) {
  return shownHours(byHour).map((h) => ({ hour: `${h.hour}h`, total: h.total, ...Object.fromEntries(stacks.map((s) => [s.key, h.byLevel[s.label] ?? 0])) }));
}

export function HourlyChart({ byHour, size }: { byHour: readonly HourRow[]; size?: { width: number; height: number } }) {
  const stacks = hourlyStacks(byHour);
  const chart = (
    <BarChart data={hourlyRows(byHour, stacks)} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} {...(size ?? {})}>
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

/** The hourly figures as a table: one row per hour the chart shows, one column per level, the total. */
export function HourlyTable({ byHour, caption, testId }: { byHour: readonly HourRow[]; caption: string; testId?: string }) {
  const stacks = hourlyStacks(byHour);
  return (
    <table className="chart-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Giờ</th>
          {stacks.map((s) => (
            <th key={s.key} scope="col">
              {s.label}
            </th>
          ))}
          <th scope="col">Tổng</th>
        </tr>
      </thead>
      <tbody>
        {shownHours(byHour).map((h) => (
          <tr key={h.hour}>
            <th scope="row">{`${h.hour}:00–${h.hour + 1}:00`}</th>
            {stacks.map((s) => (
              <td key={s.key}>{formatCount(h.byLevel[s.label] ?? 0)}</td>
            ))}
            <td>{formatCount(h.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
