import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { StaffSession } from '../../shared/staff';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { PIN_MISMATCH } from '../../renderer/src/staff/ChangePinScreen';
import { PinPad } from '../../renderer/src/staff/PinPad';
import { StaffArea } from '../../renderer/src/staff/StaffArea';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { OFFICER_LAN, session } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const advance = (ms: number) => act(async () => vi.advanceTimersByTime(ms));
const dots = () => screen.getByTestId('pin-dots');
const typeDigits = (digits: string) => digits.split('').forEach((d) => fireEvent.click(screen.getByRole('button', { name: d })));

describe('PinPad', () => {
  function Harness({ onSubmit, minLength = 6 }: { onSubmit: (pin: string) => void; minLength?: number }) {
    const [value, setValue] = useState('');
    return <PinPad label="Mã PIN" value={value} onChange={setValue} onSubmit={onSubmit} minLength={minLength} />;
  }

  it('takes digits from large buttons, shows a dot per digit, deletes one, submits from the minimum length', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    for (const digit of '0123456789') expect(screen.getByRole('button', { name: digit })).toBeInTheDocument();
    typeDigits('24681');
    expect(dots()).toHaveAccessibleName('Mã PIN: đã nhập 5 chữ số');
    expect(dots().querySelectorAll('.pin-dot--filled')).toHaveLength(5);
    expect(screen.getByRole('button', { name: 'OK' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Xoá' }));
    expect(dots()).toHaveAccessibleName('Mã PIN: đã nhập 4 chữ số');
    typeDigits('307');
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('2468307');
  });

  it('stops at 8 digits and works from a physical keyboard too', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    for (const key of '1357924680') fireEvent.keyDown(document, { key });
    expect(dots()).toHaveAccessibleName('Mã PIN: đã nhập 8 chữ số');
    fireEvent.keyDown(document, { key: 'Backspace' });
    fireEvent.keyDown(document, { key: 'a' });
    fireEvent.keyDown(document, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('1357924');
  });

  it('is twelve large keys, each with an accessible name', () => {
    render(<Harness onSubmit={() => {}} />);
    const keys = screen.getAllByRole('button');
    expect(keys.map((k) => k.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Xoá', '0', 'OK']);
    for (const key of keys) expect(key).toHaveClass('pin-key'); // sized ≥ 72 px in staff.css
  });
});

describe('signing in with a PIN', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T09:00:00+07:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function renderStaffArea(methods: FakeMethods) {
    const api = fakeKioskApi({
      listSignInChoices: () =>
        ok({ officers: [{ id: OFFICER_LAN, code: 'CB01', name: 'Nguyễn Thị Lan', title: 'Công chức', photoDataUrl: null }], roles: ['section-head', 'it-admin'] }),
      staffSignOut: () => ok({ ok: true as const }),
      getStaffSession: () => ok(session()),
      getCurrentShift: () => ok(null),
      ...methods,
    });
    render(
      <KioskApiProvider api={api}>
        <StaffArea onClose={() => {}} />
      </KioskApiProvider>,
    );
  }

  async function choose(name: RegExp) {
    await settle();
    fireEvent.click(screen.getByRole('button', { name }));
  }

  async function enter(pin: string) {
    typeDigits(pin);
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await settle();
  }

  it('sends the chosen person and the PIN, then shows the home of the role', async () => {
    const staffSignIn = vi.fn(() => ok(session({ role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận' })));
    renderStaffArea({ staffSignIn });
    await choose(/Trưởng bộ phận/);
    await enter('482915');
    expect(staffSignIn).toHaveBeenCalledExactlyOnceWith({ subject: { kind: 'role', role: 'section-head' }, pin: '482915' });
    for (const tile of ['Thống kê đánh giá', 'Báo cáo', 'Cán bộ', 'Lĩnh vực', 'Cài đặt thống kê', 'Đổi mã PIN'])
      expect(screen.getByRole('button', { name: tile })).toBeInTheDocument();
  });

  it('says a wrong PIN in plain Vietnamese and clears the pad', async () => {
    const staffSignIn = vi.fn((): Result<StaffSession> => ({ ok: false, error: kioskError('PIN_WRONG') }));
    renderStaffArea({ staffSignIn });
    await choose(/Nguyễn Thị Lan/);
    await enter('111222');
    expect(staffSignIn).toHaveBeenCalledWith({ subject: { kind: 'officer', officerId: OFFICER_LAN }, pin: '111222' });
    expect(screen.getByRole('alert')).toHaveTextContent('Mã PIN không đúng.');
    expect(dots()).toHaveAccessibleName('Mã PIN: đã nhập 0 chữ số');
    // Typing again clears the message.
    typeDigits('1');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a lockout with a live countdown to retryAt, and the pad is disabled until then', async () => {
    const retryAt = new Date(Date.now() + 65_000).toISOString();
    const staffSignIn = vi
      .fn<() => Result<StaffSession>>()
      .mockReturnValueOnce({ ok: false, error: { ...kioskError('PIN_LOCKED'), retryAt } })
      .mockReturnValue(ok(session()));
    renderStaffArea({ staffSignIn });
    await choose(/Nguyễn Thị Lan/);
    await enter('111222');
    expect(screen.getByRole('alert')).toHaveTextContent('Nhập sai quá nhiều lần. Vui lòng chờ rồi thử lại.');
    expect(screen.getByTestId('lock-countdown')).toHaveTextContent('Có thể thử lại sau 1 phút 05 giây');
    expect(screen.getByRole('button', { name: '5' })).toBeDisabled();
    await advance(1_000);
    expect(screen.getByTestId('lock-countdown')).toHaveTextContent('1 phút 04 giây');
    await advance(20_000);
    expect(screen.getByTestId('lock-countdown')).toHaveTextContent('44 giây');
    await advance(44_000);
    expect(screen.queryByTestId('lock-countdown')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '5' })).toBeEnabled();
    await enter('246810');
    expect(screen.getByText('Ca làm việc')).toBeInTheDocument();
  });

  it('locks the pad at the wrong PIN that starts a wait (PIN_WRONG with retryAt), not one try later', async () => {
    const retryAt = new Date(Date.now() + 60_000).toISOString();
    renderStaffArea({ staffSignIn: () => ({ ok: false, error: { ...kioskError('PIN_WRONG'), retryAt } }) });
    await choose(/Nguyễn Thị Lan/);
    await enter('111222');
    expect(screen.getByRole('alert')).toHaveTextContent('Mã PIN không đúng. Nhập sai quá nhiều lần. Vui lòng chờ rồi thử lại.');
    expect(screen.getByTestId('lock-countdown')).toHaveTextContent('Có thể thử lại sau 1 phút');
    expect(screen.getByRole('button', { name: '5' })).toBeDisabled();
  });

  it('forces a new PIN, entered twice, before anything else when the PIN was a default', async () => {
    const changePin = vi
      .fn<(input: unknown) => Result<MethodOutput<'changePin'>>>()
      .mockReturnValueOnce({ ok: false, error: kioskError('PIN_TOO_WEAK') })
      .mockReturnValue(ok(session()));
    renderStaffArea({ staffSignIn: () => ok(session({ mustChangePin: true })), changePin });
    await choose(/Nguyễn Thị Lan/);
    await enter('000000');
    expect(screen.getByRole('heading', { name: 'Đặt mã PIN mới' })).toBeInTheDocument();
    expect(screen.queryByText('Ca làm việc')).not.toBeInTheDocument();
    expect(screen.getByTestId('pin-prompt')).toHaveTextContent('Nhập mã PIN mới (6 đến 8 chữ số)');

    // Five digits are not a PIN: OK stays off.
    typeDigits('12345');
    expect(screen.getByRole('button', { name: 'OK' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    typeDigits('6');
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.getByTestId('pin-prompt')).toHaveTextContent('Nhập lại mã PIN mới');

    // The two entries differ: start again.
    await enter('654321');
    expect(screen.getByRole('alert')).toHaveTextContent(PIN_MISMATCH);
    expect(changePin).not.toHaveBeenCalled();

    // The backend finds it too weak.
    await enter('123456');
    await enter('123456');
    expect(changePin).toHaveBeenLastCalledWith({ currentPin: '000000', newPin: '123456' });
    expect(screen.getByRole('alert')).toHaveTextContent('Mã PIN quá dễ đoán');
    expect(screen.getByTestId('pin-prompt')).toHaveTextContent('Nhập mã PIN mới');

    await enter('583920');
    await enter('583920');
    expect(changePin).toHaveBeenLastCalledWith({ currentPin: '000000', newPin: '583920' });
    expect(screen.getByText('Ca làm việc')).toBeInTheDocument();
  });

  it('lets a signed-in person change their PIN: current, new, new again', async () => {
    const changePin = vi.fn(() => ok(session()));
    renderStaffArea({ staffSignIn: () => ok(session({ role: 'it-admin', officerId: null, displayName: 'Cán bộ CNTT' })), changePin });
    await choose(/Cán bộ CNTT/);
    await enter('246810');
    expect(screen.getByRole('tab', { name: 'Cài đặt thiết bị' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Đổi mã PIN' }));
    expect(screen.getByTestId('pin-prompt')).toHaveTextContent('Nhập mã PIN hiện tại');
    await enter('246810');
    await enter('975310');
    await enter('975310');
    expect(changePin).toHaveBeenCalledExactlyOnceWith({ currentPin: '246810', newPin: '975310' });
    expect(screen.getByRole('status')).toHaveTextContent('Đã đổi mã PIN.');
  });
});
