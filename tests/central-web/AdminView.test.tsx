// Central's page, the province admin's "Quản trị" view (issue 16): accounts (a one-time password
// shown once, the shared rules checked before sending, central's refusals said, no "disable" on
// one's own row), the unit tree (edit never offers a unit under itself, a refused spreadsheet lists
// each bad line), devices (revoke after a question; registering stays on the server).
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccountView, AdminDevice } from '../../shared/central-admin';
import type { DirectoryResponse } from '../../shared/central-directory';
import type { AdminApi } from '../../central/web/src/admin-api';
import { AdminView } from '../../central/web/src/AdminView';

const directory: DirectoryResponse = {
  units: [
    { code: 'H56-TL', name: 'Huyện Tân Lạc', offices: [], units: [{ code: 'X-TL-01', name: 'Xã Phong Phú', units: [], offices: [{ officeCode: '000.00.21.H56', name: 'UBND xã Phong Phú', timeZone: null, devices: [] }] }] },
    { code: 'H56-CP', name: 'Huyện Cao Phong', offices: [], units: [] },
  ],
  unassignedOffices: [{ officeCode: '000.00.99.H56', name: null, timeZone: null, devices: [] }],
};
const accounts: AccountView[] = [
  { username: 'sonoivu', role: 'province-admin', units: [], createdAt: '2026-11-01T00:00:00.000Z', disabledAt: null, lockedUntil: null, failures: 0 },
  { username: 'tanlac', role: 'unit-viewer', units: ['H56-TL'], createdAt: '2026-11-01T00:00:00.000Z', disabledAt: null, lockedUntil: null, failures: 0 },
];
const devices: AdminDevice[] = [
  { deviceId: '0192f1a4-3c1e-7cc0-9a3e-1f2d3c4b5a69', officeCode: '000.00.21.H56', officeName: 'UBND xã Phong Phú', unitCode: 'X-TL-01', unitName: 'Xã Phong Phú', counter: 1, label: 'Quầy hộ tịch', revoked: false, lastSeenAt: null, ratingCount: 12 },
];
const done = async () => ({ ok: true as const, value: null });

function fakeApi(overrides: Partial<AdminApi> = {}): AdminApi {
  return {
    accounts: vi.fn(async () => ({ ok: true as const, value: accounts })),
    addAccount: vi.fn(async (r) => ({ ok: true as const, value: { username: r.username, password: r.password === undefined ? 'abcde-fghjk-mnpqr-stuvw' : null } })),
    disableAccount: vi.fn(done),
    resetPassword: vi.fn(async (username: string) => ({ ok: true as const, value: { username, password: 'zzzzz-yyyyy-xxxxx-wwwww' } })),
    setViewerUnits: vi.fn(done),
    addUnit: vi.fn(done),
    changeUnit: vi.fn(done),
    assignOffice: vi.fn(done),
    importUnits: vi.fn(async () => ({ ok: true as const, value: { units: 2, offices: 1 } })),
    devices: vi.fn(async () => ({ ok: true as const, value: devices })),
    revokeDevice: vi.fn(done),
    ...overrides,
  };
}

function renderAdmin(api: AdminApi, confirm = vi.fn(() => true)) {
  const onSignInRequired = vi.fn();
  render(<AdminView api={api} directory={async () => ({ ok: true, value: directory })} me="sonoivu" confirm={confirm} onSignInRequired={onSignInRequired} />);
  return { onSignInRequired, confirm };
}

