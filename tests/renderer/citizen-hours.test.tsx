// Issue 15, opening hours on the citizen screen: outside the hours the notice with the hours and
// a smaller "Đánh giá" button that leads to the usual faces; the switch at the boundary by
// itself (a timer, no reload), also after the clock is changed; within the hours, the attract
// screen after the idle time, which a touch turns back into the faces without rating.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredRating } from '../../shared/contract';
import { defaultOpeningHours } from '../../shared/opening-hours';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, QUESTION, THANK_YOU } from '../../renderer/src/screens/CitizenScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';
import { OFFICE_HOURS_WITH_HOLIDAY } from '../support/opening-hours-fixture';

const stored: Result<StoredRating> = { ok: true, data: { id: '01900000-0000-7000-8000-000000000001', seq: 1, createdAt: '2026-11-23T12:00:00.000+07:00' } };
const at = (local: string) => vi.setSystemTime(new Date(`${local}+07:00`));
const settle = () => act(async () => {});
const advance = (ms: number) => act(async () => vi.advanceTimersByTime(ms));

function renderScreen(methods: Partial<FakeMethods> = {}, patch: Parameters<typeof home>[0] = {}) {
  const submitRating = vi.fn((): Result<StoredRating> => stored);
  render(
    <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ({ ok: true, data: home({ openingHours: defaultOpeningHours, thankYouSeconds: 2, languages: ['vi', 'en'], ...patch }) }), submitRating, ...methods })}>
      <CitizenScreen attractAfterSeconds={120} />
    </KioskApiProvider>,
  );
  return { submitRating };
}

const faces = () => screen.queryAllByRole('button').filter((b) => b.classList.contains('level-button'));
const outsideHours = () => screen.queryByRole('heading', { name: 'Ngoài giờ làm việc' });
const attract = () => screen.queryByRole('button', { name: /Mời Ông\/Bà đánh giá sự phục vụ/ });

