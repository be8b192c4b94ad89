// Issue 14, findings 4 and 5: the citizen screen knows whether the backend answers before
// anyone taps. The one out-of-service notice then says what happened — reconnecting, not "your
// rating was not recorded" unless a tap failed — goes back to the faces by itself when the
// backend answers again, and keeps the staff's way in (the 3-second hold on the office name).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomeScreen, MethodName } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { createKioskClient, type BackendConnection } from '../../renderer/src/api/kiosk-client';
import * as replySchemas from '../../renderer/src/api/reply-schemas';
import { CitizenScreen, OUT_OF_SERVICE, QUESTION } from '../../renderer/src/screens/CitizenScreen';
import { citizenText } from '../../renderer/src/screens/citizen-text';
import { home } from '../support/renderer-fixtures';

const vi_ = citizenText.vi;
const NOT_RECORDED = vi_.outOfServiceLines[0];
const settle = () => act(async () => {});

/**
 * A browser-mode backend as the page sees it: `answering` decides whether calls reach it (a
 * call to a dead host fails in the transport), `connection` drives the events stream's state.
 */
function fakeHost(methods: Partial<Record<MethodName, () => Result<unknown>>> = {}) {
  let answering = true;
  const watchers = new Set<(state: BackendConnection) => void>();
  let state: BackendConnection = 'up';
  const calls = vi.fn((name: MethodName) => name);
  const api = createKioskClient(
    {
      call: async (name) => {
        calls(name);
        if (!answering) throw new TypeError('Failed to fetch');
        const method = methods[name];
        if (method !== undefined) return method();
        if (name === 'getHomeScreen') return { ok: true, data: home() } satisfies Result<HomeScreen>;
        if (name === 'getSetupState') return { ok: true, data: { needsSetup: false } };
        if (name === 'getSyncStatus') return { ok: false, error: kioskError('UNAVAILABLE') };
        throw new Error(`test did not install ${name}`);
      },
      listen: () => () => {},
      watchConnection: (watcher) => {
        watchers.add(watcher);
        watcher(state);
        return () => watchers.delete(watcher);
      },
    },
    replySchemas,
  );
  const connection = (next: BackendConnection, reachable = next === 'up') => {
    answering = reachable;
    state = next;
    act(() => watchers.forEach((watcher) => watcher(next)));
  };
  const homeCalls = () => calls.mock.calls.filter(([name]) => name === 'getHomeScreen').length;
  return { api, connection, homeCalls, setAnswering: (value: boolean) => (answering = value) };
}

function renderScreen(api: ReturnType<typeof fakeHost>['api'], onStaffEntry = () => {}) {
  return render(
    <KioskApiProvider api={api}>
      <CitizenScreen retrySeconds={15} onStaffEntry={onStaffEntry} />
    </KioskApiProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the citizen screen and a backend that stops answering', () => {
  it('a freshly loaded page with no backend: the notice says it is reconnecting, not that a rating was lost', async () => {
    const host = fakeHost();
    host.setAnswering(false);
    renderScreen(host.api);
    await settle();
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(OUT_OF_SERVICE);
    expect(notice).toHaveTextContent(vi_.reconnecting);
    expect(notice).not.toHaveTextContent('chưa được ghi nhận');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('the backend goes away while the faces show: the notice comes before any tap; back → the faces, without waiting for the retry', async () => {
    const host = fakeHost();
    renderScreen(host.api);
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();

    host.connection('down');
    await settle();
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(vi_.reconnecting);
    expect(notice).not.toHaveTextContent(NOT_RECORDED);
    expect(screen.queryByRole('heading', { name: QUESTION })).not.toBeInTheDocument();

    // Still down at the screen's own retry: still the notice, still no "not recorded".
    await act(async () => vi.advanceTimersByTime(15_000));
    expect(screen.getByRole('alert')).not.toHaveTextContent(NOT_RECORDED);

    const before = host.homeCalls();
    host.connection('up');
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(host.homeCalls()).toBe(before + 1);
  });

  it('says "not recorded" only when a tap actually failed', async () => {
    const host = fakeHost();
    renderScreen(host.api);
    await settle();
    host.setAnswering(false); // the stream has not noticed yet; the tap finds out first
    fireEvent.click(screen.getByRole('button', { name: 'Rất hài lòng' }));
    await settle();
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(NOT_RECORDED);
    expect(notice).toHaveTextContent(vi_.reconnecting);
    // The stream notices: the notice stays one of a failed tap.
    host.connection('down');
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(NOT_RECORDED);
  });

  it('a host that no longer accepts the page: a line for IT to open the new address', async () => {
    const host = fakeHost({ getHomeScreen: () => ({ ok: false, error: kioskError('UNAUTHORIZED') }) });
    renderScreen(host.api);
    await settle();
    host.connection('refused', true);
    await settle();
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(vi_.addressChanged);
    expect(notice).not.toHaveTextContent(NOT_RECORDED);
    expect(notice).not.toHaveTextContent(vi_.reconnecting);
  });

  it('keeps the staff way in on the notice: the office name, held for 3 seconds', async () => {
    const host = fakeHost();
    const onStaffEntry = vi.fn();
    renderScreen(host.api, onStaffEntry);
    await settle();
    host.connection('down');
    await settle();
    const entry = screen.getByTestId('staff-entry');
    expect(entry).toHaveTextContent(home().officeName);
    fireEvent.pointerDown(entry, { pointerId: 1, button: 0, pointerType: 'touch', clientX: 40, clientY: 30 });
    await act(async () => vi.advanceTimersByTime(3_100));
    fireEvent.pointerUp(entry, { pointerId: 1, pointerType: 'touch' });
    expect(onStaffEntry).toHaveBeenCalledTimes(1);
  });

  it('on a page that never reached the backend the staff way in is there too', async () => {
    const host = fakeHost();
    host.setAnswering(false);
    renderScreen(host.api);
    await settle();
    expect(screen.getByRole('alert')).toContainElement(screen.getByTestId('staff-entry'));
  });
});
