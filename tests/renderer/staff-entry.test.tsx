import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { KioskApp } from '../../renderer/src/KioskApp';
import { QUESTION } from '../../renderer/src/screens/CitizenScreen';
import { loadStaffArea } from '../../renderer/src/staff/load-staff-area';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { home, OFFICER_LAN, session } from '../support/renderer-fixtures';

const CHOOSER = 'Chọn người đăng nhập';
const ok = <T,>(data: T) => ({ ok: true as const, data });

const choices = (): Result<MethodOutput<'listSignInChoices'>> =>
  ok({ officers: [{ id: OFFICER_LAN, code: 'CB01', name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch', photoDataUrl: null }], roles: ['section-head', 'it-admin'] });

function renderApp(extra: FakeMethods = {}) {
  const staffSignOut = vi.fn(() => ok({ ok: true as const }));
  const getStaffSession = vi.fn(() => ok(session()));
  const api = fakeKioskApi({
    getHomeScreen: () => ok(home()),
    getSyncStatus: () => ok({ state: 'idle', pendingCount: 0, pendingReasonAnswers: 0, oldestPendingAt: null, quarantinedCount: 0, lastSuccessAt: null, lastProblem: null, nextAttemptAt: null }),
    listSignInChoices: choices,
    staffSignIn: () => ok(session()),
    staffSignOut,
    getStaffSession,
    getCurrentShift: () => ok(null),
    ...extra,
  });
  render(
    <KioskApiProvider api={api}>
      <KioskApp />
    </KioskApiProvider>,
  );
  return { staffSignOut, getStaffSession };
}

const settle = () => act(async () => {});
const advance = (ms: number) => act(async () => vi.advanceTimersByTime(ms));
const entry = () => screen.getByTestId('staff-entry');
const press = (patch: { pointerId?: number; clientX?: number; clientY?: number } = {}) =>
  fireEvent.pointerDown(entry(), { pointerId: 1, button: 0, pointerType: 'touch', clientX: 40, clientY: 30, ...patch });
const release = (pointerId = 1) => fireEvent.pointerUp(entry(), { pointerId, pointerType: 'touch' });

async function signIn() {
  await settle();
  fireEvent.click(screen.getByRole('button', { name: /Nguyễn Thị Lan/ }));
  for (const digit of '246810') fireEvent.click(screen.getByRole('button', { name: digit }));
  fireEvent.click(screen.getByRole('button', { name: 'OK' }));
  await settle();
}

// The staff area is a lazily loaded chunk (KioskApp.tsx); here its module is loaded once, up
// front, as the 3-second hold does in the app, so opening it takes one settle as before.
beforeAll(async () => {
  await loadStaffArea();
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the 3-second press on the office name', () => {
  it('opens the staff area after 3 s held still, with a ring shown only after 1 s', async () => {
    renderApp();
    await settle();
    press();
    await advance(900);
    expect(screen.queryByTestId('hold-ring')).not.toBeInTheDocument();
    await advance(200);
    expect(screen.getByTestId('hold-ring')).toBeInTheDocument();
    await advance(1_800);
    expect(screen.queryByText(CHOOSER)).not.toBeInTheDocument();
    await advance(100);
    await settle();
    expect(screen.getByText(CHOOSER)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: QUESTION })).not.toBeInTheDocument();
  });

  it('does nothing for a tap, a short press or a double tap', async () => {
    renderApp();
    await settle();
    press();
    await advance(150);
    release();
    press();
    await advance(120);
    release();
    await advance(60);
    press();
    await advance(2_000);
    release();
    await advance(10_000);
    expect(screen.queryByText(CHOOSER)).not.toBeInTheDocument();
    expect(screen.queryByTestId('hold-ring')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });

  it('is cancelled by a finger sliding away or a second finger', async () => {
    renderApp();
    await settle();
    press();
    await advance(1_500);
    fireEvent.pointerMove(entry(), { pointerId: 1, pointerType: 'touch', clientX: 40 + 80, clientY: 30 });
    await advance(3_000);
    expect(screen.queryByText(CHOOSER)).not.toBeInTheDocument();

    press();
    await advance(1_000);
    press({ pointerId: 2, clientX: 90 });
    await advance(3_000);
    expect(screen.queryByText(CHOOSER)).not.toBeInTheDocument();
  });

  it('tolerates a finger trembling a little', async () => {
    renderApp();
    await settle();
    press();
    fireEvent.pointerMove(entry(), { pointerId: 1, pointerType: 'touch', clientX: 45, clientY: 36 });
    await advance(3_000);
    await settle();
    expect(screen.getByText(CHOOSER)).toBeInTheDocument();
  });
});

describe('the staff area closes itself', () => {
  async function openStaffArea() {
    press();
    await advance(3_000);
    await settle();
  }

  it('after 2 minutes without a touch: signs out and shows the citizen screen again', async () => {
    const { staffSignOut } = renderApp();
    await settle();
    await openStaffArea();
    await signIn();
    expect(screen.getByTestId('staff-area')).toBeInTheDocument();
    await advance(119_000);
    expect(screen.getByTestId('staff-area')).toBeInTheDocument();
    expect(staffSignOut).not.toHaveBeenCalled();
    await advance(1_000);
    await settle();
    expect(staffSignOut).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('staff-area')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });

  it('counts every touch and key as use: the 2 minutes start again', async () => {
    renderApp();
    await settle();
    await openStaffArea();
    await advance(100_000);
    fireEvent.pointerDown(document.body);
    await advance(100_000);
    fireEvent.keyDown(document.body, { key: 'Shift' });
    await advance(100_000);
    expect(screen.getByTestId('staff-area')).toBeInTheDocument();
    await advance(20_000);
    await settle();
    expect(screen.queryByTestId('staff-area')).not.toBeInTheDocument();
  });

  it('with "Đóng" at any time', async () => {
    const { staffSignOut } = renderApp();
    await settle();
    await openStaffArea();
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    await settle();
    expect(staffSignOut).toHaveBeenCalledOnce();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });

  it('keeps the session alive while used, and returns to sign-in when the backend expired it', async () => {
    const getStaffSession = vi.fn<() => Result<MethodOutput<'getStaffSession'>>>(() => ok(session()));
    renderApp({ getStaffSession });
    await settle();
    await openStaffArea();
    await signIn();
    expect(screen.getByText('Ca làm việc')).toBeInTheDocument();
    // Nobody touched it for 30 s: no call; then a touch: the next round touches the session.
    await advance(30_000);
    expect(getStaffSession).not.toHaveBeenCalled();
    fireEvent.pointerDown(document.body);
    await advance(30_000);
    expect(getStaffSession).toHaveBeenCalledOnce();

    getStaffSession.mockReturnValue(ok(null));
    await advance(1_000);
    fireEvent.pointerDown(document.body);
    await advance(29_000);
    await settle();
    expect(screen.getByText(CHOOSER)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Phiên làm việc đã hết. Vui lòng nhập lại mã PIN.');
  });
});