// The hours screens load on demand (lazy-covers.tsx): loaded once here, each render then only
// waits for a resolved import.
beforeAll(async () => {
  await import('../../renderer/src/screens/hours/OutsideHoursNotice');
  await import('../../renderer/src/screens/hours/AttractScreen');
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('outside the opening hours', () => {
  it('shows the hours instead of the faces: today, when it opens again, and the week as people read it', async () => {
    at('2026-11-23T12:00:00'); // Monday, lunch
    renderScreen();
    await settle();
    expect(outsideHours()).toBeInTheDocument();
    expect(faces()).toEqual([]);
    expect(screen.getByText('Hôm nay (Thứ Hai): 7:00 – 11:30, 13:00 – 17:00')).toBeInTheDocument();
    expect(screen.getByText('Mở cửa lại lúc 13:00 hôm nay')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Thứ Hai – Thứ Sáu: 7:00 – 11:30, 13:00 – 17:00', 'Thứ Bảy – Chủ nhật: Nghỉ']);
    // The office bar stays: the staff's way in, and English for this citizen.
    expect(screen.getByText('UBND phường Bến Nghé')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Outside working hours' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Monday – Friday: 7:00 – 11:30, 13:00 – 17:00', 'Saturday – Sunday: Closed']);
    expect(screen.getByRole('button', { name: 'Rate' })).toBeInTheDocument();
  });

  it('names the holiday, and the next opening day after a weekend', async () => {
    at('2026-09-02T09:00:00');
    renderScreen({}, { openingHours: OFFICE_HOURS_WITH_HOLIDAY });
    await settle();
    expect(screen.getByText('Hôm nay nghỉ: Quốc khánh')).toBeInTheDocument();
    expect(screen.getByText('Mở cửa lại: Thứ Năm, 7:00')).toBeInTheDocument();
  });

  it('the smaller "Đánh giá" leads to the usual faces; a tap is stored; the next citizen sees the hours again', async () => {
    at('2026-11-28T10:00:00'); // Saturday
    const { submitRating } = renderScreen();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Đánh giá' }));
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    expect(submitRating).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Không hài lòng' }));
    await settle();
    expect(submitRating).toHaveBeenCalledExactlyOnceWith({ scale: 'vn-3', level: 3 });
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    await advance(2_000);
    await settle();
    expect(outsideHours()).toBeInTheDocument();
  });

  it('faces shown by "Đánh giá" but left alone go back to the hours after the idle time', async () => {
    at('2026-11-28T10:00:00');
    renderScreen();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Đánh giá' }));
    await advance(119_000);
    expect(faces()).toHaveLength(3);
    await advance(1_000);
    expect(outsideHours()).toBeInTheDocument();
  });
});

describe('switching by itself at the boundaries', () => {
  it('opens at 13:00 exactly, with no reload', async () => {
    at('2026-11-23T12:59:59');
    const getHomeScreen = vi.fn(() => ({ ok: true as const, data: home({ openingHours: defaultOpeningHours }) }));
    renderScreen({ getHomeScreen });
    await settle();
    expect(outsideHours()).toBeInTheDocument();
    await advance(999);
    expect(outsideHours()).toBeInTheDocument();
    await advance(1);
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    await advance(60_000);
    expect(faces()).toHaveLength(3);
    expect(getHomeScreen).toHaveBeenCalledTimes(1);
  });

  it('closes at 17:00 exactly (the last instant before is still open)', async () => {
    at('2026-11-23T16:59:30');
    const getHomeScreen = vi.fn(() => ({ ok: true as const, data: home({ openingHours: defaultOpeningHours }) }));
    renderScreen({ getHomeScreen });
    await settle();
    await advance(29_999);
    expect(faces()).toHaveLength(3);
    await advance(1);
    expect(outsideHours()).toBeInTheDocument();
    expect(getHomeScreen).toHaveBeenCalledTimes(1);
  });

  it('a clock set forward (e.g. corrected by IT) is noticed within a minute', async () => {
    at('2026-11-23T12:00:00');
    renderScreen();
    await settle();
    expect(outsideHours()).toBeInTheDocument();
    at('2026-11-23T14:00:00');
    await advance(60_000);
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
  });
});

describe('the attract screen within the hours', () => {
  it('comes after two quiet minutes; a touch brings the faces back without rating', async () => {
    at('2026-11-23T09:00:00');
    const { submitRating } = renderScreen();
    await settle();
    await advance(119_000);
    expect(attract()).toBeNull();
    await advance(1_000);
    const surface = attract();
    expect(surface).toHaveTextContent('Chạm vào màn hình để bắt đầu');
    expect(surface).toHaveTextContent('Please rate our service');
    expect(faces()).toEqual([]);
    // A touch: pointer down, then the click, both on the attract screen.
    if (surface === null) throw new Error('no attract screen');
    fireEvent.pointerDown(surface);
    expect(attract()).not.toBeNull(); // still there until the touch ends: nothing below to hit
    fireEvent.click(surface);
    expect(faces()).toHaveLength(3);
    expect(submitRating).not.toHaveBeenCalled();
    // The wait starts again from that touch.
    await advance(119_000);
    expect(attract()).toBeNull();
    await advance(1_000);
    expect(attract()).not.toBeNull();
  });

  it('any touch restarts the wait; a tap in progress is never covered', async () => {
    at('2026-11-23T09:00:00');
    renderScreen();
    await settle();
    await advance(100_000);
    fireEvent.pointerDown(document.body);
    await advance(100_000);
    expect(attract()).toBeNull();
    expect(faces()).toHaveLength(3);
  });

  it('moves its words now and then (burn-in), without animating', async () => {
    at('2026-11-23T09:00:00');
    renderScreen();
    await settle();
    await advance(120_000);
    const place = () => attract()?.getAttribute('data-place');
    expect(place()).toBe('0');
    await advance(60_000);
    expect(place()).toBe('1');
  });
});