describe('Quản trị › Tài khoản', () => {
  it('adds a unit viewer scoped to a unit; the generated password is shown once and gone when closed', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    renderAdmin(api);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Tên đăng nhập') as string,
      expect.stringMatching(/^sonoivu \(bạn\)Quản trị tỉnhMọi đơn vịĐang dùngĐặt lại mật khẩu$/) as string,
      expect.stringMatching(/^tanlacXem đơn vịHuyện Tân LạcĐang dùngĐặt lại mật khẩuĐổi đơn vịVô hiệu hóa$/) as string,
    ]);
    expect(screen.queryByRole('button', { name: 'Vô hiệu hóa sonoivu' })).toBeNull();

    await user.type(screen.getByLabelText('Tên đăng nhập'), 'phongphu');
    await user.click(screen.getByRole('button', { name: 'Thêm tài khoản' }));
    expect(api.addAccount).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Đơn vị được xem' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toContain('Tài khoản Xem đơn vị cần ít nhất một đơn vị');

    await user.click(within(screen.getByRole('group', { name: 'Đơn vị được xem' })).getByLabelText(/Xã Phong Phú/));
    await user.click(screen.getByRole('button', { name: 'Thêm tài khoản' }));
    expect(api.addAccount).toHaveBeenCalledWith({ username: 'phongphu', role: 'unit-viewer', units: ['X-TL-01'] });
    const shown = await screen.findByRole('alert', { name: 'Mật khẩu dùng một lần' });
    expect(within(shown).getByTestId('one-time-password')).toHaveTextContent('abcde-fghjk-mnpqr-stuvw');
    expect(shown).toHaveTextContent('Chỉ hiển thị một lần');
    await user.click(within(shown).getByRole('button', { name: 'Đã ghi lại, đóng' }));
    expect(screen.queryByTestId('one-time-password')).toBeNull();
    expect(api.accounts).toHaveBeenCalledTimes(2);
  });

  it('a typed password is checked by the shared rules before it is sent, and never shown back', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    renderAdmin(api);
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'quantri2');
    await user.click(screen.getByLabelText('Quản trị tỉnh'));
    await user.click(screen.getByLabelText('Tự nhập mật khẩu'));
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 12 ký tự)'), 'ngắn');
    await user.click(screen.getByRole('button', { name: 'Thêm tài khoản' }));
    expect(api.addAccount).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Mật khẩu (ít nhất 12 ký tự)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Mật khẩu (ít nhất 12 ký tự)')).toHaveAccessibleDescription('Mật khẩu cần ít nhất 12 ký tự');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 12 ký tự)'), ' của Sở Nội vụ 2026');
    await user.click(screen.getByRole('button', { name: 'Thêm tài khoản' }));
    expect(api.addAccount).toHaveBeenCalledWith({ username: 'quantri2', role: 'province-admin', units: [], password: 'ngắn của Sở Nội vụ 2026' });
    expect(await screen.findByRole('status')).toHaveTextContent('Đã tạo tài khoản quantri2 với mật khẩu đã nhập.');
    expect(screen.queryByTestId('one-time-password')).toBeNull();
  });

  it("central's refusal is said as central words it; disable and reset ask first; a reset shows the new password once", async () => {
    const api = fakeApi({ addAccount: vi.fn(async () => ({ ok: false as const, refusal: { code: 'ACCOUNT_EXISTS', message: 'Tên đăng nhập này đã có tài khoản.', detail: 'tanlac' } })) });
    const user = userEvent.setup();
    const { confirm } = renderAdmin(api, vi.fn().mockReturnValueOnce(false).mockReturnValue(true));
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'tanlac');
    await user.click(within(screen.getByRole('group', { name: 'Đơn vị được xem' })).getByLabelText(/Huyện Tân Lạc/));
    await user.click(screen.getByRole('button', { name: 'Thêm tài khoản' }));
    expect(await screen.findByText('Tên đăng nhập này đã có tài khoản. (tanlac)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Vô hiệu hóa tanlac' }));
    expect(confirm).toHaveBeenLastCalledWith('Vô hiệu hóa tài khoản tanlac? Mọi phiên đăng nhập của tài khoản kết thúc ngay.');
    expect(api.disableAccount).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Vô hiệu hóa tanlac' }));
    expect(api.disableAccount).toHaveBeenCalledWith('tanlac');
    expect(await screen.findByRole('status')).toHaveTextContent('Đã vô hiệu hóa tài khoản tanlac.');

    await user.click(screen.getByRole('button', { name: 'Đặt lại mật khẩu tanlac' }));
    expect(await screen.findByTestId('one-time-password')).toHaveTextContent('zzzzz-yyyyy-xxxxx-wwwww');

    await user.click(screen.getByRole('button', { name: 'Đổi đơn vị tanlac' }));
    const editor = screen.getByRole('form', { name: 'Đổi đơn vị được xem của tanlac' });
    await user.click(within(editor).getByLabelText(/Huyện Cao Phong/));
    await user.click(within(editor).getByRole('button', { name: 'Lưu' }));
    expect(api.setViewerUnits).toHaveBeenCalledWith('tanlac', ['H56-TL', 'H56-CP']);
  });

  it('a session that ended goes back to sign-in', async () => {
    const api = fakeApi({ accounts: vi.fn(async () => ({ ok: false as const, refusal: { code: 'SIGN_IN_REQUIRED', message: '' } })) });
    const { onSignInRequired } = renderAdmin(api);
    await vi.waitFor(() => expect(onSignInRequired).toHaveBeenCalled());
  });
});

