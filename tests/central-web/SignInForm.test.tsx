// Central's web page (issue 16): the sign-in form says each refusal in Vietnamese (wrong
// password, a lockout with the time to come back, the address rate limit, central unreachable),
// clears the password and puts focus back on it; the frame shows who is signed in, the views to
// come, the unit list for a province admin only, and signs out.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SessionAccount } from '../../shared/central-accounts';
import type { DirectoryResponse } from '../../shared/central-directory';
import { CentralApp } from '../../central/web/src/CentralApp';
import type { CentralApi, Outcome } from '../../central/web/src/central-api';
import { SignInForm } from '../../central/web/src/SignInForm';
import { waitText } from '../../central/web/src/refusal-text';
import { provinceFigures } from '../support/dashboard-figures-fixture';

const NOW = new Date('2026-11-29T07:00:00.000Z'); // 14:00 in Hà Nội
const admin: SessionAccount = { username: 'sonoivu', role: 'province-admin', units: [], expiresAt: '2026-11-29T19:00:00.000Z' };
const viewer: SessionAccount = { username: 'tanlac', role: 'unit-viewer', units: ['H56-TL'], expiresAt: '2026-11-29T19:00:00.000Z' };
const directory: DirectoryResponse = {
  units: [{ code: 'H56-TL', name: 'Huyện Tân Lạc', offices: [], units: [{ code: 'X-TL-01', name: 'Xã Phong Phú', units: [], offices: [{ officeCode: '000.00.21.H56', name: 'UBND xã Phong Phú – Bộ phận Một cửa', timeZone: null, devices: [] }] }] }],
  unassignedOffices: [],
};

function refused(code: string, extra: { retryAt?: Date; retryAfterSeconds?: number } = {}): Outcome<SessionAccount> {
  return { ok: false, refusal: { code, message: `central: ${code}`, ...extra } };
}

async function typeAndSubmit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Tên đăng nhập'), username);
  await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
  return user;
}

describe('the sign-in form', () => {
  it('sends the trimmed username and the password as typed; a right password hands the account on', async () => {
    const signIn = vi.fn(async () => ({ ok: true as const, value: admin }));
    const onSignedIn = vi.fn();
    render(<SignInForm signIn={signIn} onSignedIn={onSignedIn} now={() => NOW} />);
    await typeAndSubmit('  sonoivu ', ' mật khẩu có dấu ');
    expect(signIn).toHaveBeenCalledWith('sonoivu', ' mật khẩu có dấu ');
    expect(onSignedIn).toHaveBeenCalledWith(admin);
  });

  it('a wrong password: the Vietnamese message, the password cleared and focused for the next try', async () => {
    render(<SignInForm signIn={async () => refused('SIGN_IN_FAILED')} onSignedIn={vi.fn()} now={() => NOW} />);
    await typeAndSubmit('sonoivu', 'sai mật khẩu rồi');
    expect(screen.getByRole('alert')).toHaveTextContent('Tên đăng nhập hoặc mật khẩu không đúng.');
    const password = screen.getByLabelText('Mật khẩu');
    expect(password).toHaveValue('');
    expect(password).toHaveFocus();
    expect(password).toHaveAttribute('aria-invalid', 'true');
  });

  it('a lockout says until when (local time) and for how long; so does the failure that started it', async () => {
    const retryAt = new Date(NOW.getTime() + 2 * 60_000);
    const { unmount } = render(<SignInForm signIn={async () => refused('ACCOUNT_LOCKED', { retryAt })} onSignedIn={vi.fn()} now={() => NOW} />);
    await typeAndSubmit('sonoivu', 'x');
    expect(screen.getByRole('alert')).toHaveTextContent(/^Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần\. Hãy thử lại lúc \d{2}:\d{2} \(sau 2 phút\)\.$/);
    unmount();
    render(<SignInForm signIn={async () => refused('SIGN_IN_FAILED', { retryAt })} onSignedIn={vi.fn()} now={() => NOW} />);
    await typeAndSubmit('sonoivu', 'x');
    expect(screen.getByRole('alert')).toHaveTextContent(/không đúng\. Đã sai nhiều lần: tài khoản tạm khóa, hãy thử lại lúc \d{2}:\d{2} \(sau 2 phút\)\./);
  });

  it('the address rate limit, a disabled account, central unreachable, and an empty form each say what to do', async () => {
    const outcomes: Outcome<SessionAccount>[] = [refused('RATE_LIMITED', { retryAfterSeconds: 42 }), refused('ACCOUNT_DISABLED'), { ok: false, refusal: null }];
    const signIn = vi.fn(async () => outcomes.shift() ?? refused('MALFORMED'));
    render(<SignInForm signIn={signIn} onSignedIn={vi.fn()} now={() => NOW} />);
    const user = await typeAndSubmit('sonoivu', 'x');
    expect(screen.getByRole('alert')).toHaveTextContent('Có quá nhiều lần đăng nhập từ máy này. Hãy chờ 42 giây rồi thử lại.');
    await user.type(screen.getByLabelText('Mật khẩu'), 'y{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị tỉnh.');
    await user.type(screen.getByLabelText('Mật khẩu'), 'z{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Không kết nối được máy chủ trung tâm. Kiểm tra mạng rồi thử lại.');
    // Nothing typed: nothing sent, and focus on what is missing.
    await user.clear(screen.getByLabelText('Tên đăng nhập'));
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(signIn).toHaveBeenCalledTimes(3);
    expect(screen.getByRole('alert')).toHaveTextContent('Hãy nhập tên đăng nhập và mật khẩu.');
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveFocus();
  });

  it('a second press while the first sign-in is on its way sends nothing more', async () => {
    let answer: (outcome: Outcome<SessionAccount>) => void = () => undefined;
    const signIn = vi.fn(() => new Promise<Outcome<SessionAccount>>((resolve) => (answer = resolve)));
    render(<SignInForm signIn={signIn} onSignedIn={vi.fn()} now={() => NOW} />);
    const user = await typeAndSubmit('sonoivu', 'mật khẩu');
    const busy = screen.getByRole('button', { name: 'Đang đăng nhập…' });
    expect(busy).toBeDisabled();
    await user.type(screen.getByLabelText('Mật khẩu'), '{Enter}');
    expect(signIn).toHaveBeenCalledTimes(1);
    await act(async () => answer(refused('SIGN_IN_FAILED')));
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeEnabled();
  });

  it('waits read as people say them', () => {
    expect([0.2, 59, 61, 3600, 3900].map(waitText)).toEqual(['1 giây', '59 giây', '2 phút', '1 giờ', '1 giờ 5 phút']);
  });
});

