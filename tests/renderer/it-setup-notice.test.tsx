// A kiosk nobody has set up: the citizen sees a calm notice instead of the rating buttons, and
// the office name still opens the staff area (for the IT admin).
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { NOT_SET_UP_TEXT, NOT_SET_UP_TITLE } from '../../renderer/src/it/NotSetUpNotice';
import { CitizenScreen, QUESTION } from '../../renderer/src/screens/CitizenScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});

function renderScreen(methods: FakeMethods) {
  render(
    <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ok(home()), getSyncStatus: () => ok({ state: 'not-configured', pendingCount: 0, pendingReasonAnswers: 0, oldestPendingAt: null, quarantinedCount: 0, lastSuccessAt: null, lastProblem: null, nextAttemptAt: null }), ...methods })}>
      <CitizenScreen />
    </KioskApiProvider>,
  );
}

describe('the citizen screen of a kiosk not set up', () => {
  it('shows the notice instead of the rating buttons, keeping the office name as the staff entry', async () => {
    renderScreen({ getSetupState: () => ok({ needsSetup: true }) });
    await settle();
    expect(screen.getByRole('heading', { name: NOT_SET_UP_TITLE })).toBeInTheDocument();
    expect(screen.getByText(NOT_SET_UP_TEXT)).toBeInTheDocument();
    expect(screen.queryByText(QUESTION)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rất hài lòng' })).not.toBeInTheDocument();
    expect(screen.getByTestId('staff-entry')).toHaveTextContent('UBND phường Bến Nghé');
  });

  it('shows the rating buttons once set up', async () => {
    renderScreen({ getSetupState: () => ok({ needsSetup: false }) });
    await settle();
    expect(screen.getByText(QUESTION)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rất hài lòng' })).toBeInTheDocument();
    expect(screen.queryByText(NOT_SET_UP_TITLE)).not.toBeInTheDocument();
  });

  it('keeps the buttons when the setup state cannot be read (a rating is never refused for it)', async () => {
    renderScreen({ getSetupState: () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'x' } }) });
    await settle();
    expect(screen.getByRole('button', { name: 'Rất hài lòng' })).toBeInTheDocument();
  });
});
