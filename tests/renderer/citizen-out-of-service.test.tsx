// Issue 12: the citizen screen while the kiosk's storage is out of service — the one notice, with
// the backend's short cause and incident code for IT — and back to the faces when the backend
// says it is in service again, without waiting for the screen's own retry and without a reload.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomeScreen } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, OUT_OF_SERVICE, QUESTION } from '../../renderer/src/screens/CitizenScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const settle = () => act(async () => {});
const outOfService: Result<HomeScreen> = {
  ok: false,
  error: { ...kioskError('OUT_OF_SERVICE', 'Ổ đĩa đã đầy.'), incidentCode: 'HL-DISK-FULL' },
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('CitizenScreen with the storage out of service', () => {
  it('shows the one notice with the cause and the incident code; nobody tapped, so no "not recorded"', async () => {
    render(
      <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => outOfService })}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(OUT_OF_SERVICE);
    expect(notice).toHaveTextContent('Ổ đĩa đã đầy. · Mã sự cố: HL-DISK-FULL');
    expect(notice).not.toHaveTextContent('chưa được ghi nhận');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('goes back to the faces as soon as the backend says it is in service again', async () => {
    const getHomeScreen = vi.fn<() => Result<HomeScreen>>().mockReturnValueOnce(outOfService).mockReturnValue({ ok: true, data: home() });
    const api = fakeKioskApi({ getHomeScreen });
    render(
      <KioskApiProvider api={api}>
        <CitizenScreen retrySeconds={15} />
      </KioskApiProvider>,
    );
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('HL-DISK-FULL');
    act(() => api.push('serviceChanged', { inService: true }));
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(getHomeScreen).toHaveBeenCalledTimes(2);
  });

  it('out of service while showing the faces: the screen asks again and shows the notice', async () => {
    const getHomeScreen = vi.fn<() => Result<HomeScreen>>().mockReturnValueOnce({ ok: true, data: home() }).mockReturnValue(outOfService);
    const api = fakeKioskApi({ getHomeScreen });
    render(
      <KioskApiProvider api={api}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    act(() => api.push('serviceChanged', { inService: false }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Mã sự cố: HL-DISK-FULL');
  });
});

describe('a kiosk not yet set up that starts out of service', () => {
  it('learns that it needs setting up once it is back in service', async () => {
    const getSetupState = vi
      .fn<() => Result<{ needsSetup: boolean }>>()
      .mockReturnValueOnce({ ok: false, error: { ...kioskError('OUT_OF_SERVICE'), incidentCode: 'HL-DISK-FULL' } })
      .mockReturnValue({ ok: true, data: { needsSetup: true } });
    const getHomeScreen = vi.fn<() => Result<HomeScreen>>().mockReturnValueOnce(outOfService).mockReturnValue({ ok: true, data: home() });
    const api = fakeKioskApi({ getHomeScreen, getSetupState } as FakeMethods);
    render(
      <KioskApiProvider api={api}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    act(() => api.push('serviceChanged', { inService: true }));
    await settle();
    expect(getSetupState).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('heading', { name: QUESTION })).not.toBeInTheDocument();
  });
});
