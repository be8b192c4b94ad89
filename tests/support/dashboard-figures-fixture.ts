// Schema-valid dashboard figures for the page's renderer tests (issue 16): a November of the
// province, a unit and an officer, parsed with dashboardFiguresSchema so a fixture can never drift
// from what central answers.
import { dashboardFiguresSchema, type DashboardFigures } from '../../shared/central-dashboard';

const range = { from: '2026-11-01', to: '2026-11-30' };
const previous = { range: { from: '2026-10-01', to: '2026-10-31' }, total: 2, satisfied: 1, satisfactionRate: 0.5 };
const levels = (c1: number, c2: number, c3: number) => {
  const total = c1 + c2 + c3;
  const share = (n: number) => (total === 0 ? null : n / total);
  return [
    { scale: 'vn-3' as const, total, levels: [
      { level: 1, label: 'Rất hài lòng', count: c1, share: share(c1) },
      { level: 2, label: 'Hài lòng', count: c2, share: share(c2) },
      { level: 3, label: 'Không hài lòng', count: c3, share: share(c3) },
    ] },
  ];
};
const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, byLevel: {}, total: 0 }));

function figures(patch: Partial<DashboardFigures> & Pick<DashboardFigures, 'subject'>): DashboardFigures {
  return dashboardFiguresSchema.parse({
    range,
    total: 12,
    satisfied: 8,
    satisfactionRate: 8 / 12,
    byScale: levels(4, 3, 5),
    previous,
    byServiceArea: [{ serviceCode: 'HO-TICH', name: 'Hộ tịch', total: 9, satisfied: 6, satisfactionRate: 6 / 9 }],
    byOfficer: [],
    byFactor: [{ factor: 'officer', name: 'Cán bộ', count: 3, share: 0.75 }, { factor: null, name: 'Khác', count: 1, share: 0.25 }],
    reasons: [],
    byDay: [],
    byHour,
    units: [],
    offices: [],
    officerMinimumRatings: 5,
    includesFlagged: false,
    excludedFlaggedCount: 2,
    suspectedCount: 2,
    ...patch,
  });
}

export const provinceFigures = figures({
  subject: { kind: 'province', code: null, name: 'Toàn tỉnh', limitedToUnits: null },
  units: [
    { code: 'D2', name: 'Huyện Nam Đông', total: 5, satisfied: 3, satisfactionRate: 0.6 },
    { code: 'D1', name: 'Huyện Phú Lộc', total: 7, satisfied: 5, satisfactionRate: 5 / 7 },
    { code: '', name: 'Chưa xếp đơn vị', total: 0, satisfied: 0, satisfactionRate: null },
  ],
});

export const unitFigures = figures({
  subject: { kind: 'unit', code: 'D1', name: 'Huyện Phú Lộc', limitedToUnits: null },
  total: 7,
  satisfied: 5,
  satisfactionRate: 5 / 7,
  byScale: levels(2, 2, 3),
  units: [{ code: 'C1', name: 'Xã Lộc Trì', total: 7, satisfied: 5, satisfactionRate: 5 / 7 }],
  byOfficer: [
    { deviceId: 'dev-a1', officerId: 'o-1', name: 'Nguyễn Văn An', title: 'Công chức tư pháp', officeCode: '000.00.21.H56', total: 5, satisfied: 4, satisfactionRate: 0.8 },
    { deviceId: 'dev-a2', officerId: 'o-2', name: 'Trần Thị Bình', title: '', officeCode: '000.00.21.H56', total: 2, satisfied: 1, satisfactionRate: null },
  ],
});

export const officerFigures = figures({
  subject: { kind: 'officer', code: 'dev-a1/o-1', name: 'Nguyễn Văn An', limitedToUnits: null },
  total: 5,
  satisfied: 4,
  satisfactionRate: 0.8,
  byScale: levels(1, 2, 2),
  suspectedCount: 0,
  excludedFlaggedCount: 0,
});
