import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomeScreen, StoredRating } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { scaleIds, scales } from '../../shared/scales';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, OUT_OF_SERVICE, QUESTION, THANK_YOU } from '../../renderer/src/screens/CitizenScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const stored = (seq: number): Result<StoredRating> => ({
  ok: true,
  data: { id: '01900000-0000-7000-8000-000000000001', seq, createdAt: '2026-11-23T09:15:02.123+07:00' },
});

function renderScreen(methods: FakeMethods) {
  render(
    <KioskApiProvider api={fakeKioskApi(methods)}>
      <CitizenScreen retrySeconds={15} />
    </KioskApiProvider>,
  );
}

/** Let pending promises (the fake backend's replies) settle inside act(). */
const settle = () => act(async () => {});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CitizenScreen', () => {
  it.each(scaleIds)('shows the question, the office, the counter and one button per level of %s', async (scaleId) => {
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ scaleId }) }) });
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(screen.getByText('UBND phường Bến Nghé')).toBeInTheDocument();
    expect(screen.getByText('Quầy số 4')).toBeInTheDocument();
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-disabled'))).toEqual(scales[scaleId].map(() => 'false'));
    // The accessible name is exactly the label: the face is hidden from assistive technology.
    for (const level of scales[scaleId]) expect(screen.getByRole('button', { name: level.label })).toBeInTheDocument();
    expect(buttons.map((b) => b.textContent)).toEqual(scales[scaleId].map((l) => l.label));
  });

  it('stores the tap, then thanks the citizen, then returns home after the configured seconds', async () => {
    const submitRating = vi.fn((): Result<StoredRating> => stored(1));
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ thankYouSeconds: 7 }) }), submitRating });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 2 });
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();

    await act(async () => vi.advanceTimersByTime(6_900));
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(200));
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });

  it('shows the thank-you only after the backend has committed', async () => {
    let commit: (r: Result<StoredRating>) => void = () => {};
    const submitRating = () => new Promise<Result<StoredRating>>((resolve) => (commit = resolve));
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home() }), submitRating });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Rất hài lòng' }));
    await settle();
    expect(screen.queryByRole('heading', { name: THANK_YOU })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rất hài lòng' })).toHaveAttribute('data-pressed', 'true');
    commit(stored(1));
    await settle();
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
  });

  it('turns a double tap, or taps on other buttons while saving, into one rating', async () => {
    let commit: (r: Result<StoredRating>) => void = () => {};
    const submitRating = vi.fn(() => new Promise<Result<StoredRating>>((resolve) => (commit = resolve)));
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home() }), submitRating });
    await settle();
    const button = screen.getByRole('button', { name: 'Không hài lòng' });
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.doubleClick(button);
    fireEvent.click(screen.getByRole('button', { name: 'Rất hài lòng' }));
    commit(stored(1));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 3 });
  });

  it('shows a calm out-of-service message when storing fails, then tries again', async () => {
    const getHomeScreen = vi.fn((): Result<HomeScreen> => ({ ok: true, data: home() }));
    renderScreen({ getHomeScreen, submitRating: () => ({ ok: false, error: kioskError('STORAGE_FAILED') }) });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(OUT_OF_SERVICE);
    expect(screen.getByRole('alert')).toHaveTextContent('chưa được ghi nhận');
    expect(screen.queryByRole('heading', { name: THANK_YOU })).not.toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(15_000));
    await settle();
    expect(getHomeScreen).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });

  it('is out of service when the backend cannot be reached or answers off-contract', async () => {
    renderScreen({
      getHomeScreen: () => ({ ok: true, data: home() }),
      submitRating: () => ({ ok: true, data: { nonsense: true } }) as unknown as Result<StoredRating>,
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(OUT_OF_SERVICE);
  });

  it('reloads the home screen when the scale changed under it, without a thank-you', async () => {
    const getHomeScreen = vi
      .fn<() => Result<HomeScreen>>()
      .mockReturnValueOnce({ ok: true, data: home({ scaleId: 'vn-3' }) })
      .mockReturnValue({ ok: true, data: home({ scaleId: 'vn-5' }) });
    renderScreen({ getHomeScreen, submitRating: () => ({ ok: false, error: kioskError('SCALE_MISMATCH') }) });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(screen.getAllByRole('button')).toHaveLength(5);
    expect(screen.queryByRole('heading', { name: THANK_YOU })).not.toBeInTheDocument();
  });
});
