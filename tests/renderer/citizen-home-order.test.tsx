// The three issue-15 covers of the home screen together (CitizenScreen): outside the opening
// hours the notice comes first; its "Đánh giá" leads to the dossier step when the office requires
// a code; a scan lifts the notice (a citizen with a receipt wants to rate) and, within the hours,
// the attract screen, with the code linked to the next rating.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredRating } from '../../shared/contract';
import { defaultDossierSettings } from '../../shared/dossier-code';
import { defaultOpeningHours } from '../../shared/opening-hours';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, QUESTION } from '../../renderer/src/screens/CitizenScreen';
import { dossierStepText } from '../../renderer/src/screens/dossier/dossier-step-text';
import { dossierStepChunk } from '../../renderer/src/screens/dossier/load-dossier-step';
import { fakeKioskApi } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const CODE = '000.00.12.H34-261122-0001';
const stored: Result<StoredRating> = { ok: true, data: { id: '01900000-0000-7000-8000-000000000001', seq: 1, createdAt: '2026-11-28T10:00:00.000+07:00' } };
const settle = () => act(async () => {});
const outsideHours = () => screen.queryByRole('heading', { name: 'Ngoài giờ làm việc' });
const attract = () => screen.queryByRole('button', { name: /Mời Ông\/Bà đánh giá sự phục vụ/ });

function renderScreen(required: boolean) {
  const submitRating = vi.fn((): Result<StoredRating> => stored);
  const checkDossierCode = vi.fn((input: unknown) => ({ ok: true as const, data: { dossierCode: (input as { dossierCode: string }).dossierCode } }));
  const dossier = { ...defaultDossierSettings, format: 'one-stop' as const, required, allowNoCode: false };
  render(
    <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ({ ok: true, data: home({ openingHours: defaultOpeningHours, dossier }) }), submitRating, checkDossierCode })}>
      <CitizenScreen attractAfterSeconds={120} />
    </KioskApiProvider>,
  );
  return { submitRating };
}

/** A scanner's burst: keys 5 ms apart, then Enter. */
async function scan(code: string): Promise<void> {
  for (const key of [...code, 'Enter']) {
    await act(async () => vi.advanceTimersByTime(5));
    fireEvent.keyDown(document.body, { key });
  }
  await settle();
  await settle();
}

beforeAll(async () => {
  await dossierStepChunk.load();
  await import('../../renderer/src/screens/hours/OutsideHoursNotice');
  await import('../../renderer/src/screens/hours/AttractScreen');
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the home screen with opening hours and a dossier code', () => {
  it('outside the hours with a code required: the notice, then "Đánh giá" → the request for a code, then the faces after a scan', async () => {
    vi.setSystemTime(new Date('2026-11-28T10:00:00+07:00')); // Saturday: closed
    const { submitRating } = renderScreen(true);
    await settle();
    await settle();
    expect(outsideHours()).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Đánh giá' }));
    await settle();
    expect(screen.getByRole('heading', { name: dossierStepText.vi.requiredTitle })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: QUESTION })).toBeNull();
    await scan(CODE);
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 2, dossierCode: CODE });
  });

  it('outside the hours, a scan lifts the notice and links the code', async () => {
    vi.setSystemTime(new Date('2026-11-28T10:00:00+07:00'));
    renderScreen(false);
    await settle();
    await settle();
    expect(outsideHours()).toBeInTheDocument();
    await scan(CODE);
    expect(outsideHours()).toBeNull();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(screen.getByTestId('dossier-linked').textContent).toContain(CODE);
  });

  it('within the hours, a scan lifts the attract screen and links the code', async () => {
    vi.setSystemTime(new Date('2026-11-23T09:00:00+07:00')); // Monday morning: open
    renderScreen(false);
    await settle();
    await act(async () => vi.advanceTimersByTime(120_000));
    await settle();
    expect(attract()).toBeInTheDocument();
    await scan(CODE);
    expect(attract()).toBeNull();
    expect(screen.getByTestId('dossier-linked').textContent).toContain(CODE);
  });
});
