// Known answers for staff-area tests: sessions, and tallies whose figures a person can check
// by hand. Every fixture still goes through the contract client, so it must parse.
import { createElement, type ReactNode } from 'react';
import type { HomeScreen } from '../../shared/contract';
import type { DeviceSettings } from '../../shared/device-settings';
import { defaultDossierSettings } from '../../shared/dossier-code';
import { addDays, type DayRange } from '../../shared/periods';
import type { StaffSession } from '../../shared/staff';
import type { Tallies } from '../../shared/tallies';
import { defaultOpeningHours } from '../../shared/opening-hours';
import { ALL_DAY_EVERY_DAY } from './opening-hours-fixture';
import { StaffSessionProvider } from '../../renderer/src/staff/staff-session-context';

export const OFFICER_LAN = '01900000-0000-7000-8000-00000000000a';
export const OFFICER_HUNG = '01900000-0000-7000-8000-00000000000b';

export const home = (patch: Partial<HomeScreen> = {}): HomeScreen => ({
  officeName: 'UBND phường Bến Nghé',
  counterNumber: 4,
  scaleId: 'vn-3',
  thankYouSeconds: 5,
  languages: ['vi'],
  // No reasons unless a test sets them: a negative tap then goes straight to the thank-you.
  reasons: [],
  timeZone: 'Asia/Ho_Chi_Minh',
  reportContact: { hotline: '0236 1022', place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn', placeEn: 'National Public Service Portal — dichvucong.gov.vn' },
  dossier: defaultDossierSettings,
  // Open all day: screens not about the hours show the faces at any time the tests run.
  openingHours: ALL_DAY_EVERY_DAY,
  officer: null,
  ...patch,
});

export const session = (patch: Partial<StaffSession> = {}): StaffSession => ({
  role: 'officer',
  officerId: OFFICER_LAN,
  displayName: 'Nguyễn Thị Lan',
  mustChangePin: false,
  expiresAt: '2026-11-25T10:02:00.000+07:00',
  ...patch,
});

/** Renders children as the given signed-in person (what StaffArea provides). */
export function asStaff(children: ReactNode, signedIn: StaffSession = session(), onSessionError: (code: string) => void = () => {}) {
  return createElement(StaffSessionProvider, {
    value: {
      session: signedIn,
      handleSessionError: (error) => {
        onSessionError(error.code);
        return error.code === 'SIGN_IN_REQUIRED';
      },
      replaceSession: () => {},
    },
    children,
  });
}

/** Hour rows count by level label, as the backend sends them (a label means the same on every scale). */
const VERY = 'Rất hài lòng';
const GOOD = 'Hài lòng';
const BAD = 'Không hài lòng';
const zeroHours = () => Array.from({ length: 24 }, (_, hour) => ({ hour, byLevel: { [VERY]: 0, [GOOD]: 0, [BAD]: 0 } as Record<string, number>, total: 0 }));
const trendFor = (to: string, lastDay: { total: number; satisfied: number }) =>
  Array.from({ length: 30 }, (_, i) => {
    const day = addDays(to, i - 29);
    const total = i === 29 ? lastDay.total : 0;
    return { day, total, satisfied: i === 29 ? lastDay.satisfied : 0, satisfactionRate: total === 0 ? null : lastDay.satisfied / total };
  });

/** A day without ratings. */
export function emptyTallies(range: DayRange = { from: '2026-11-25', to: '2026-11-25' }): Tallies {
  return {
    range,
    total: 0,
    satisfied: 0,
    satisfactionRate: null,
    byScale: [],
    previous: { range: { from: addDays(range.from, -1), to: addDays(range.from, -1) }, total: 0, satisfactionRate: null },
    byHour: zeroHours(),
    trend: trendFor(range.to, { total: 0, satisfied: 0 }),
    byOfficer: [],
    byServiceArea: [],
    topReasons: [],
    byFactor: [],
    officerMinimumRatings: 5,
    includesFlagged: false,
    excludedFlaggedCount: 0,
    suspectedCount: 0,
  };
}

/**
 * A day counted by hand, on the 3-level scale: 12 ratings — 5 "Rất hài lòng", 3 "Hài lòng",
 * 4 "Không hài lòng" — so 8 satisfied, 66,7 %. The day before: 10 ratings at 60,0 %, so
 * ▲ 6,7 percentage points. Lan has 9 ratings (7 satisfied, 77,8 %); Hùng has 3, below the
 * minimum of 5: "chưa đủ dữ liệu".
 */
export function normalDayTallies(range: DayRange = { from: '2026-11-25', to: '2026-11-25' }): Tallies {
  const byHour = zeroHours();
  byHour[8] = { hour: 8, byLevel: { [VERY]: 2, [GOOD]: 1, [BAD]: 1 }, total: 4 };
  byHour[9] = { hour: 9, byLevel: { [VERY]: 2, [GOOD]: 1, [BAD]: 2 }, total: 5 };
  byHour[14] = { hour: 14, byLevel: { [VERY]: 1, [GOOD]: 1, [BAD]: 1 }, total: 3 };
  return {
    ...emptyTallies(range),
    total: 12,
    satisfied: 8,
    satisfactionRate: 8 / 12,
    byScale: [
      {
        scale: 'vn-3',
        total: 12,
        levels: [
          { level: 1, label: 'Rất hài lòng', count: 5, share: 5 / 12 },
          { level: 2, label: 'Hài lòng', count: 3, share: 3 / 12 },
          { level: 3, label: 'Không hài lòng', count: 4, share: 4 / 12 },
        ],
      },
    ],
    previous: { range: { from: addDays(range.from, -1), to: addDays(range.from, -1) }, total: 10, satisfactionRate: 0.6 },
    byHour,
    trend: trendFor(range.to, { total: 12, satisfied: 8 }),
    byOfficer: [
      { officerId: OFFICER_LAN, name: 'Nguyễn Thị Lan', total: 9, satisfied: 7, satisfactionRate: 7 / 9 },
      { officerId: OFFICER_HUNG, name: 'Trần Văn Hùng', total: 3, satisfied: 1, satisfactionRate: null },
    ],
    byServiceArea: [
      { serviceCode: 'HO-TICH', name: 'Hộ tịch', total: 8, satisfied: 6, satisfactionRate: 0.75 },
      { serviceCode: 'CHUNG-THUC', name: 'Chứng thực', total: 4, satisfied: 2, satisfactionRate: 0.5 },
    ],
    topReasons: [{ reason: 'Thời gian chờ lâu', count: 3 }],
    byFactor: [
      { factor: 'access', name: 'Tiếp cận dịch vụ', count: 3, share: 1 },
      { factor: 'procedure', name: 'Thủ tục hành chính', count: 0, share: 0 },
      { factor: 'officer', name: 'Công chức giải quyết công việc', count: 0, share: 0 },
      { factor: 'result', name: 'Kết quả giải quyết công việc', count: 0, share: 0 },
      { factor: 'feedback', name: 'Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị', count: 0, share: 0 },
    ],
  };
}

/** The IT admin, signed in with a changed PIN. */
export const itAdminSession = (): StaffSession => session({ role: 'it-admin', officerId: null, displayName: 'Cán bộ CNTT' });

/** What the setup screen loads on a kiosk never set up. */
export const freshDeviceSettings = (): DeviceSettings => ({
  officeCode: null,
  officeName: 'Bộ phận Tiếp nhận và Trả kết quả',
  counterNumber: 1,
  kioskLabel: null,
  scaleId: 'vn-3',
  timeZone: 'Asia/Ho_Chi_Minh',
  thankYouSeconds: 5,
  burstMaxPerMinute: 6,
  serviceAreas: [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }],
  languages: ['vi'],
  reasons: [{ code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access', reportPath: false }],
  startAtLogin: false,
  reportContact: { hotline: null, place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn', placeEn: null },
  dossier: defaultDossierSettings,
  openingHours: defaultOpeningHours,
  directoryPhotos: false,
  endpoint: null,
  tokenSet: false,
  needsSetup: true,
});
