// Central's dashboard views (issue 16) against a fake central whose answers go through the real
// fetch path (browserCentralApi + dashboardFiguresSchema): the province with its period, rate,
// levels, comparison, flagged ratings aside and units lowest first; a unit with officers (a rate
// withheld below the minimum says so) opened from the province; an officer opened from the unit;
// the report link; and an answer that is not the schema is never shown as figures.
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionAccount } from '../../shared/central-accounts';
import { browserCentralApi, dashboardPath, monthlyReportPath } from '../../central/web/src/central-api';
import { CentralFrame } from '../../central/web/src/CentralFrame';
import { officerFigures, provinceFigures, unitFigures } from '../support/dashboard-figures-fixture';

const admin: SessionAccount = { username: 'sonoivu', role: 'province-admin', units: [], expiresAt: '2026-11-29T19:00:00.000Z' };
const viewer: SessionAccount = { username: 'phuloc', role: 'unit-viewer', units: ['D1'], expiresAt: '2026-11-29T19:00:00.000Z' };

/** A fake central: answers each dashboard path with a fixture (or `override`), records the URLs asked. */
function fakeCentral(override?: (url: string) => Response | undefined) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      asked.push(input);
      const special = override?.(input);
      if (special !== undefined) return special;
      const body = input.startsWith('/api/v1/dashboard/province') ? provinceFigures : input.startsWith('/api/v1/dashboard/units/') ? unitFigures : input.startsWith('/api/v1/dashboard/officers/') ? officerFigures : { units: [], unassignedOffices: [] };
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

const frame = (account: SessionAccount) => render(<CentralFrame province="Sở Nội vụ" account={account} api={browserCentralApi} onSignOut={vi.fn()} onSignInRequired={vi.fn()} today={() => '2026-11-29'} />);

