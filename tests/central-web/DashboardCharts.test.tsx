// The trend and the hourly pattern on central's page (issue 16): the kiosk's charts (shared/ui/)
// with their tables as the text alternative; days grouped into weeks for a quarter and months for a
// year, with the officer minimum kept on a grouped rate.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { dashboardFiguresSchema, type DashboardFigures } from '../../shared/central-dashboard';
import { addDays } from '../../shared/periods';
import { trendPoints, trendStep } from '../../shared/ui/trend-buckets';
import { DashboardView } from '../../central/web/src/DashboardView';
import type { CentralApi, DashboardSubject } from '../../central/web/src/central-api';
import { officerFigures, provinceFigures, unitFigures } from '../support/dashboard-figures-fixture';

const day = (d: string, total: number, satisfied: number, satisfactionRate: number | null = total === 0 ? null : satisfied / total) => ({ day: d, total, satisfied, satisfactionRate });
const everyDay = (from: string, to: string, pick: (d: string) => ReturnType<typeof day> | undefined = () => undefined) => {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(pick(d) ?? day(d, 0, 0));
  return out;
};
const rows = (table: HTMLElement) => within(table).getAllByRole('row').map((r) => [...r.children].map((c) => c.textContent));

describe('trend points', () => {
  it('per day up to 62 days, per week up to 186 (a quarter), per month beyond (a year)', () => {
    expect(trendStep({ from: '2026-11-01', to: '2026-11-30' })).toBe('day');
    expect(trendStep({ from: '2026-10-01', to: '2026-11-30' })).toBe('day');
    expect(trendStep({ from: '2026-10-01', to: '2026-12-31' })).toBe('week');
    expect(trendStep({ from: '2026-01-01', to: '2026-12-31' })).toBe('month');
  });

  it('a quarter in Monday weeks: the first week cut by the range counts only its own days; rates from the summed counts', () => {
    // 2026-10-01 is a Thursday: its week in the range is 1–4 October.
    const byDay = everyDay('2026-10-01', '2026-12-31', (d) => (d === '2026-10-04' ? day(d, 4, 3) : d === '2026-10-05' ? day(d, 2, 2) : d === '2026-10-11' ? day(d, 2, 0) : undefined));
    const { step, points } = trendPoints(byDay, { from: '2026-10-01', to: '2026-12-31' }, 5);
    expect(step).toBe('week');
    expect(points).toHaveLength(14);
    expect(points.slice(0, 3)).toEqual([
      { label: '01/10', total: 4, satisfactionRate: 0.75 },
      { label: '05/10', total: 4, satisfactionRate: 0.5 },
      { label: '12/10', total: 0, satisfactionRate: null },
    ]);
    expect(points.reduce((n, p) => n + p.total, 0)).toBe(8);
  });

  it('a year in months; a grouped rate that may be one officer below the minimum stays withheld', () => {
    // Central withheld both March days (one officer, fewer than 5 each): March has 4 in all, withheld; April 6, shown.
    const byDay = everyDay('2026-01-01', '2026-12-31', (d) =>
      d === '2026-03-02' || d === '2026-03-03' ? day(d, 2, 1, null) : d === '2026-04-01' ? day(d, 3, 3, null) : d === '2026-04-02' ? day(d, 3, 0, null) : undefined,
    );
    const { step, points } = trendPoints(byDay, { from: '2026-01-01', to: '2026-12-31' }, 5);
    expect(step).toBe('month');
    expect(points.map((p) => p.label)).toEqual(['01/2026', '02/2026', '03/2026', '04/2026', '05/2026', '06/2026', '07/2026', '08/2026', '09/2026', '10/2026', '11/2026', '12/2026']);
    expect(points[2]).toEqual({ label: '03/2026', total: 4, satisfactionRate: null });
    expect(points[3]).toEqual({ label: '04/2026', total: 6, satisfactionRate: 0.5 });
  });
});

const withDays = (f: DashboardFigures, patch: Partial<DashboardFigures>) => dashboardFiguresSchema.parse({ ...f, ...patch });
const hours = (counts: Record<number, Record<string, number>>) =>
  Array.from({ length: 24 }, (_, hour) => {
    const byLevel = counts[hour] ?? {};
    return { hour, byLevel: { 'Rất hài lòng': 0, 'Hài lòng': 0, 'Không hài lòng': 0, ...byLevel }, total: Object.values(byLevel).reduce((a, b) => a + b, 0) };
  });

function view(figures: DashboardFigures, subject: DashboardSubject) {
  const dashboard: CentralApi['dashboard'] = vi.fn(async () => ({ ok: true as const, value: figures }));
  return render(<DashboardView subject={subject} range={figures.range} includeFlagged={false} dashboard={dashboard} onSignInRequired={vi.fn()} />);
}

