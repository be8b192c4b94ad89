// Each view of central's page has its own address (issue 16, view-address.ts): the view, the unit or
// officer and the period survive a reload and Back/Forward, a shared link opens the same view, a
// link to a unit the account may not see shows central's refusal, and the report's month, quarter
// or year (with its printable pages) is in the address too. Against a fake central through the real
// fetch path (browserCentralApi + dashboardFiguresSchema).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionAccount } from '../../shared/central-accounts';
import { browserCentralApi, type CentralApi } from '../../central/web/src/central-api';
import { CentralApp } from '../../central/web/src/CentralApp';
import { CentralFrame } from '../../central/web/src/CentralFrame';
import { addressOf, placeOf } from '../../central/web/src/view-address';
import { officerFigures, provinceFigures, unitFigures } from '../support/dashboard-figures-fixture';

const admin: SessionAccount = { username: 'sonoivu', role: 'province-admin', units: [], expiresAt: '2026-11-29T19:00:00.000Z' };
const viewer: SessionAccount = { username: 'phuloc', role: 'unit-viewer', units: ['D1'], expiresAt: '2026-11-29T19:00:00.000Z' };
const TODAY = '2026-11-29';

function fakeCentral() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      asked.push(input);
      if (input.startsWith('/api/v1/dashboard/units/D2')) return new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'central' } }), { status: 403 });
      const body = input.startsWith('/api/v1/dashboard/province')
        ? provinceFigures
        : input.startsWith('/api/v1/dashboard/units/')
          ? { ...unitFigures, subject: { ...unitFigures.subject, code: decodeURIComponent(/\/units\/([^?]+)/.exec(input)?.[1] ?? '') } }
          : input.startsWith('/api/v1/dashboard/officers/')
            ? officerFigures
            : { units: [], unassignedOffices: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return asked;
}
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const frame = (account: SessionAccount) => render(<CentralFrame province="Sở Nội vụ" account={account} api={browserCentralApi} onSignOut={vi.fn()} onSignInRequired={vi.fn()} today={() => TODAY} />);
/** A reload: the page is built anew from the address alone. */
const reload = (account: SessionAccount) => {
  cleanup();
  return frame(account);
};
const here = () => `${window.location.pathname}${window.location.search}`;
/** Back, and the popstate jsdom fires for it. */
const back = () =>
  act(async () => {
    const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    window.history.back();
    await popped;
  });