describe('the dashboard views', () => {
  it('"Toàn tỉnh": this month by default, the figures in vi-VN, flagged ratings aside, units lowest rate first; the period and the toggle ask again', async () => {
    const asked = fakeCentral();
    const user = userEvent.setup();
    frame(admin);
    expect(await screen.findByTestId('satisfaction-rate')).toHaveTextContent('66,7%');
    expect(asked[0]).toBe('/api/v1/dashboard/province?from=2026-11-01&to=2026-11-30&includeFlagged=false');
    expect(screen.getByTestId('period-range')).toHaveTextContent('01/11/2026 – 30/11/2026');
    expect(screen.getByTestId('total')).toHaveTextContent('12');
    expect(screen.getByTestId('previous')).toHaveTextContent('Kỳ trước (01/10/2026 – 31/10/2026)50%');
    expect(screen.getByTestId('previous')).toHaveTextContent('Tăng 16,7 điểm % so với kỳ trước');
    expect(screen.getByTestId('flagged-aside')).toHaveTextContent('2 lượt nghi bất thường');
    const levels = within(screen.getByTestId('levels-vn-3')).getAllByRole('row').map((r) => r.textContent);
    expect(levels.slice(1)).toEqual(['Rất hài lòng433,3%', 'Hài lòng325%', 'Không hài lòng541,7%']);
    const units = within(screen.getByTestId('units-ranked')).getAllByRole('row').map((r) => r.textContent);
    expect(units.slice(1)).toEqual(['Huyện Nam Đông560%', 'Huyện Phú Lộc771,4%', 'Chưa xếp đơn vị0Chưa có đánh giá']);

    await user.click(screen.getByRole('button', { name: 'Quý' }));
    await user.click(screen.getByLabelText('Tính cả các lượt nghi bất thường'));
    await screen.findByTestId('dashboard');
    expect(asked.at(-1)).toBe('/api/v1/dashboard/province?from=2026-10-01&to=2026-12-31&includeFlagged=true');
    await user.click(screen.getByRole('button', { name: 'Tùy chọn' }));
    expect(screen.getByLabelText('Từ ngày')).toHaveValue('2026-10-01');
  });

  it('a unit opened from the province: officers (a withheld rate says so), then an officer opened from their row', async () => {
    const asked = fakeCentral();
    const user = userEvent.setup();
    frame(admin);
    await user.click(await screen.findByRole('button', { name: 'Huyện Phú Lộc' }));
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Huyện Phú Lộc');
    expect(asked.at(-1)).toMatch(/^\/api\/v1\/dashboard\/units\/D1\?/);
    expect(screen.getByRole('button', { name: 'Đơn vị', current: 'page' })).toBeInTheDocument();
    const officers = within(screen.getByTestId('officers')).getAllByRole('row').map((r) => r.textContent);
    expect(officers.slice(1)).toEqual(['Nguyễn Văn An (Công chức tư pháp)000.00.21.H56580%', 'Trần Thị Bình000.00.21.H562Chưa đủ dữ liệu']);
    expect(screen.getByText('Tỉ lệ của một cán bộ chỉ hiện khi có từ 5 lượt đánh giá trở lên.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Nguyễn Văn An (Công chức tư pháp)' }));
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Nguyễn Văn An');
    expect(asked.at(-1)).toMatch(/^\/api\/v1\/dashboard\/officers\/dev-a1\/o-1\?from=2026-11-01&to=2026-11-30/);
    expect(screen.getByRole('button', { name: 'Cán bộ', current: 'page' })).toBeInTheDocument();
    expect(screen.queryByTestId('flagged-aside')).toBeNull();
  });

  it('a unit viewer lands on their own unit in "Đơn vị"; "Cán bộ" without an officer says where to pick one', async () => {
    const asked = fakeCentral();
    const user = userEvent.setup();
    frame(viewer);
    await screen.findByTestId('dashboard');
    await user.click(screen.getByRole('button', { name: 'Đơn vị' }));
    expect(await screen.findByTestId('officers')).toBeInTheDocument();
    expect(asked.some((url) => url.startsWith('/api/v1/directory'))).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Cán bộ' }));
    expect(screen.getByText(/Chọn một cán bộ/)).toBeInTheDocument();
  });

  it('"Báo cáo": the link downloads the chosen month and unit', async () => {
    fakeCentral();
    const user = userEvent.setup();
    frame(viewer);
    await user.click(screen.getByRole('button', { name: 'Báo cáo' }));
    const link = screen.getByRole('link', { name: 'Tải báo cáo' });
    expect(link).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2026-11&unit=D1');
    fireEvent.change(screen.getByLabelText('Tháng báo cáo'), { target: { value: '2026-10' } });
    expect(screen.getByRole('link', { name: 'Tải báo cáo' })).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2026-10&unit=D1');
  });

  it('an answer that is not the figures schema (a tampered or broken reply) is not shown as figures', async () => {
    fakeCentral((url) => (url.startsWith('/api/v1/dashboard/') ? new Response(JSON.stringify({ ...provinceFigures, satisfactionRate: 7 }), { status: 200 }) : undefined));
    frame(admin);
    expect(await screen.findByRole('alert')).toHaveTextContent('Không kết nối được máy chủ trung tâm');
    expect(screen.queryByTestId('satisfaction-rate')).toBeNull();
  });

  it('a refusal says why in Vietnamese (a unit out of scope, an unknown unit); a session that ended goes back to sign-in', async () => {
    const refuse = (status: number, code: string) => new Response(JSON.stringify({ error: { code, message: 'central' } }), { status });
    fakeCentral((url) => (url.startsWith('/api/v1/dashboard/units/') ? refuse(404, 'UNKNOWN_UNIT') : url.startsWith('/api/v1/dashboard/province') ? refuse(403, 'FORBIDDEN') : undefined));
    const user = userEvent.setup();
    frame(admin);
    expect(await screen.findByRole('alert')).toHaveTextContent('Tài khoản này không có quyền xem nội dung này.');
    vi.unstubAllGlobals();
    fakeCentral((url) => (url.startsWith('/api/v1/dashboard/province') ? undefined : refuse(404, 'UNKNOWN_UNIT')));
    await user.click(screen.getByRole('button', { name: 'Năm' }));
    await user.click(await screen.findByRole('button', { name: 'Huyện Phú Lộc' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Không có đơn vị này trong danh mục của tỉnh.');
    vi.unstubAllGlobals();
    fakeCentral(() => refuse(401, 'SIGN_IN_REQUIRED'));
    const onSignInRequired = vi.fn();
    render(<CentralFrame province="Sở Nội vụ" account={admin} api={browserCentralApi} onSignOut={vi.fn()} onSignInRequired={onSignInRequired} today={() => '2026-11-29'} />);
    await vi.waitFor(() => expect(onSignInRequired).toHaveBeenCalled());
  });

  it('codes in paths are escaped: a unit code cannot reach another route', () => {
    const q = { from: '2026-11-01', to: '2026-11-30', includeFlagged: false };
    expect(dashboardPath({ kind: 'unit', code: '../officers/x?y' }, q)).toBe('/api/v1/dashboard/units/..%2Fofficers%2Fx%3Fy?from=2026-11-01&to=2026-11-30&includeFlagged=false');
    expect(monthlyReportPath('2026-11', 'A&B')).toBe('/api/v1/reports/monthly.xlsx?month=2026-11&unit=A%26B');
  });
});