describe('the charts in the views', () => {
  it('a unit: the trend per day and the hourly pattern by level, each drawn and as a table', async () => {
    const f = withDays(unitFigures, {
      byDay: everyDay('2026-11-01', '2026-11-30', (d) => (d === '2026-11-03' ? day(d, 4, 3) : d === '2026-11-20' ? day(d, 3, 2) : undefined)),
      byHour: hours({ 6: { 'Không hài lòng': 1 }, 9: { 'Rất hài lòng': 2, 'Hài lòng': 1 }, 14: { 'Hài lòng': 1, 'Không hài lòng': 2 } }),
    });
    view(f, { kind: 'unit', code: 'D1' });
    const trend = await screen.findByTestId('trend-table');
    expect(screen.getByRole('heading', { name: 'Xu hướng (theo ngày)' })).toBeInTheDocument();
    const trendRows = rows(trend);
    expect(trendRows[0]).toEqual(['Ngày', 'Số đánh giá', 'Tỉ lệ hài lòng']);
    expect(trendRows).toHaveLength(31);
    expect(trendRows[1]).toEqual(['01/11', '0', 'Chưa có đánh giá']);
    expect(trendRows[3]).toEqual(['03/11', '4', '75%']);
    expect(trendRows[20]).toEqual(['20/11', '3', '66,7%']);
    expect(screen.getByTestId('trend-chart').querySelector('svg.recharts-surface')).not.toBeNull();
    expect(screen.queryByTestId('trend-no-rate')).toBeNull();

    expect(screen.getByRole('heading', { name: 'Theo giờ trong ngày' })).toBeInTheDocument();
    const hourly = rows(screen.getByTestId('hourly-table'));
    expect(hourly[0]).toEqual(['Giờ', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Tổng']);
    // Office hours 7–17, widened to 6 h by a rating before opening.
    expect(hourly.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 6}:00–${i + 7}:00`));
    expect(hourly[1]).toEqual(['6:00–7:00', '0', '0', '1', '1']);
    expect(hourly[4]).toEqual(['9:00–10:00', '2', '1', '0', '3']);
    expect(hourly[9]).toEqual(['14:00–15:00', '0', '1', '2', '3']);
    expect(within(screen.getByTestId('hourly-chart')).getByText('Rất hài lòng')).toBeInTheDocument();
    // The tables sit behind "Xem bảng số liệu" (a disclosure every reader can open).
    expect(screen.getAllByText('Xem bảng số liệu')).toHaveLength(2);
  });

  it('the province over a year: per month; no hourly pattern outside a unit', async () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    const f = withDays(provinceFigures, { range: year, byDay: everyDay(year.from, year.to, (d) => (d === '2026-02-10' ? day(d, 5, 4) : d === '2026-11-03' ? day(d, 7, 4) : undefined)), total: 12, satisfied: 8 });
    view(f, { kind: 'province' });
    const trend = rows(await screen.findByTestId('trend-table'));
    expect(screen.getByRole('heading', { name: 'Xu hướng (theo tháng)' })).toBeInTheDocument();
    expect(trend[0]?.[0]).toBe('Tháng');
    expect(trend.slice(1).map((r) => r.join(' '))).toContain('02/2026 5 80%');
    expect(trend.slice(1).map((r) => r.join(' '))).toContain('11/2026 7 57,1%');
    expect(screen.queryByTestId('hourly')).toBeNull();
  });

  it('an officer: the trend with the minimum kept ("Chưa đủ dữ liệu"), no hourly pattern', async () => {
    const f = withDays(officerFigures, { byDay: everyDay('2026-11-01', '2026-11-30', (d) => (d === '2026-11-03' ? day(d, 2, 2, null) : undefined)) });
    view(f, { kind: 'officer', deviceId: 'dev-a1', officerId: 'o-1' });
    const trend = rows(await screen.findByTestId('trend-table'));
    expect(trend[3]).toEqual(['03/11', '2', 'Chưa đủ dữ liệu']);
    expect(screen.getByTestId('trend-no-rate')).toHaveTextContent('Chưa có tỉ lệ theo ngày nào để vẽ đường');
    expect(screen.queryByTestId('hourly')).toBeNull();
  });

  it('a period without ratings draws no chart', async () => {
    const f = withDays(unitFigures, { total: 0, satisfied: 0, satisfactionRate: null, byDay: everyDay('2026-11-01', '2026-11-30') });
    view(f, { kind: 'unit', code: 'D1' });
    await screen.findByTestId('dashboard');
    expect(screen.queryByTestId('trend')).toBeNull();
    expect(screen.queryByTestId('hourly')).toBeNull();
  });
});
