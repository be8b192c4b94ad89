// Central's page, "Tình trạng thiết bị" (issue 17): the summary line, every highlighted row saying
// why in words, sortable headers with aria-sort, the unit filter in the address and sent to central,
// central's refusal said, a session's end back to the form — against a fake central through the
// real fetch path (browserFleetApi + fleetResponseSchema).
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionAccount } from '../../shared/central-accounts';
import type { FleetDevice, FleetResponse } from '../../shared/central-fleet';
import { browserCentralApi } from '../../central/web/src/central-api';
import { CentralFrame } from '../../central/web/src/CentralFrame';
import { agoText, driftText } from '../../central/web/src/fleet-text';

const admin: SessionAccount = { username: 'sonoivu', role: 'province-admin', units: [], expiresAt: '2026-11-29T19:00:00.000Z' };
const viewer: SessionAccount = { username: 'phuloc', role: 'unit-viewer', units: ['D1'], expiresAt: '2026-11-29T19:00:00.000Z' };
const AT = '2026-11-25T01:00:00.000Z';

const device = (name: string, counter: number, over: Partial<FleetDevice>): FleetDevice => ({
  deviceId: `0193a1b2-0000-7000-8000-0000000000${name.toLowerCase()}`,
  officeCode: '000.00.21.H56',
  officeName: 'UBND xã Lộc Trì – Một cửa',
  unitCode: 'C1',
  unitName: 'Xã Lộc Trì',
  counter,
  label: null,
  revoked: false,
  lastContactAt: '2026-11-23T02:20:00.000Z',
  workingDaysSilent: 1,
  silent: false,
  appVersion: '0.3.0',
  outdated: false,
  pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null },
  clockDriftMs: 0,
  healthReceivedAt: '2026-11-23T02:20:00.000Z',
  healthVia: 'http',
  ratingCount: 3,
  maxSeq: 3,
  seqGaps: [],
  missingSeqs: 0,
  chainGaps: [],
  chainGapPositions: 0,
  chainBreaks: [],
  declaredLost: { seq: [], chain: [] },
  incidents: 0,
  ...over,
});

const devices: FleetDevice[] = [
  device('a1', 1, {}),
  device('a2', 2, { seqGaps: [{ from: 3, to: 4 }], missingSeqs: 2, chainGaps: [{ from: 3, to: 4 }], chainGapPositions: 2, clockDriftMs: 125_000 }),
  device('b1', 1, {
    officeCode: '000.00.22.H57', officeName: 'UBND huyện Nam Đông – Một cửa', unitCode: 'D2', unitName: 'Huyện Nam Đông', incidents: 1,
    declaredLost: { seq: [{ from: 4, to: 5 }], chain: [{ from: 4, to: 5 }] },
    chainBreaks: [{ position: 7, kind: 'link-mismatch', detectedAt: '2026-11-23T02:20:00.000Z' }],
  }),
  device('b2', 2, {
    officeCode: '000.00.22.H57', officeName: 'UBND huyện Nam Đông – Một cửa', unitCode: 'D2', unitName: 'Huyện Nam Đông',
    lastContactAt: '2026-11-16T02:00:00.000Z', workingDaysSilent: 6, silent: true, appVersion: '0.2.0', outdated: true, pending: { ratings: 4, reasonAnswers: 1, oldestCreatedAt: null }, clockDriftMs: -40_000,
  }),
];
const fleet: FleetResponse = {
  at: AT,
  silentWorkingDays: 2,
  newestAppVersion: '0.3.0',
  unit: null,
  units: [
    { code: 'D1', name: 'Huyện Phú Lộc', parentCode: null },
    { code: 'C1', name: 'Xã Lộc Trì', parentCode: 'D1' },
    { code: 'D2', name: 'Huyện Nam Đông', parentCode: null },
  ],
  devices,
};

function fakeCentral(answer: (path: string) => Response = () => Response.json(fleet)) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      asked.push(input);
      return answer(input);
    }),
  );
  return asked;
}
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

function open(account: SessionAccount, address = '/thiet-bi') {
  window.history.replaceState(null, '', address);
  const onSignInRequired = vi.fn();
  render(<CentralFrame province="Sở Nội vụ" account={account} api={browserCentralApi} onSignOut={vi.fn()} onSignInRequired={onSignInRequired} today={() => '2026-11-25'} />);
  return { onSignInRequired };
}

