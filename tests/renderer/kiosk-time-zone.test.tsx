// Issue 14, finding 8: the renderer shows days and times in the kiosk's configured zone (the
// home screen carries it), not in a hard-coded Asia/Ho_Chi_Minh.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DashboardScreen } from '../../renderer/src/dashboard/DashboardScreen';
import { formatInstant, formatTime } from '../../renderer/src/dashboard/figures-format';
import { formatInstant as formatItInstant } from '../../renderer/src/it/it-format';
import { KioskApp } from '../../renderer/src/KioskApp';
import { QUESTION } from '../../renderer/src/screens/CitizenScreen';
import { kioskTimeZone, kioskToday, rememberKioskTimeZone } from '../../renderer/src/time/kiosk-time-zone';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, emptyTallies, home } from '../support/renderer-fixtures';

// 23:30 on 25/11 in Kolkata (UTC+5:30) is already 01:00 on 26/11 in Vietnam.
const KOLKATA_2330 = new Date('2026-11-25T18:00:00.000Z');
const settle = () => act(async () => {});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(KOLKATA_2330);
});
afterEach(() => {
  vi.useRealTimers();
  rememberKioskTimeZone('Asia/Ho_Chi_Minh');
});

describe('the kiosk time zone in the renderer', () => {
  it('is Vietnam’s until the home screen says otherwise', () => {
    expect(kioskTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(kioskToday()).toBe('2026-11-26');
  });

  it('a kiosk set to Asia/Kolkata asks the dashboard for its own day at 23:30 local, and writes local times', async () => {
    render(
      <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ({ ok: true, data: home({ timeZone: 'Asia/Kolkata' }) }) })}>
        <KioskApp />
      </KioskApiProvider>,
    );
    await settle();
    expect(screen.getByRole('heading', { name: QUESTION })).toBeInTheDocument();
    cleanup();
    expect(kioskTimeZone()).toBe('Asia/Kolkata');

    const getTallies = vi.fn(() => ({ ok: true as const, data: emptyTallies() }));
    render(<KioskApiProvider api={fakeKioskApi({ getTallies })}>{asStaff(<DashboardScreen />)}</KioskApiProvider>);
    await settle();
    expect(getTallies).toHaveBeenCalledWith({ range: { from: '2026-11-25', to: '2026-11-25' }, includeFlagged: false });
    expect(formatTime(KOLKATA_2330)).toBe('23:30');
    expect(formatInstant(KOLKATA_2330)).toContain('25/11/2026');
    expect(formatItInstant(KOLKATA_2330.toISOString())).toContain('25/11/2026');
  });
});
