// The staff area is a chunk of its own, fetched when staff start the hold on the office name
// (KioskApp.tsx, staff/load-staff-area.ts). Until it is there the kiosk says so ("Đang mở…",
// role=status); if it cannot be loaded it says that, and "Đóng" brings the citizen back.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { KioskApp, STAFF_AREA_FAILED, STAFF_AREA_OPENING } from '../../renderer/src/KioskApp';
import { QUESTION } from '../../renderer/src/screens/CitizenScreen';
import type * as staffAreaModule from '../../renderer/src/staff/StaffArea';
import { fakeKioskApi } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

type StaffAreaModule = typeof staffAreaModule;
const chunk = vi.hoisted(() => ({ loads: 0, pending: [] as { resolve: (m: unknown) => void; reject: (e: Error) => void }[] }));
vi.mock('../../renderer/src/staff/load-staff-area', () => ({
  loadStaffArea: () => {
    chunk.loads += 1;
    return new Promise((resolve, reject) => chunk.pending.push({ resolve, reject }));
  },
}));

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});

function renderApp() {
  const api = fakeKioskApi({
    getHomeScreen: () => ok(home()),
    getSetupState: () => ok({ needsSetup: false }),
    getSyncStatus: () => ok({ state: 'idle', pendingCount: 0, pendingReasonAnswers: 0, oldestPendingAt: null, quarantinedCount: 0, lastSuccessAt: null, lastProblem: null, nextAttemptAt: null }),
    listSignInChoices: () => ok({ officers: [], roles: ['section-head', 'it-admin'] }),
    staffSignOut: () => ok({ ok: true as const }),
  });
  render(
    <KioskApiProvider api={api}>
      <KioskApp />
    </KioskApiProvider>,
  );
}

async function holdOfficeName() {
  const entry = screen.getByTestId('staff-entry');
  fireEvent.pointerDown(entry, { pointerId: 1, button: 0, pointerType: 'touch', clientX: 40, clientY: 30 });
  await act(async () => vi.advanceTimersByTime(3_000));
}

beforeEach(() => {
  chunk.loads = 0;
  chunk.pending.length = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('opening the staff area', () => {
  it('starts fetching the chunk when the hold starts, and says "Đang mở…" until it is there', async () => {
    renderApp();
    await settle();
    expect(chunk.loads).toBe(0); // the citizen screen never asks for it
    await holdOfficeName();
    expect(chunk.loads).toBeGreaterThan(0);
    expect(screen.getByRole('status')).toHaveTextContent(STAFF_AREA_OPENING);
    expect(screen.queryByRole('heading', { name: QUESTION })).not.toBeInTheDocument();

    const { StaffArea } = await vi.importActual<StaffAreaModule>('../../renderer/src/staff/StaffArea');
    await act(async () => chunk.pending.forEach((p) => p.resolve({ StaffArea })));
    await settle();
    expect(screen.queryByText(STAFF_AREA_OPENING)).not.toBeInTheDocument();
    expect(screen.getByText('Chọn người đăng nhập')).toBeInTheDocument();
  });

  it('says so when the chunk cannot be loaded; "Đóng" brings the citizen back, and the next hold tries again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    renderApp();
    await settle();
    await holdOfficeName();
    await act(async () => chunk.pending.forEach((p) => p.reject(new Error('chunk missing'))));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(STAFF_AREA_FAILED);

    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();

    const before = chunk.loads;
    await holdOfficeName();
    expect(chunk.loads).toBeGreaterThan(before);
    expect(screen.getByRole('status')).toHaveTextContent(STAFF_AREA_OPENING);
    logged.mockRestore();
  });

  it('"Đóng" while it loads brings the citizen back', async () => {
    renderApp();
    await settle();
    await holdOfficeName();
    expect(screen.getByRole('status')).toHaveTextContent(STAFF_AREA_OPENING);
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });
});
