// "Xem bản in" (issue 16): the printable monthly report against a fake central whose answers go
// through the real fetch path (browserCentralApi + dashboardFiguresSchema). The province's page then
// one page per child unit; rate, levels, officers (a withheld rate says so), service areas, factors,
// the previous period and the units below the chosen rate; "In" calls print; a tampered answer is
// never printed as figures.
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionAccount } from '../../shared/central-accounts';
import { browserCentralApi } from '../../central/web/src/central-api';
import { CentralFrame } from '../../central/web/src/CentralFrame';
import { MonthlyPrintView } from '../../central/web/src/MonthlyPrintView';
import { provinceFigures, unitFigures } from '../support/dashboard-figures-fixture';

const admin: SessionAccount = { username: 'sonoivu', role: 'province-admin', units: [], expiresAt: '2026-11-29T19:00:00.000Z' };

function fakeCentral(override?: (url: string) => Response | undefined) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      asked.push(input);
      const special = override?.(input);
      if (special !== undefined) return special;
      const body = input.startsWith('/api/v1/dashboard/province')
        ? provinceFigures
        : input.startsWith('/api/v1/dashboard/units/')
          ? { ...unitFigures, subject: { ...unitFigures.subject, code: decodeURIComponent(/\/units\/([^?]+)/.exec(input)?.[1] ?? '') } }
          : { units: [], unassignedOffices: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return asked;
}
// Each view has its own address (view-address.ts): every test starts at the province's.
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const cells = (testId: string, page: HTMLElement) => within(within(page).getByTestId(testId)).getAllByRole('row').slice(1).map((r) => r.textContent);

describe('the printable monthly report', () => {
  it('"Báo cáo" → "Xem bản in": the province for the chosen month, then a page per child unit, with every figure', async () => {
    const asked = fakeCentral();
    const user = userEvent.setup();
    render(<CentralFrame province="Sở Nội vụ" account={admin} api={browserCentralApi} onSignOut={vi.fn()} onSignInRequired={vi.fn()} today={() => '2026-12-03'} />);
    await user.click(screen.getByRole('button', { name: 'Báo cáo' }));
    fireEvent.change(screen.getByLabelText('Tháng báo cáo'), { target: { value: '2026-11' } });
    fireEvent.change(screen.getByLabelText('Ngưỡng tỉ lệ (%)'), { target: { value: '65' } });
    const before = asked.length;
    await user.click(screen.getByRole('button', { name: 'Xem bản in' }));

    const pages = await screen.findAllByTestId('print-page');
    // The province, then D2 and D1 ("Chưa xếp đơn vị" has no code: no page of its own).
    expect(pages).toHaveLength(3);
    expect(asked.slice(before)).toEqual([
      '/api/v1/dashboard/province?from=2026-11-01&to=2026-11-30&includeFlagged=false',
      '/api/v1/dashboard/units/D2?from=2026-11-01&to=2026-11-30&includeFlagged=false',
      '/api/v1/dashboard/units/D1?from=2026-11-01&to=2026-11-30&includeFlagged=false',
    ]);
    const province = pages[0] as HTMLElement;
    const unit = pages[2] as HTMLElement;
    expect(within(province).getByText('Báo cáo mức độ hài lòng tháng 11/2026')).toBeInTheDocument();
    expect(within(province).getByTestId('print-subject')).toHaveTextContent('Toàn tỉnh');
    expect(within(province).getByTestId('print-rate')).toHaveTextContent('66,7%');
    expect(within(province).getByTestId('print-total')).toHaveTextContent('12');
    expect(within(province).getByTestId('print-satisfied')).toHaveTextContent('8');
    expect(within(province).getByTestId('print-previous')).toHaveTextContent('50% · 2 lượt. Tăng 16,7 điểm % so với kỳ trước');
    expect(cells('print-levels-vn-3', province)).toEqual(['Rất hài lòng433,3%', 'Hài lòng325%', 'Không hài lòng541,7%']);
    expect(cells('print-service-areas', province)).toEqual(['Hộ tịch966,7%']);
    expect(cells('print-factors', province)).toEqual(['Cán bộ375%', 'Khác125%']);
    // Below 65%: Nam Đông (60%) only; Phú Lộc (71,4%) is above, "Chưa xếp đơn vị" has no rate.
    expect(within(province).getByTestId('print-below')).toHaveTextContent('Đơn vị có tỉ lệ hài lòng dưới 65%Huyện Nam Đông: 60% (5 lượt)');
    expect(within(province).queryByTestId('print-officers')).toBeNull();
    // A unit's page: its officers, Bình below the minimum without a rate.
    expect(cells('print-officers', unit)).toEqual(['Nguyễn Văn An (Công chức tư pháp)000.00.21.H56580%', 'Trần Thị Bình000.00.21.H562Chưa đủ dữ liệu']);
    expect(within(unit).getByText('Tỉ lệ của một cán bộ chỉ hiện khi có từ 5 lượt đánh giá trở lên.')).toBeInTheDocument();
    expect(within(unit).getByTestId('print-below')).toHaveTextContent('Không có đơn vị nào dưới ngưỡng.');

    await user.click(screen.getByRole('button', { name: 'Quay lại' }));
    expect(screen.getByRole('link', { name: 'Tải báo cáo' })).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2026-11&below=0.65');
  });

  it('"In" calls print only once the figures are there', async () => {
    fakeCentral();
    const print = vi.fn();
    const user = userEvent.setup();
    render(<MonthlyPrintView month="2026-11" unit="D1" below={0.8} dashboard={browserCentralApi.dashboard} onSignInRequired={vi.fn()} onClose={vi.fn()} print={print} />);
    expect(screen.getByRole('button', { name: 'In' })).toBeDisabled();
    await screen.findAllByTestId('print-page');
    await user.click(screen.getByRole('button', { name: 'In' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('a tampered answer (a rate of 700%) is never printed as figures; a lapsed session goes to sign-in', async () => {
    fakeCentral((url) => (url.startsWith('/api/v1/dashboard/units/') ? new Response(JSON.stringify({ ...unitFigures, satisfactionRate: 7 }), { status: 200 }) : undefined));
    render(<MonthlyPrintView month="2026-11" unit={null} below={0.8} dashboard={browserCentralApi.dashboard} onSignInRequired={vi.fn()} onClose={vi.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tải được số liệu của báo cáo');
    expect(screen.queryByTestId('print-page')).toBeNull();
    expect(screen.getByRole('button', { name: 'In' })).toBeDisabled();

    fakeCentral(() => new Response(JSON.stringify({ error: { code: 'SIGN_IN_REQUIRED', message: 'x' } }), { status: 401 }));
    const onSignInRequired = vi.fn();
    render(<MonthlyPrintView month="2026-11" unit="D1" below={0.8} dashboard={browserCentralApi.dashboard} onSignInRequired={onSignInRequired} onClose={vi.fn()} />);
    await vi.waitFor(() => expect(onSignInRequired).toHaveBeenCalledOnce());
  });
});
