import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
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
    // The rating tiles; the office bar also has the large-text toggle.
    const buttons = screen.getAllByRole('button').filter((b) => b.classList.contains('level-button'));
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

  it.each(scaleIds)('thanks every level of %s with the same calm mark, never the chosen face (issue 14)', async (scaleId) => {
    for (const level of scales[scaleId]) {
      renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ scaleId, reasons: [] }) }), submitRating: () => stored(1) });
      await settle();
      fireEvent.click(screen.getByRole('button', { name: level.label }));
      await settle();
      expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
      expect(screen.getByTestId('thanks-mark')).toBeInTheDocument();
      expect(document.querySelector('.face')).toBeNull();
      expect(screen.getByTestId('thanks-more')).toHaveTextContent(
        level.satisfied ? 'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.' : 'Cảm ơn Ông/Bà đã góp ý, chúng tôi sẽ cải thiện.',
      );
      cleanup();
    }
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
    expect(screen.getAllByRole('button').filter((b) => b.classList.contains('level-button'))).toHaveLength(5);
    expect(screen.queryByRole('heading', { name: THANK_YOU })).not.toBeInTheDocument();
  });
});

describe('reasons after a negative rating', () => {
  const reasons = [
    { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', labelEn: 'Unfriendly officer', factor: 'officer' as const, reportPath: false },
    { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access' as const, reportPath: false },
    { code: 'KHAC', label: 'Lý do khác', labelEn: null, factor: null, reportPath: false },
  ];
  const REASONS_TITLE = 'Điều gì làm Ông/Bà chưa hài lòng?';

  it('asks after a negative tap (already stored), and sends the chosen codes in list order', async () => {
    const submitRating = vi.fn((): Result<StoredRating> => stored(1));
    const submitReasons = vi.fn((): Result<{ id: string; referenceCode: null }> => ({ ok: true, data: { id: '01900000-0000-7000-8000-0000000000ff', referenceCode: null } }));
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ reasons }) }), submitRating, submitReasons });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Không hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 3 });
    expect(screen.getByRole('heading', { name: REASONS_TITLE })).toBeInTheDocument();
    expect(screen.getByText(/Đánh giá của Ông\/Bà đã được ghi nhận/)).toBeInTheDocument();
    const send = screen.getByRole('button', { name: 'Gửi lý do' });
    expect(send).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Lý do khác' }));
    fireEvent.click(screen.getByRole('button', { name: 'Thái độ cán bộ chưa tốt' }));
    expect(screen.getByRole('button', { name: 'Lý do khác' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(send);
    await settle();
    expect(submitReasons).toHaveBeenCalledExactlyOnceWith({ ratingId: '01900000-0000-7000-8000-000000000001', reasonCodes: ['THAI-DO', 'KHAC'] });
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
  });

  it('does not ask after a satisfied tap, nor when the list is empty', async () => {
    const submitReasons = vi.fn();
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ reasons }) }), submitRating: () => stored(1), submitReasons });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    await settle();
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    cleanup();

    renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ reasons: [] }) }), submitRating: () => stored(2), submitReasons });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Không hài lòng' }));
    await settle();
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    expect(submitReasons).not.toHaveBeenCalled();
  });

  it('thanks on "Bỏ qua", and gives up by itself after 30 s for a citizen who walked away', async () => {
    const submitReasons = vi.fn();
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ reasons }) }), submitRating: () => stored(1), submitReasons });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Không hài lòng' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ qua' }));
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(5_100));
    await settle();

    fireEvent.click(screen.getByRole('button', { name: 'Không hài lòng' }));
    await settle();
    await act(async () => vi.advanceTimersByTime(29_900));
    expect(screen.getByRole('heading', { name: REASONS_TITLE })).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(200));
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    expect(submitReasons).not.toHaveBeenCalled();
  });
});

describe('language', () => {
  it('offers English when set, in English words, for one citizen only', async () => {
    renderScreen({
      getHomeScreen: () => ({ ok: true, data: home({ languages: ['vi', 'en'], reasons: [{ code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access' as const, reportPath: false }] }) }),
      submitRating: () => stored(1),
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Are you satisfied with the service you received today?' })).toBeInTheDocument();
    expect(screen.getByText('Counter 4')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tiếng Việt' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Not satisfied' }));
    await settle();
    expect(screen.getByRole('heading', { name: 'What were you not satisfied with?' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByRole('heading', { name: 'Thank you for your rating!' })).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(5_100));
    await settle();
    // The next citizen starts in Vietnamese.
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });

  it('shows no language switch when only Vietnamese is set', async () => {
    renderScreen({ getHomeScreen: () => ({ ok: true, data: home() }) });
    await settle();
    expect(screen.queryByRole('button', { name: 'English' })).not.toBeInTheDocument();
  });
});

describe('large text ("Chữ lớn")', () => {
  const largeTextOn = () => document.querySelector('main')?.classList.contains('screen--large-text');

  it('enlarges the question, the tiles and the reasons for one citizen, then resets after the thank-you', async () => {
    renderScreen({
      getHomeScreen: () => ({ ok: true, data: home({ reasons: [{ code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access' as const, reportPath: false }] }) }),
      submitRating: () => stored(1),
    });
    await settle();
    const toggle = screen.getByRole('button', { name: 'Chữ lớn' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(largeTextOn()).toBe(false);
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Chữ lớn' })).toHaveAttribute('aria-pressed', 'true');
    expect(largeTextOn()).toBe(true);
    // A second press turns it off, a third on again.
    fireEvent.click(toggle);
    expect(largeTextOn()).toBe(false);
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: 'Không hài lòng' }));
    await settle();
    expect(screen.getByRole('heading', { name: 'Điều gì làm Ông/Bà chưa hài lòng?' })).toBeInTheDocument();
    expect(largeTextOn()).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ qua' }));
    await act(async () => vi.advanceTimersByTime(5_100));
    await settle();
    // The next citizen starts at the usual size.
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Chữ lớn' })).toHaveAttribute('aria-pressed', 'false');
    expect(largeTextOn()).toBe(false);
  });

  it('resets also when a citizen walked away from the reasons (timeout), and speaks English in English', async () => {
    renderScreen({
      getHomeScreen: () => ({ ok: true, data: home({ languages: ['vi', 'en'], reasons: [{ code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access' as const, reportPath: false }] }) }),
      submitRating: () => stored(1),
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Larger text' }));
    expect(largeTextOn()).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Not satisfied' }));
    await settle();
    await act(async () => vi.advanceTimersByTime(30_100)); // the reasons give up
    await act(async () => vi.advanceTimersByTime(5_100)); // the thank-you
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Chữ lớn' })).toHaveAttribute('aria-pressed', 'false');
    expect(largeTextOn()).toBe(false);
  });
});
