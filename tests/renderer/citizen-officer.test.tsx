import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomeScreen, StoredRating } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, QUESTION, THANK_YOU } from '../../renderer/src/screens/CitizenScreen';
import { fakeKioskApi } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const PHOTO = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
const lan = { name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch', photoDataUrl: PHOTO };
const settle = () => act(async () => {});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the officer on duty on the citizen screen', () => {
  it('names the officer, with title and round photo, under the office bar', async () => {
    render(
      <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ({ ok: true, data: home({ officer: lan }) }) })}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    const line = screen.getByTestId('officer-on-duty');
    expect(line).toHaveTextContent('Cán bộ tiếp nhận: Nguyễn Thị Lan · Công chức Tư pháp – Hộ tịch');
    expect(line.querySelector('img')).toHaveAttribute('src', PHOTO);
    // The officer line adds nothing to press: the level buttons, the large-text toggle and the dossier keypad's button.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Chữ lớn', 'Nhập mã hồ sơ', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng']);
  });

  it('shows no officer line when no shift is open', async () => {
    render(
      <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ({ ok: true, data: home() }) })}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(screen.queryByTestId('officer-on-duty')).not.toBeInTheDocument();
  });

  it('follows shift changes pushed by the backend', async () => {
    const getHomeScreen = vi.fn<() => Result<HomeScreen>>().mockReturnValue({ ok: true, data: home() });
    const api = fakeKioskApi({ getHomeScreen });
    render(
      <KioskApiProvider api={api}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    getHomeScreen.mockReturnValue({ ok: true, data: home({ officer: { ...lan, photoDataUrl: null } }) });
    act(() => api.push('shiftChanged', {}));
    await settle();
    expect(screen.getByTestId('officer-on-duty')).toHaveTextContent('Nguyễn Thị Lan');
    getHomeScreen.mockReturnValue({ ok: true, data: home() });
    act(() => api.push('shiftChanged', {}));
    await settle();
    expect(screen.queryByTestId('officer-on-duty')).not.toBeInTheDocument();
  });

  it('lets a rating being saved finish with its thank-you when the shift changes meanwhile', async () => {
    let commit: (r: Result<StoredRating>) => void = () => {};
    const getHomeScreen = vi.fn<() => Result<HomeScreen>>().mockReturnValue({ ok: true, data: home() });
    const api = fakeKioskApi({ getHomeScreen, submitRating: () => new Promise<Result<StoredRating>>((resolve) => (commit = resolve)) });
    render(
      <KioskApiProvider api={api}>
        <CitizenScreen />
      </KioskApiProvider>,
    );
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Hài lòng' }));
    getHomeScreen.mockReturnValue({ ok: true, data: home({ officer: lan }) });
    act(() => api.push('shiftChanged', {}));
    await settle();
    expect(screen.getByRole('button', { name: 'Hài lòng' })).toHaveAttribute('data-pressed', 'true');
    commit({ ok: true, data: { id: '01900000-0000-7000-8000-000000000001', seq: 1, createdAt: '2026-11-25T09:15:02.123+07:00' } });
    await settle();
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
  });
});