describe('Quản trị › Đơn vị', () => {
  it('the tree with offices; a unit cannot be moved under itself or below it; rename and move in one save', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    renderAdmin(api);
    await user.click(await screen.findByRole('button', { name: 'Đơn vị' }));
    const table = await screen.findByRole('table', { name: 'Cây đơn vị' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Huyện Tân Lạc', 'Xã Phong Phú', 'Huyện Cao Phong']);
    expect(table).toHaveTextContent('UBND xã Phong Phú (000.00.21.H56)');
    expect(screen.getByText(/Chưa xếp vào đơn vị: 000\.00\.99\.H56/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sửa Huyện Tân Lạc' }));
    const parent = screen.getByLabelText('Đơn vị cấp trên', { selector: '#edit-unit-parent' });
    expect(within(parent).getAllByRole('option').map((o) => o.textContent?.trim())).toEqual(['— Trực thuộc tỉnh —', 'Huyện Cao Phong (H56-CP)']);
    await user.clear(screen.getByLabelText('Tên đơn vị', { selector: '#edit-unit-name' }));
    await user.type(screen.getByLabelText('Tên đơn vị', { selector: '#edit-unit-name' }), 'Huyện Tân Lạc mới');
    await user.selectOptions(parent, 'H56-CP');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(api.changeUnit).toHaveBeenCalledWith('H56-TL', { name: 'Huyện Tân Lạc mới', parentCode: 'H56-CP' });
    expect(await screen.findByText('Đã lưu đơn vị H56-TL.')).toBeInTheDocument();
  });

  it('a refused spreadsheet lists every bad line in an alert; a bad code is marked on its field before sending', async () => {
    const api = fakeApi({
      importUnits: vi.fn(async () => ({ ok: false as const, refusal: { code: 'UNIT_RULES', message: 'Không thực hiện được; không có thay đổi nào được ghi.', problems: ['dòng 3: Mã đơn vị: Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _', 'dòng 5: không có đơn vị cấp trên KHONG-CO'] } })),
    });
    const user = userEvent.setup();
    renderAdmin(api);
    await user.click(await screen.findByRole('button', { name: 'Đơn vị' }));
    await screen.findByRole('table', { name: 'Cây đơn vị' });
    await user.upload(screen.getByLabelText('Tệp danh sách đơn vị'), new File(['Mã đơn vị,Tên đơn vị\n'], 'don-vi.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Nhập tệp' }));
    const alert = await screen.findByText(/Tệp không được nhập/);
    const region = alert.closest('[role="alert"]') as HTMLElement;
    expect(within(region).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'dòng 3: Mã đơn vị: Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _',
      'dòng 5: không có đơn vị cấp trên KHONG-CO',
    ]);

    await user.type(screen.getByLabelText('Mã đơn vị'), 'có dấu');
    await user.type(screen.getByLabelText('Tên đơn vị', { selector: '#unit-name' }), 'Xã Mới');
    await user.click(screen.getByRole('button', { name: 'Thêm đơn vị' }));
    expect(api.addUnit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Mã đơn vị')).toHaveAccessibleDescription('Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _');
    await user.clear(screen.getByLabelText('Mã đơn vị'));
    await user.type(screen.getByLabelText('Mã đơn vị'), 'X-MOI');
    await user.selectOptions(screen.getByLabelText('Đơn vị cấp trên', { selector: '#unit-parent' }), 'H56-CP');
    await user.click(screen.getByRole('button', { name: 'Thêm đơn vị' }));
    expect(api.addUnit).toHaveBeenCalledWith({ code: 'X-MOI', name: 'Xã Mới', parentCode: 'H56-CP' });
  });
});

describe('Quản trị › Thiết bị', () => {
  it('lists devices with office and unit, revokes after asking, and sends registration to the server', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    renderAdmin(api);
    await user.click(await screen.findByRole('button', { name: 'Thiết bị' }));
    const table = await screen.findByRole('table', { name: 'Máy đánh giá' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/^0192f1a4…UBND xã Phong Phú 000\.00\.21\.H56Xã Phong Phú1Quầy hộ tịchHoạt độngChưa bao giờ12Thu hồi$/);
    expect(screen.getByText(/device add/)).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Thu hồi Quầy hộ tịch (UBND xã Phong Phú)' }));
    expect(api.revokeDevice).toHaveBeenCalledWith('0192f1a4-3c1e-7cc0-9a3e-1f2d3c4b5a69');
    expect(await screen.findByText('Đã thu hồi thiết bị Quầy hộ tịch (UBND xã Phong Phú).')).toBeInTheDocument();
  });
});
