// The dossier code on the citizen screen (issue 15): a simulated scanner (keys a few ms apart,
// then Enter) sets the code for the next rating; slow typing does not, and no key reaches a
// face; the keypad; a malformed code refused kindly; "already rated"; required mode with and
// without "Không có mã hồ sơ"; the code gone after the rating and for the next citizen.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredRating } from '../../shared/contract';
import { defaultDossierSettings, type DossierSettings } from '../../shared/dossier-code';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, QUESTION, THANK_YOU } from '../../renderer/src/screens/CitizenScreen';
import { citizenText } from '../../renderer/src/screens/citizen-text';
import { dossierStepText } from '../../renderer/src/screens/dossier/dossier-step-text';
import { createScanDetector, SCAN_MAX_GAP_MS } from '../../renderer/src/screens/dossier/scan-detector';
import { dossierStepChunk } from '../../renderer/src/screens/dossier/load-dossier-step';
import { DOSSIER_IDLE_SECONDS } from '../../renderer/src/screens/dossier/use-dossier-code';
import { fakeKioskApi } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const CODE = '000.00.12.H34-261122-0001';
const vi_ = { ...citizenText.vi.dossier, ...dossierStepText.vi };
const stored: Result<StoredRating> = { ok: true, data: { id: '01900000-0000-7000-8000-000000000001', seq: 1, createdAt: '2026-11-23T09:15:02.123+07:00' } };

function renderScreen(dossier: Partial<DossierSettings> = {}, rated: ReadonlySet<string> = new Set()) {
  const submitRating = vi.fn((input: unknown): Result<StoredRating> => {
    const code = (input as { dossierCode?: string }).dossierCode;
    return code !== undefined && rated.has(code) ? { ok: false, error: kioskError('DOSSIER_ALREADY_RATED') } : stored;
  });
  const checkDossierCode = vi.fn((input: unknown) => {
    const code = (input as { dossierCode: string }).dossierCode;
    return rated.has(code) ? { ok: false as const, error: kioskError('DOSSIER_ALREADY_RATED') } : { ok: true as const, data: { dossierCode: code } };
  });
  const settings = { ...defaultDossierSettings, ...dossier };
  render(
    <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ({ ok: true, data: home({ thankYouSeconds: 3, dossier: settings }) }), submitRating, checkDossierCode })}>
      <CitizenScreen retrySeconds={15} />
    </KioskApiProvider>,
  );
  return { submitRating, checkDossierCode };
}

const settle = () => act(async () => {});

/** Types `text` then Enter, `gapMs` apart, as a keyboard (or scanner) does; returns the keydown events. */
async function typeKeys(text: string, gapMs: number): Promise<boolean[]> {
  const notCancelled: boolean[] = [];
  for (const key of [...text, 'Enter']) {
    await act(async () => vi.advanceTimersByTime(gapMs));
    notCancelled.push(fireEvent.keyDown(document.activeElement ?? document.body, { key }));
  }
  await settle();
  return notCancelled;
}

// The dossier step is its own chunk: loaded once here, as the kiosk prefetches it, so the
// screen's own import of it resolves within a test's settle().
beforeAll(async () => {
  await dossierStepChunk.load();
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the scan detector', () => {
  it('a burst of ≥ 4 characters ≤ 50 ms apart ended by Enter is a scan; slower, shorter, held or modified keys are not', () => {
    const scan = (keys: string[], gap: number, extra = {}) => {
      const detector = createScanDetector();
      return keys.map((k, i) => detector.key(k, 1000 + i * gap, extra)).at(-1);
    };
    expect(scan([...'HS-1', 'Enter'], SCAN_MAX_GAP_MS)).toEqual({ kind: 'scan', code: 'HS-1' });
    expect(scan([...'HS-1', 'Enter'], SCAN_MAX_GAP_MS + 1)).toEqual({ kind: 'pass' });
    expect(scan([...'HS1', 'Enter'], 5)).toEqual({ kind: 'pass' });
    expect(scan([...'AAAAA', 'Enter'], 5, { repeat: true })).toEqual({ kind: 'pass' });
    expect(scan([...'HS-1', 'Enter'], 5, { modified: true })).toEqual({ kind: 'pass' });
    // Shift before a capital does not break a burst.
    const detector = createScanDetector();
    const steps = ['Shift', 'H', 'Shift', 'S', '-', '1', '2', 'Enter'].map((k, i) => detector.key(k, i * 8));
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: 'HS-12' });
    // A slow start then a fast burst: only the burst counts.
    const mixed = createScanDetector();
    mixed.key('X', 0);
    expect(['H', 'S', '-', '9', 'Enter'].map((k, i) => mixed.key(k, 500 + i * 10)).at(-1)).toEqual({ kind: 'scan', code: 'HS-9' });
  });
});

