import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskError } from '../../shared/errors';
import type { DayRange } from '../../shared/periods';
import type { Result } from '../../shared/result';
import type { Tallies } from '../../shared/tallies';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { NOT_ENOUGH_DATA } from '../../renderer/src/dashboard/BreakdownTables';
import { DashboardScreen, NO_RATINGS } from '../../renderer/src/dashboard/DashboardScreen';
import { hourlyStacks } from '../../shared/ui/hourly-stacks';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, emptyTallies, normalDayTallies } from '../support/renderer-fixtures';

/** A Wednesday. */
const TODAY = '2026-11-25';
const settle = () => act(async () => {});

type GetTallies = (input: unknown) => Result<Tallies>;

function renderDashboard(getTallies: GetTallies) {
  const spy = vi.fn(getTallies);
  const api = fakeKioskApi({ getTallies: spy });
  render(<KioskApiProvider api={api}>{asStaff(<DashboardScreen today={TODAY} />)}</KioskApiProvider>);
  return { getTallies: spy, api };
}

const rangeOf = (input: unknown) => (input as { range: DayRange }).range;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DashboardScreen', () => {
  it('asks for today (the kiosk day) without suspected misuse by default, and shows loading meanwhile', async () => {
    let answer: (r: Result<Tallies>) => void = () => {};
    const getTallies = vi.fn(() => new Promise<Result<Tallies>>((resolve) => (answer = resolve)));
    render(<KioskApiProvider api={fakeKioskApi({ getTallies })}>{asStaff(<DashboardScreen today={TODAY} />)}</KioskApiProvider>);
    await settle();
    expect(getTallies).toHaveBeenCalledExactlyOnceWith({ range: { from: TODAY, to: TODAY }, includeFlagged: false });
    expect(screen.getByText('Đang tải số liệu…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hôm nay' })).toHaveAttribute('aria-pressed', 'true');
    answer({ ok: true, data: normalDayTallies() });
    await settle();
    expect(screen.queryByText('Đang tải số liệu…')).not.toBeInTheDocument();
  });

  it('shows a calm empty state for a day without ratings, and no charts', async () => {
    renderDashboard(() => ({ ok: true, data: emptyTallies() }));
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent(NO_RATINGS);
    expect(screen.queryByTestId('hourly-chart')).not.toBeInTheDocument();
    expect(screen.queryByTestId('trend-chart')).not.toBeInTheDocument();
    expect(screen.queryByTestId('satisfaction-rate')).not.toBeInTheDocument();
    expect(document.querySelector('svg.recharts-surface')).toBeNull();
  });

  it('says the previous period once: "chưa có đánh giá" when it had none, never also "Kỳ trước 0" (issue 14)', async () => {
    const noPrevious = normalDayTallies();
    noPrevious.previous = { ...noPrevious.previous, total: 0, satisfactionRate: null };
    renderDashboard(() => ({ ok: true, data: noPrevious }));
    await settle();
    expect(screen.getByTestId('rate-change')).toHaveTextContent('Kỳ trước (24/11/2026) chưa có đánh giá');
    expect(screen.getAllByText(/Kỳ trước/)).toHaveLength(1);
  });

  it('a rate withheld by the one-officer rule reads "chưa đủ dữ liệu" and the screen states the rule (issue 14)', async () => {
    const quiet = normalDayTallies();
    quiet.satisfactionRate = null;
    quiet.previous = { ...quiet.previous, total: 3, satisfactionRate: null };
    quiet.byServiceArea = quiet.byServiceArea.map((a) => ({ ...a, satisfactionRate: null }));
    renderDashboard(() => ({ ok: true, data: quiet }));
    await settle();
    expect(screen.getByTestId('satisfaction-rate')).toHaveTextContent(NOT_ENOUGH_DATA);
    expect(screen.getByTestId('rate-change')).toHaveTextContent('Kỳ trước (24/11/2026): 3 đánh giá, tỉ lệ chưa đủ dữ liệu');
    const rule = 'Lĩnh vực, ngày hay kỳ chỉ do một cán bộ phục vụ: tỉ lệ chỉ hiện khi có từ 5 đánh giá trở lên.';
    expect(screen.getAllByText(rule).length).toBe(2); // under the headline, and the service-area table's caption
    const areas = within(screen.getByTestId('service-area-table'));
    expect(areas.getByRole('rowheader', { name: 'Hộ tịch' }).closest('tr')).toHaveTextContent(/8\s*6\s*chưa đủ dữ liệu/);
  });

  it('shows the hand-counted figures of a normal day, formatted in Vietnamese', async () => {
    renderDashboard(() => ({ ok: true, data: normalDayTallies() }));
    await settle();
    expect(screen.getByTestId('dashboard-range')).toHaveTextContent('25/11/2026');
    expect(screen.getByTestId('satisfaction-rate')).toHaveTextContent('66,7 %');
    expect(screen.getByTestId('rate-change')).toHaveTextContent('▲ 6,7 điểm % so với kỳ trước (24/11/2026: 60,0 %, 10 đánh giá)');
    expect(screen.getByTestId('total-ratings')).toHaveTextContent('12');

    const levels = within(screen.getByTestId('levels-vn-3'));
    const row = (label: string) => levels.getByRole('rowheader', { name: label }).closest('tr') as HTMLElement;
    expect(row('Rất hài lòng')).toHaveTextContent(/5\s*41,7 %/);
    expect(row('Hài lòng')).toHaveTextContent(/3\s*25,0 %/);
    expect(row('Không hài lòng')).toHaveTextContent(/4\s*33,3 %/);

    const areas = within(screen.getByTestId('service-area-table'));
    expect(areas.getByRole('rowheader', { name: 'Hộ tịch' }).closest('tr')).toHaveTextContent(/8\s*6\s*75,0 %/);
    expect(screen.getByText('Thời gian chờ lâu:')).toBeInTheDocument();
    const factors = within(screen.getByRole('table', { name: /Theo nhóm tiêu chí/ }));
    expect(factors.getByRole('rowheader', { name: 'Tiếp cận dịch vụ' }).closest('tr')).toHaveTextContent(/3\s*100,0 %/);
    expect(factors.getByRole('rowheader', { name: 'Công chức giải quyết công việc' }).closest('tr')).toHaveTextContent(/0\s*0,0 %/);

    // The charts are drawn (fixed initial size in jsdom), one stack per level.
    expect(screen.getByTestId('hourly-chart').querySelector('.recharts-legend-wrapper')).toHaveTextContent('Rất hài lòng');
    // …with their figures as tables (the charts' text alternative).
    expect(within(screen.getByRole('table', { name: 'Số đánh giá theo giờ và mức độ' })).getByRole('columnheader', { name: 'Rất hài lòng' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: /^30 ngày gần nhất/ })).getAllByRole('row')).toHaveLength(31);
    expect(screen.getByTestId('trend-chart').querySelector('svg.recharts-surface')).not.toBeNull();
  });

  it('writes "chưa đủ dữ liệu" for an officer below the minimum, and explains the threshold', async () => {
    renderDashboard(() => ({ ok: true, data: normalDayTallies() }));
    await settle();
    const officers = within(screen.getByTestId('officer-table'));
    expect(officers.getByRole('rowheader', { name: 'Nguyễn Thị Lan' }).closest('tr')).toHaveTextContent(/9\s*7\s*77,8 %/);
    const hung = officers.getByRole('rowheader', { name: 'Trần Văn Hùng' }).closest('tr') as HTMLElement;
    expect(hung).toHaveTextContent(NOT_ENOUGH_DATA);
    expect(hung).not.toHaveTextContent('%');
    expect(screen.getByTestId('officer-table')).toHaveTextContent('chỉ hiện khi có từ 5 đánh giá trở lên');
  });

  it.each([
    ['Hôm qua', { from: '2026-11-24', to: '2026-11-24' }],
    ['Tuần này', { from: '2026-11-23', to: '2026-11-25' }],
    ['Tuần trước', { from: '2026-11-16', to: '2026-11-22' }],
    ['Tháng này', { from: '2026-11-01', to: '2026-11-25' }],
    ['Tháng trước', { from: '2026-10-01', to: '2026-10-31' }],
    ['Quý này', { from: '2026-10-01', to: '2026-11-25' }],
  ])('"%s" asks for %o, weeks starting on Monday', async (label, range) => {
    const { getTallies } = renderDashboard((input) => ({ ok: true, data: normalDayTallies(rangeOf(input)) }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: label }));
    await settle();
    expect(getTallies).toHaveBeenLastCalledWith({ range, includeFlagged: false });
    expect(screen.getByRole('button', { name: label })).toHaveAttribute('aria-pressed', 'true');
  });

  it('takes a custom range from two dates, and refuses one that ends before it starts', async () => {
    const { getTallies } = renderDashboard((input) => ({ ok: true, data: normalDayTallies(rangeOf(input)) }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Tùy chọn' }));
    fireEvent.change(screen.getByLabelText('Từ ngày'), { target: { value: '2026-11-03' } });
    await settle();
    expect(getTallies).toHaveBeenLastCalledWith({ range: { from: '2026-11-03', to: TODAY }, includeFlagged: false });
    expect(screen.getByTestId('dashboard-range')).toHaveTextContent('03/11/2026 – 25/11/2026');
    const calls = getTallies.mock.calls.length;
    fireEvent.change(screen.getByLabelText('Đến ngày'), { target: { value: '2026-11-01' } });
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc');
    expect(getTallies).toHaveBeenCalledTimes(calls);
  });

  it('counts suspected misuse only when asked to', async () => {
    const { getTallies } = renderDashboard(() => ({ ok: true, data: normalDayTallies() }));
    await settle();
    fireEvent.click(screen.getByRole('switch', { name: 'Tính cả đánh giá nghi ngờ' }));
    await settle();
    expect(getTallies).toHaveBeenLastCalledWith({ range: { from: TODAY, to: TODAY }, includeFlagged: true });
  });

  it('counts suspected ratings ("nghi ngờ") on their own, left out by default and still shown when included', async () => {
    const stuffed = (includesFlagged: boolean): Tallies => ({ ...normalDayTallies(), includesFlagged, suspectedCount: 49, excludedFlaggedCount: includesFlagged ? 0 : 49 });
    renderDashboard((input) => ({ ok: true, data: stuffed((input as { includeFlagged: boolean }).includeFlagged) }));
    await settle();
    expect(screen.getByTestId('total-ratings')).toHaveTextContent('12');
    expect(screen.getByTestId('suspected-ratings')).toHaveTextContent('49');
    expect(screen.getByText('Không tính 49 đánh giá nghi ngờ.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('switch', { name: 'Tính cả đánh giá nghi ngờ' }));
    await settle();
    expect(screen.getByTestId('suspected-ratings')).toHaveTextContent('49');
    expect(screen.getByText('Đã tính cả các đánh giá nghi ngờ.')).toBeInTheDocument();
  });

  it('a day with suspected ratings only is "no ratings", and says how many were left out', async () => {
    renderDashboard(() => ({ ok: true, data: { ...emptyTallies(), suspectedCount: 50, excludedFlaggedCount: 50 } }));
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent(NO_RATINGS);
    expect(screen.getByRole('status')).toHaveTextContent('Không tính 50 đánh giá nghi ngờ');
    expect(screen.getByTestId('suspected-ratings')).toHaveTextContent('50');
  });

  it('shows 0 suspected on an ordinary day', async () => {
    renderDashboard(() => ({ ok: true, data: normalDayTallies() }));
    await settle();
    expect(screen.getByTestId('suspected-ratings')).toHaveTextContent('0');
    expect(screen.queryByText(/đánh giá nghi ngờ\.$/)).not.toBeInTheDocument();
  });

  it('refreshes live when a rating is stored, once for a burst (debounced)', async () => {
    let total = 12;
    const { getTallies, api } = renderDashboard(() => ({ ok: true, data: { ...normalDayTallies(), total } }));
    await settle();
    expect(getTallies).toHaveBeenCalledTimes(1);
    total = 15;
    act(() => {
      api.push('ratingStored', { seq: 13, localDay: TODAY });
      api.push('ratingStored', { seq: 14, localDay: TODAY });
    });
    await act(async () => vi.advanceTimersByTime(300));
    act(() => api.push('ratingStored', { seq: 15, localDay: TODAY }));
    await act(async () => vi.advanceTimersByTime(499));
    expect(getTallies).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTime(1));
    await settle();
    expect(getTallies).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('total-ratings')).toHaveTextContent('15');
    // The figures stayed on screen during the refresh: no loading flash.
    expect(screen.queryByText('Đang tải số liệu…')).not.toBeInTheDocument();
  });

  it('shows a failure in plain words with a way to try again', async () => {
    const getTallies = vi
      .fn<GetTallies>()
      .mockReturnValueOnce({ ok: false, error: kioskError('UNAVAILABLE') })
      .mockReturnValue({ ok: true, data: normalDayTallies() });
    renderDashboard(getTallies);
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Không kết nối được với máy đánh giá.');
    fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    await settle();
    expect(screen.getByTestId('satisfaction-rate')).toHaveTextContent('66,7 %');
  });
});