const table = () => screen.findByTestId('fleet-table');
/** Each body row: its office and counter, then its badges. */
const rowsOf = async () =>
  within(await table())
    .getAllByRole('row')
    .slice(1)
    .map((tr) => `${tr.querySelector('th .sub')?.textContent ?? ''} ${tr.querySelector('.office')?.textContent ?? ''}: ${[...tr.querySelectorAll('.badge')].map((b) => b.textContent).join(', ')}`);

describe('Tình trạng thiết bị', () => {
  it('a nav entry with its address; the summary line; each highlighted row says why in words, the worst first', async () => {
    const asked = fakeCentral();
    open(admin, '/');
    await userEvent.click(screen.getByRole('button', { name: 'Tình trạng thiết bị' }));
    expect(window.location.pathname).toBe('/thiet-bi');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tình trạng thiết bị');
    expect(await rowsOf()).toEqual([
      // Two warnings each: the longer silence first.
      'Quầy 2 UBND huyện Nam Đông – Một cửa: Im lặng 6 ngày làm việc, Phiên bản cũ',
      'Quầy 1 UBND huyện Nam Đông – Một cửa: Mất dữ liệu đã khai báo, Đứt chuỗi',
      'Quầy 2 UBND xã Lộc Trì – Một cửa: Thiếu số thứ tự',
      'Quầy 1 UBND xã Lộc Trì – Một cửa: Bình thường',
    ]);
    expect(screen.getByTestId('fleet-summary').textContent).toBe('4 máy đánh giá1 im lặng1 thiếu số thứ tự1 mất dữ liệu hoặc đứt chuỗi1 phiên bản cũ');
    const rows = within(await table()).getAllByRole('row');
    expect(rows.slice(1).map((r) => r.className)).toEqual(['attention', 'attention', 'attention', '']);
    // The figures behind the badges, as IT reads them.
    const cells = (row: number) => [...(rows[row]?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    // B2: 4 ratings and 1 reason answer pending, its clock 40 s behind; B1's loss and incident; A2's gap.
    expect(cells(1).slice(2, 4)).toEqual(['0.2.0', '5']);
    expect(cells(1)[4]).toBe('chậm 40 giây');
    expect(cells(2).slice(5, 8)).toEqual(['0', '2 (4–5)1 sự cố', '1']);
    expect(cells(3).slice(4, 6)).toEqual(['nhanh 2 phút', '2 (3–4)']);
    expect(asked.filter((p) => p.startsWith('/api/v1/fleet'))).toEqual(['/api/v1/fleet']);
  });

  it('every column sorts, its header saying how (aria-sort); a second click turns the order round', async () => {
    fakeCentral();
    open(admin);
    const header = async (name: string) => within(await table()).getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect((await header('Tình trạng')).getAttribute('aria-sort')).toBe('descending');
    await userEvent.click(within(await header('Liên lạc lần cuối')).getByRole('button'));
    expect((await header('Liên lạc lần cuối')).getAttribute('aria-sort')).toBe('ascending');
    expect((await header('Tình trạng')).getAttribute('aria-sort')).toBe('none');
    expect((await rowsOf())[0]).toMatch(/^Quầy 2 UBND huyện Nam Đông/);
    await userEvent.click(within(await header('Phiên bản')).getByRole('button'));
    expect((await rowsOf())[0]).toMatch(/^Quầy 2 UBND huyện Nam Đông/); // 0.2.0 first going up
    await userEvent.click(within(await header('Chờ gửi')).getByRole('button'));
    await userEvent.click(within(await header('Chờ gửi')).getByRole('button'));
    expect((await header('Chờ gửi')).getAttribute('aria-sort')).toBe('descending');
    expect((await rowsOf())[0]).toMatch(/^Quầy 2 UBND huyện Nam Đông/);
    await userEvent.click(within(await header('Máy đánh giá')).getByRole('button'));
    // Vietnamese order: "huyện" before "xã"; counters in order within an office.
    expect((await rowsOf()).map((r) => r.split(':')[0])).toEqual([
      'Quầy 1 UBND huyện Nam Đông – Một cửa',
      'Quầy 2 UBND huyện Nam Đông – Một cửa',
      'Quầy 1 UBND xã Lộc Trì – Một cửa',
      'Quầy 2 UBND xã Lộc Trì – Một cửa',
    ]);
    await userEvent.click(within(await header('Lệch đồng hồ')).getByRole('button'));
    await userEvent.click(within(await header('Lệch đồng hồ')).getByRole('button'));
    expect((await rowsOf())[0]).toMatch(/^Quầy 2 UBND xã Lộc Trì/); // 2 minutes ahead
  });

  it('the unit filter goes to central and into the address (a reload keeps it); a unit viewer\'s "all" is their own units', async () => {
    const asked = fakeCentral((path) => Response.json(path.includes('unit=') ? { ...fleet, unit: 'D1', devices: devices.slice(0, 2) } : fleet));
    open(viewer);
    await table();
    expect(screen.getByRole('option', { name: 'Tất cả đơn vị của tài khoản' })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Lọc theo đơn vị'), 'D1');
    expect(`${window.location.pathname}${window.location.search}`).toBe('/thiet-bi?unit=D1');
    await screen.findByText('2 máy đánh giá');
    expect(asked).toEqual(['/api/v1/fleet', '/api/v1/fleet?unit=D1']);
    // Units in tree order, a commune under its district.
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Tất cả đơn vị của tài khoản', 'Huyện Nam Đông', 'Huyện Phú Lộc', '\u00a0\u00a0Xã Lộc Trì']);
  });

  it('central\'s refusal is said; a session that ended goes back to the form', async () => {
    fakeCentral(() => Response.json({ error: { code: 'FORBIDDEN', message: 'Không có quyền xem đơn vị này.', detail: 'Đơn vị D2 ngoài phạm vi của tài khoản' } }, { status: 403 }));
    open(viewer, '/thiet-bi?unit=D2');
    expect((await screen.findByRole('alert')).textContent).toBe('Không có quyền xem đơn vị này. (Đơn vị D2 ngoài phạm vi của tài khoản)');
    vi.unstubAllGlobals();
    fakeCentral(() => Response.json({ error: { code: 'SIGN_IN_REQUIRED', message: 'Cần đăng nhập' } }, { status: 401 }));
    const { onSignInRequired } = open(viewer);
    await vi.waitFor(() => expect(onSignInRequired).toHaveBeenCalled());
  });

  it('a name a kiosk sent is text, never markup', async () => {
    fakeCentral(() => Response.json({ ...fleet, devices: [device('a1', 1, { officeName: '<img src=x onerror="alert(1)">', label: '<b>Quầy</b>' })] }));
    open(admin);
    await table();
    expect(document.querySelector('.fleet-table img, .fleet-table b')).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
  });

  it('says how long ago and how far a clock is off in words', () => {
    expect([agoText('2026-11-25T00:59:30.000Z', AT), agoText('2026-11-25T00:30:00.000Z', AT), agoText('2026-11-24T01:00:00.000Z', AT), agoText('2026-11-16T01:00:00.000Z', AT)]).toEqual([
      'vừa xong', '30 phút trước', '24 giờ trước', '9 ngày trước',
    ]);
    expect([driftText(1500), driftText(-40_000), driftText(125_000), driftText(3_720_000)]).toEqual(['đúng giờ', 'chậm 40 giây', 'nhanh 2 phút', 'nhanh 1 giờ 2 phút']);
  });
});

describe('the address of "Tình trạng thiết bị"', () => {
  it('round-trips with and without a unit; a unit code that does not parse is dropped', async () => {
    const { addressOf, placeOf } = await import('../../central/web/src/view-address');
    const at = (address: string) => placeOf(new URL(address, 'http://central'), '2026-11-25');
    expect(at('/thiet-bi?unit=C1')).toMatchObject({ view: 'fleet', fleetUnit: 'C1' });
    expect(addressOf(at('/thiet-bi?unit=C1'))).toBe('/thiet-bi?unit=C1');
    expect(addressOf(at('/thiet-bi/'))).toBe('/thiet-bi');
    expect(at(`/thiet-bi?unit=${'x'.repeat(65)}`)).toMatchObject({ view: 'fleet', fleetUnit: null });
  });
});