describe('CitizenScreen with a dossier code', () => {
  it('a simulated scanner sets the code; the citizen sees it; the rating carries it; then it is gone', async () => {
    const { submitRating } = renderScreen({ format: 'one-stop' });
    await settle();
    screen.getByRole('button', { name: 'Hài lòng' }).focus();
    const notCancelled = await typeKeys(CODE.toLowerCase(), 8);
    // No key reached the focused face: every one was taken (cancelled) by the scanner listener.
    expect(notCancelled.every((n) => !n)).toBe(true);
    expect(submitRating).not.toHaveBeenCalled();
    expect(screen.getByTestId('dossier-linked')).toHaveTextContent(`${vi_.linked} ${CODE}`);
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 2, dossierCode: CODE });
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(3_000));
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(screen.queryByTestId('dossier-linked')).not.toBeInTheDocument();
  });

  it('slow typing on a physical keyboard is not a scan, and its Enter is left alone', async () => {
    const { checkDossierCode } = renderScreen();
    await settle();
    const notCancelled = await typeKeys('HS-0001', 180);
    expect(notCancelled.at(-1)).toBe(true); // Enter passed through
    expect(notCancelled.slice(0, -1).every((n) => !n)).toBe(true); // the letters went nowhere
    expect(checkDossierCode).not.toHaveBeenCalled();
    expect(screen.queryByTestId('dossier-linked')).not.toBeInTheDocument();
  });

  it('the keypad: typed code, erase, done; "Bỏ mã" removes it', async () => {
    const { submitRating } = renderScreen();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: vi_.enter }));
    await settle(); // the keypad is its own chunk (load-dossier-step.ts)
    for (const key of ['H', 'S', 'X', '-', '4', '2']) fireEvent.click(screen.getByRole('button', { name: key }));
    for (let i = 0; i < 4; i += 1) fireEvent.click(screen.getByRole('button', { name: vi_.erase }));
    for (const key of ['-', '4', '2']) fireEvent.click(screen.getByRole('button', { name: key }));
    expect(screen.getByTestId('dossier-typed')).toHaveTextContent('HS-42');
    fireEvent.click(screen.getByRole('button', { name: vi_.done }));
    await settle();
    expect(screen.getByTestId('dossier-linked')).toHaveTextContent('HS-42');
    fireEvent.click(screen.getByRole('button', { name: vi_.remove }));
    expect(screen.queryByTestId('dossier-linked')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Rất hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 1 });
  });

  it('a malformed code is refused kindly: by the keypad in place, and after a scan instead of the faces', async () => {
    const { checkDossierCode } = renderScreen({ format: 'one-stop' });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: vi_.enter }));
    await settle(); // the keypad is its own chunk (load-dossier-step.ts)
    for (const key of ['H', 'S', '1', '2']) fireEvent.click(screen.getByRole('button', { name: key }));
    fireEvent.click(screen.getByRole('button', { name: vi_.done }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(vi_.invalidTitle);
    expect(screen.getByTestId('dossier-typed')).toHaveTextContent('HS12');
    fireEvent.click(screen.getByRole('button', { name: vi_.cancel }));
    await typeKeys('=CMD|CALC', 5);
    expect(screen.getByTestId('dossier-invalid')).toHaveTextContent(vi_.invalid);
    expect(screen.queryByRole('button', { name: 'Hài lòng' })).not.toBeInTheDocument();
    expect(checkDossierCode).not.toHaveBeenCalled(); // the shared rule refused it before asking
    fireEvent.click(screen.getByRole('button', { name: vi_.close }));
    expect(screen.getByRole('button', { name: 'Hài lòng' })).toBeInTheDocument();
  });

  it('one rating per dossier: "Hồ sơ này đã được đánh giá", no faces for it', async () => {
    renderScreen({ onePerDossier: true }, new Set(['HS-0001']));
    await settle();
    await typeKeys('HS-0001', 5);
    expect(screen.getByTestId('dossier-already-rated')).toHaveTextContent(vi_.alreadyRatedTitle);
    expect(screen.queryByRole('button', { name: 'Hài lòng' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: vi_.close }));
    expect(screen.queryByTestId('dossier-linked')).not.toBeInTheDocument();
  });

  it('a refusal at the tap itself (rated meanwhile) shows the same kind notice, and no thank-you', async () => {
    const rated = new Set<string>();
    const { submitRating } = renderScreen({ onePerDossier: true }, rated);
    await settle();
    await typeKeys('HS-0002', 5);
    rated.add('HS-0002');
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledOnce();
    expect(screen.getByTestId('dossier-already-rated')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: THANK_YOU })).not.toBeInTheDocument();
  });

  it('required, with "Không có mã hồ sơ": the faces wait; the choice shows them and rates without a code', async () => {
    const { submitRating } = renderScreen({ required: true, allowNoCode: true });
    await settle();
    expect(screen.getByRole('heading', { name: vi_.requiredTitle })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hài lòng' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: vi_.noCode }));
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 2 });
  });

  it('required, without "Không có mã hồ sơ": only a code opens the faces; a code left behind is dropped after a minute', async () => {
    renderScreen({ required: true, allowNoCode: false });
    await settle();
    expect(screen.queryByRole('button', { name: vi_.noCode })).not.toBeInTheDocument();
    await typeKeys('HS-0003', 5);
    expect(screen.getByRole('button', { name: 'Hài lòng' })).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(DOSSIER_IDLE_SECONDS * 1000));
    expect(screen.queryByRole('button', { name: 'Hài lòng' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: vi_.requiredTitle })).toBeInTheDocument();
  });

  it('capture off: no keypad button, and a scan is ignored', async () => {
    const { checkDossierCode } = renderScreen({ capture: false });
    await settle();
    expect(screen.queryByRole('button', { name: vi_.enter })).not.toBeInTheDocument();
    await typeKeys('HS-0004', 5);
    expect(checkDossierCode).not.toHaveBeenCalled();
  });
});