describe('view addresses', () => {
  it('every view round-trips through its address; a part that does not parse keeps its default', () => {
    const at = (address: string) => {
      const url = new URL(address, 'http://central.test');
      return placeOf({ pathname: url.pathname, search: url.search }, TODAY);
    };
    for (const address of [
      '/?period=month&day=2026-11-29',
      '/don-vi?unit=D%2F1%3Fx&period=quarter&day=2026-10-05&includeFlagged=true',
      '/can-bo?device=dev-a1&officer=o-1&period=custom&from=2026-11-03&to=2026-11-09',
      '/bao-cao?report=quarter&month=2026-10&unit=D1&below=75&print=1',
      '/bao-cao?report=year&month=2026-01&below=80',
      '/quan-tri',
    ])
      expect(addressOf(at(address))).toBe(address);
    expect(at('/don-vi?unit=D%2F1%3Fx').unit).toBe('D/1?x');
    expect(at('/don-vi/?unit=..').unit).toBe('..');
    // Nonsense falls back: the month of today, the province, no print.
    expect(addressOf(at('/?period=decade&day=2026-13-45&includeFlagged=maybe'))).toBe('/?period=month&day=2026-11-29');
    expect(addressOf(at('/khong-co'))).toBe('/?period=month&day=2026-11-29');
    expect(at('/can-bo?device=dev-a1')).toMatchObject({ view: 'officers', officer: null });
    // "Quản trị" carries no period: whether the account may see it is central's to say.
    expect(addressOf(at('/quan-tri/?period=year&unit=D1'))).toBe('/quan-tri');
    expect(addressOf(at('/bao-cao?report=week&month=2026-13&below=500&print=yes'))).toBe('/bao-cao?report=month&month=2026-11&below=80');
  });

  it('province → unit → officer: each a history entry; Back returns to the unit with its period', async () => {
    const asked = fakeCentral();
    const user = userEvent.setup();
    frame(admin);
    await user.click(await screen.findByRole('button', { name: 'Quý' }));
    expect(here()).toBe('/?period=quarter&day=2026-11-29');
    await user.click(await screen.findByRole('button', { name: 'Huyện Phú Lộc' }));
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Huyện Phú Lộc');
    expect(here()).toBe('/don-vi?unit=D1&period=quarter&day=2026-11-29');
    await user.click(screen.getByRole('button', { name: 'Nguyễn Văn An (Công chức tư pháp)' }));
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Nguyễn Văn An');
    expect(here()).toBe('/can-bo?device=dev-a1&officer=o-1&period=quarter&day=2026-11-29');

    await back();
    expect(here()).toBe('/don-vi?unit=D1&period=quarter&day=2026-11-29');
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Huyện Phú Lộc');
    expect(asked.at(-1)).toBe('/api/v1/dashboard/units/D1?from=2026-10-01&to=2026-12-31&includeFlagged=false');
    expect(screen.getByRole('button', { name: 'Đơn vị', current: 'page' })).toBeInTheDocument();
    // Each view draws its charts (recharts in jsdom): a busy machine needs more than the default 5 s.
  }, 15_000);

  it('a reload (or a shared link) of an officer with a custom period opens that officer and period', async () => {
    const asked = fakeCentral();
    window.history.pushState(null, '', '/can-bo?device=dev-a1&officer=o-1&period=custom&from=2026-11-03&to=2026-11-09');
    reload(admin);
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Nguyễn Văn An');
    expect(asked.at(-1)).toBe('/api/v1/dashboard/officers/dev-a1/o-1?from=2026-11-03&to=2026-11-09&includeFlagged=false');
    expect(screen.getByLabelText('Từ ngày')).toHaveValue('2026-11-03');
  });

  it('a link to a unit the viewer may not see shows the refusal, not a blank page', async () => {
    fakeCentral();
    window.history.replaceState(null, '', '/don-vi?unit=D2&period=month&day=2026-11-29');
    frame(viewer);
    expect(await screen.findByRole('alert')).toHaveTextContent('Tài khoản này không có quyền xem nội dung này.');
    expect(screen.getByRole('heading', { name: 'Đơn vị', level: 1 })).toBeInTheDocument();
    expect(screen.queryByTestId('satisfaction-rate')).toBeNull();
  });

  it('a viewer following a link to "Quản trị" sees the refusal and no admin entry; nothing is asked of central', async () => {
    const asked = fakeCentral();
    window.history.replaceState(null, '', '/quan-tri');
    frame(viewer);
    expect(screen.getByRole('alert')).toHaveTextContent('Tài khoản này không có quyền xem nội dung này.');
    expect(screen.queryByRole('button', { name: 'Quản trị' })).toBeNull();
    expect(asked.filter((url) => url.startsWith('/api/v1/admin'))).toEqual([]);
  });

  it('"Báo cáo" by quarter: the .xlsx link and the printable pages follow it; the address keeps it through a reload', async () => {
    const asked = fakeCentral();
    const user = userEvent.setup();
    frame(viewer);
    await user.click(screen.getByRole('button', { name: 'Báo cáo' }));
    expect(here()).toBe('/bao-cao?report=month&month=2026-11&unit=D1&below=80');
    fireEvent.change(screen.getByLabelText('Kỳ báo cáo'), { target: { value: 'quarter' } });
    expect(screen.getByLabelText('Quý')).toHaveValue('3');
    expect(screen.getByRole('link', { name: 'Tải báo cáo' })).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2026-10&period=quarter&unit=D1');
    expect(screen.getByTestId('report-range')).toHaveTextContent('Báo cáo mức độ hài lòng quý IV/2026 (01/10/2026 – 31/12/2026)');
    fireEvent.change(screen.getByLabelText('Quý'), { target: { value: '1' } });
    expect(screen.getByRole('link', { name: 'Tải báo cáo' })).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2026-04&period=quarter&unit=D1');
    fireEvent.change(screen.getByLabelText('Kỳ báo cáo'), { target: { value: 'year' } });
    fireEvent.change(screen.getByLabelText('Năm'), { target: { value: '2025' } });
    expect(screen.getByRole('link', { name: 'Tải báo cáo' })).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2025-01&period=year&unit=D1');
    fireEvent.change(screen.getByLabelText('Kỳ báo cáo'), { target: { value: 'quarter' } });
    fireEvent.change(screen.getByLabelText('Năm'), { target: { value: '2026' } });
    fireEvent.change(screen.getByLabelText('Quý'), { target: { value: '3' } });
    expect(here()).toBe('/bao-cao?report=quarter&month=2026-10&unit=D1&below=80');
    // The units below the chosen rate: in the .xlsx as in the printable pages.
    fireEvent.change(screen.getByLabelText('Ngưỡng tỉ lệ (%)'), { target: { value: '65' } });
    expect(screen.getByRole('link', { name: 'Tải báo cáo' })).toHaveAttribute('href', '/api/v1/reports/monthly.xlsx?month=2026-10&period=quarter&unit=D1&below=0.65');
    fireEvent.change(screen.getByLabelText('Ngưỡng tỉ lệ (%)'), { target: { value: '80' } });

    await user.click(screen.getByRole('button', { name: 'Xem bản in' }));
    const report = await screen.findByTestId('print-report');
    expect(asked.at(-1)).toBe('/api/v1/dashboard/units/C1?from=2026-10-01&to=2026-12-31&includeFlagged=false');
    expect(asked).toContain('/api/v1/dashboard/units/D1?from=2026-10-01&to=2026-12-31&includeFlagged=false');
    const pages = within(report).getAllByTestId('print-page');
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(within(page).getByText('Báo cáo mức độ hài lòng quý IV/2026')).toBeInTheDocument();
    expect(here()).toBe('/bao-cao?report=quarter&month=2026-10&unit=D1&below=80&print=1');

    reload(viewer);
    expect(await screen.findByTestId('print-report')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Quay lại' }));
    expect(screen.getByLabelText('Quý')).toHaveValue('3');
    expect(here()).toBe('/bao-cao?report=quarter&month=2026-10&unit=D1&below=80');
  });

  it('signing out goes back to the province: the next person does not land on the last one\'s view', async () => {
    fakeCentral();
    window.history.replaceState(null, '', '/don-vi?unit=D1&period=year&day=2026-11-29');
    const api: CentralApi = { ...browserCentralApi, currentAccount: async () => admin, pageInfo: async () => ({ provinceName: null }), signOut: async () => undefined };
    const user = userEvent.setup();
    render(<CentralApp api={api} />);
    expect(await screen.findByTestId('subject-name')).toHaveTextContent('Huyện Phú Lộc');
    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('button', { name: 'Đăng nhập' })).toBeInTheDocument();
    expect(here()).toBe('/');
  });
});