function fakeApi(account: SessionAccount | null, overrides: Partial<CentralApi> = {}): CentralApi {
  return {
    currentAccount: vi.fn(async () => account),
    pageInfo: vi.fn(async () => ({ provinceName: null })),
    signIn: vi.fn(async () => ({ ok: true as const, value: admin })),
    signOut: vi.fn(async () => undefined),
    directory: vi.fn(async () => ({ ok: true as const, value: directory })),
    dashboard: vi.fn(async () => ({ ok: true as const, value: provinceFigures })),
    ...overrides,
  };
}

describe('the frame', () => {
  it('a province admin: who and which role, the four views and "Quản trị", the province first, the unit hierarchy, then sign-out', async () => {
    const api = fakeApi(admin);
    const user = userEvent.setup();
    render(<CentralApp api={api} />);
    expect(await screen.findByTestId('signed-in-user')).toHaveTextContent('sonoivu');
    expect(screen.getByRole('banner')).toHaveTextContent('Sở Nội vụ');
    expect(screen.getByRole('banner')).toHaveTextContent('Quản trị tỉnh');
    const nav = screen.getByRole('navigation', { name: 'Các mục' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual(['Toàn tỉnh', 'Đơn vị', 'Cán bộ', 'Báo cáo', 'Cảnh báo', 'Tình trạng thiết bị', 'Quản trị']);
    expect(within(nav).getByRole('button', { name: 'Toàn tỉnh' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByTestId('satisfaction-rate')).toHaveTextContent('66,7%');
    await user.click(within(nav).getByRole('button', { name: 'Đơn vị' }));
    expect(await screen.findByText('Xã Phong Phú')).toBeInTheDocument();
    expect(screen.getByText('UBND xã Phong Phú – Bộ phận Một cửa')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(api.signOut).toHaveBeenCalledTimes(1);
    expect(await screen.findByLabelText('Tên đăng nhập')).toBeInTheDocument();
  });

  it('a unit viewer never asks for the whole directory: "Đơn vị" opens their own unit', async () => {
    const api = fakeApi(viewer);
    const user = userEvent.setup();
    render(<CentralApp api={api} />);
    expect(await screen.findByText(/Xem đơn vị/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Quản trị' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Đơn vị' }));
    await screen.findByTestId('dashboard');
    expect(api.dashboard).toHaveBeenLastCalledWith({ kind: 'unit', code: 'H56-TL' }, expect.objectContaining({ includeFlagged: false }));
    expect(api.directory).not.toHaveBeenCalled();
  });

  it('a session that ended while a view loads goes back to sign-in and says why', async () => {
    const api = fakeApi(admin, { directory: vi.fn(async () => ({ ok: false as const, refusal: { code: 'SIGN_IN_REQUIRED', message: '' } })) });
    const user = userEvent.setup();
    render(<CentralApp api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Đơn vị' }));
    expect(await screen.findByText('Phiên làm việc đã hết. Hãy đăng nhập lại.')).toBeInTheDocument();
    expect(screen.getByLabelText('Tên đăng nhập')).toBeInTheDocument();
  });

  it('nobody signed in: the form, not the frame; the province named by central above it', async () => {
    render(<CentralApp api={fakeApi(null, { pageInfo: async () => ({ provinceName: 'Sở Nội vụ tỉnh Hòa Bình' }) })} />);
    expect(await screen.findByRole('heading', { name: 'Đăng nhập' })).toBeInTheDocument();
    expect(await screen.findByText('Sở Nội vụ tỉnh Hòa Bình')).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