describe('a period in which the scale was changed', () => {
  /** 12 ratings on the 3-level scale, then 4 on the 4-level one (2 "Bình thường"). */
  function mixedTallies(): Tallies {
    const day = normalDayTallies();
    const byHour: Tallies['byHour'] = day.byHour.map((h) => ({ ...h, byLevel: { ...h.byLevel, 'Bình thường': 0 } }));
    byHour[15] = { hour: 15, byLevel: { 'Rất hài lòng': 1, 'Hài lòng': 1, 'Bình thường': 2, 'Không hài lòng': 0 }, total: 4 };
    return {
      ...day,
      total: 16,
      satisfied: 10,
      satisfactionRate: 10 / 16,
      byScale: [
        ...day.byScale,
        {
          scale: 'vn-4',
          total: 4,
          levels: [
            { level: 1, label: 'Rất hài lòng', count: 1, share: 0.25 },
            { level: 2, label: 'Hài lòng', count: 1, share: 0.25 },
            { level: 3, label: 'Bình thường', count: 2, share: 0.5 },
            { level: 4, label: 'Không hài lòng', count: 0, share: 0 },
          ],
        },
      ],
      byHour,
    };
  }

  it('stacks the hours by label, best first, in each level\'s colour', () => {
    expect(hourlyStacks(mixedTallies().byHour).map((s) => [s.label, s.colour])).toEqual([
      ['Rất hài lòng', '#1B5E20'],
      ['Hài lòng', '#9CCC65'],
      ['Bình thường', '#FFD54F'],
      ['Không hài lòng', '#C62828'],
    ]);
  });

  it('shows one level table per scale, each with its own shares', async () => {
    renderDashboard(() => ({ ok: true, data: mixedTallies() }));
    await settle();
    expect(screen.getByTestId('levels-vn-3')).toHaveTextContent('Thang 3 mức · 12 đánh giá');
    const vn4 = within(screen.getByTestId('levels-vn-4'));
    expect(vn4.getByText('Thang 4 mức · 4 đánh giá')).toBeInTheDocument();
    expect(vn4.getByRole('rowheader', { name: 'Bình thường' }).closest('tr')).toHaveTextContent(/2\s*50,0 %/);
    expect(screen.getByTestId('satisfaction-rate')).toHaveTextContent('62,5 %');
  });
});
