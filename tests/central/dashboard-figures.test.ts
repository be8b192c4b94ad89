// Issue 16, the dashboard's figures at central (SQLite and PostgreSQL): ratings, reason answers
// and directories arrive through the real ingest path (tests/support/dashboard-seed.ts); the
// province, a unit and an officer must equal the hand count written here. Misuse-flagged ratings
// are left out by default and counted aside; a rating just after midnight in the office's zone
// lands on its local day; reasons forged onto another device's ratings, or repeated, are not
// counted; a unit viewer sees their units only, also through the API.
import { describe, expect, it } from 'vitest';
import { dashboardFiguresSchema, dashboardRange, type DashboardFigures } from '../../shared/central-dashboard';
import { officerMinimumFromEnv } from '../../central/dashboard/dashboard-settings';
import { loadDashboardFigures } from '../../central/dashboard/dashboard-service';
import { ADMIN_PASSWORD, startAccountsCentral, TestBrowser, VIEWER_PASSWORD, errorCode } from '../support/account-fixture';
import { manualClock, storeFactories } from '../support/central-fixture';
import { DEVICES, seedProvince, VIEWER } from '../support/dashboard-seed';

const NOVEMBER = '?from=2026-11-01&to=2026-11-30';

describe.each(storeFactories)('the dashboard figures ($storage)', (factory) => {
  async function province() {
    const clock = manualClock('2026-12-01T02:00:00.000Z');
    const store = await factory.open({ now: clock.now });
    const central = await startAccountsCentral(store, clock.now);
    await seedProvince(store, central.url);
    const signedIn = async (username: string, password: string) => {
      const browser = new TestBrowser(central.url);
      expect((await browser.signIn(username, password)).status).toBe(200);
      return browser;
    };
    return { store, central, admin: await signedIn('admin', ADMIN_PASSWORD), viewer: await signedIn(VIEWER, VIEWER_PASSWORD) };
  }
  const figures = async (browser: TestBrowser, path: string): Promise<DashboardFigures> => {
    const answer = await browser.request('GET', path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return dashboardFiguresSchema.parse(answer.body);
  };
  const counted = (rows: { name: string; total: number; satisfied: number; satisfactionRate: number | null }[]) => rows.map((r) => [r.name, r.total, r.satisfied, r.satisfactionRate]);

  it('the province, a unit and an officer equal the hand count; misuse left out and counted aside; local days at midnight', async () => {
    const { admin } = await province();

    // Hand count, November (local days). Counted: A1 seq 1–5 and 8 (levels 1,1,2,3,3,2: 4 satisfied; seq 8
    // is "outside hours", information only); A2 seq 1–4 (1,1,3,2: 3 satisfied; seq 1 at 00:05 on 1 Nov,
    // 31 Oct in UTC); B1 seq 3–7 (3,3,1,2,3: 2 satisfied). Left out: A1 seq 6, 7 (misuse), A2 seq 5
    // (00:10 on 1 Dec, 30 Nov in UTC), B1 seq 1, 2 (October).
    const p = await figures(admin, `/api/v1/dashboard/province${NOVEMBER}`);
    expect([p.subject.name, p.range, p.total, p.satisfied, p.satisfactionRate]).toEqual(['Toàn tỉnh', { from: '2026-11-01', to: '2026-11-30' }, 15, 9, 9 / 15]);
    expect(p.byScale).toEqual([
      {
        scale: 'vn-3',
        total: 15,
        levels: [
          { level: 1, label: 'Rất hài lòng', count: 5, share: 5 / 15 },
          { level: 2, label: 'Hài lòng', count: 4, share: 4 / 15 },
          { level: 3, label: 'Không hài lòng', count: 6, share: 6 / 15 },
        ],
      },
    ]);
    expect([p.suspectedCount, p.excludedFlaggedCount, p.includesFlagged, p.officerMinimumRatings]).toEqual([2, 2, false, 5]);
    // The 30 days before: B1's two October ratings, one officer, fewer than 5: no rate ("chưa đủ dữ liệu").
    expect(p.previous).toEqual({ range: { from: '2026-10-01', to: '2026-10-31' }, total: 2, satisfied: 2, satisfactionRate: null });
    // Lowest first: Nam Đông 2/5, Phú Lộc 7/10.
    expect(counted(p.units)).toEqual([
      ['Huyện Nam Đông', 5, 2, 0.4],
      ['Huyện Phú Lộc', 10, 7, 0.7],
    ]);
    expect(p.offices.map((o) => [o.code, o.name, o.timeZone, o.unitCode, o.total])).toEqual([
      ['000.00.22.H57', 'UBND huyện Nam Đông – Một cửa', 'Asia/Ho_Chi_Minh', 'D2', 5],
      ['000.00.21.H56', 'UBND xã Lộc Trì – Một cửa', 'Asia/Ho_Chi_Minh', 'C1', 10],
    ]);
    // "o-1" on A1 and "o-1" on B1 are two people. Bình: 3 ratings, one officer, below 5: no rate.
    expect(p.byOfficer.map((o) => [o.name, o.deviceId, o.total, o.satisfied, o.satisfactionRate])).toEqual([
      ['Lê Thị Lan', DEVICES.B1, 5, 2, 0.4],
      ['Nguyễn Thị Hoa', DEVICES.A1, 6, 4, 4 / 6],
      ['Trần Văn Bình', DEVICES.A2, 3, 2, null],
      ['Chưa đăng nhập ca', null, 1, 1, null],
    ]);
    // Hộ tịch: A1 6 (4) + B1 5 (2), two officers; Đất đai: Bình alone, 3 ratings: no rate; no area: nobody named, shown.
    expect(counted(p.byServiceArea)).toEqual([
      ['Đất đai', 3, 2, null],
      ['Hộ tịch', 11, 6, 6 / 11],
      ['Chưa chọn lĩnh vực', 1, 1, 1],
    ]);
    // Reasons: A1 seq 4 (CHO-LAU, THAI-DO), seq 5 (THAI-DO, sent twice: once), A2 seq 3 (CHO-LAU).
    // Not: A1 seq 7's KHAC (misuse), B1's THAI-DO pinned on A1's rating.
    // Most chosen first; a tie in Vietnamese order of the label.
    expect(p.reasons).toEqual([
      { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', factor: 'officer', count: 2 },
      { code: 'CHO-LAU', label: 'Thời gian chờ lâu', factor: 'access', count: 2 },
    ]);
    expect(p.byFactor.map((f) => [f.factor, f.count, f.share])).toEqual([
      ['access', 2, 0.5],
      ['procedure', 0, 0],
      ['officer', 2, 0.5],
      ['result', 0, 0],
      ['feedback', 0, 0],
    ]);

    // The trend: every local day of November; one officer's day under 5 ratings shows no rate.
    expect([p.byDay.length, p.byDay.reduce((n, d) => n + d.total, 0), p.byDay.reduce((n, d) => n + d.satisfied, 0)]).toEqual([30, 15, 9]);
    expect(p.byDay.filter((d) => ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-06', '2026-11-30'].includes(d.day))).toEqual([
      { day: '2026-11-01', total: 1, satisfied: 1, satisfactionRate: null },
      { day: '2026-11-02', total: 1, satisfied: 0, satisfactionRate: null },
      { day: '2026-11-03', total: 2, satisfied: 2, satisfactionRate: null },
      { day: '2026-11-06', total: 1, satisfied: 0, satisfactionRate: null },
      { day: '2026-11-30', total: 1, satisfied: 0, satisfactionRate: null },
    ]);
    // The hourly pattern in each office's own hours: A2's 00:05 at hour 0, B1's 23:55 at hour 23.
    expect(p.byHour.filter((h) => h.total > 0)).toEqual([
      { hour: 0, total: 1, byLevel: { 'Rất hài lòng': 1, 'Hài lòng': 0, 'Không hài lòng': 0 } },
      { hour: 9, total: 11, byLevel: { 'Rất hài lòng': 3, 'Hài lòng': 3, 'Không hài lòng': 5 } },
      { hour: 10, total: 1, byLevel: { 'Rất hài lòng': 1, 'Hài lòng': 0, 'Không hài lòng': 0 } },
      { hour: 18, total: 1, byLevel: { 'Rất hài lòng': 0, 'Hài lòng': 1, 'Không hài lòng': 0 } },
      { hour: 23, total: 1, byLevel: { 'Rất hài lòng': 0, 'Hài lòng': 0, 'Không hài lòng': 1 } },
    ]);
    expect(p.byHour.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));

    // Misuse included on request: A1 seq 6 (satisfied) and 7, and seq 7's KHAC (outside the factors).
    const all = await figures(admin, `/api/v1/dashboard/province${NOVEMBER}&includeFlagged=true`);
    expect([all.total, all.satisfied, all.suspectedCount, all.excludedFlaggedCount, all.includesFlagged]).toEqual([17, 10, 2, 0, true]);
    expect(all.byFactor.map((f) => [f.factor, f.name, f.count])).toEqual([
      ['access', 'Tiếp cận dịch vụ', 2],
      ['procedure', 'Thủ tục hành chính', 0],
      ['officer', 'Công chức giải quyết công việc', 2],
      ['result', 'Kết quả giải quyết công việc', 0],
      ['feedback', 'Tiếp nhận, xử lý ý kiến phản ánh, kiến nghị', 0],
      [null, 'Chưa xếp nhóm tiêu chí', 1],
    ]);

    // A unit holds the units below it: Phú Lộc is Lộc Trì's office, A1 and A2.
    const d1 = await figures(admin, `/api/v1/dashboard/units/D1${NOVEMBER}`);
    expect([d1.subject, d1.total, d1.satisfied, d1.satisfactionRate, d1.suspectedCount]).toEqual([
      { kind: 'unit', code: 'D1', name: 'Huyện Phú Lộc', limitedToUnits: null },
      10,
      7,
      0.7,
      2,
    ]);
    expect(counted(d1.units)).toEqual([['Xã Lộc Trì', 10, 7, 0.7]]);
    expect(d1.previous).toMatchObject({ total: 0, satisfactionRate: null });

    // One officer: Hoa on A1 (not Lan, B1's "o-1"): 6 ratings, 4 satisfied; her reasons only.
    const hoa = await figures(admin, `/api/v1/dashboard/officers/${DEVICES.A1}/o-1${NOVEMBER}`);
    expect([hoa.subject.name, hoa.total, hoa.satisfied, hoa.satisfactionRate, hoa.suspectedCount]).toEqual(['Nguyễn Thị Hoa', 6, 4, 4 / 6, 2]);
    expect(hoa.reasons.map((r) => [r.code, r.count])).toEqual([
      ['THAI-DO', 2],
      ['CHO-LAU', 1],
    ]);
    const lan = await figures(admin, `/api/v1/dashboard/officers/${DEVICES.B1}/o-1${NOVEMBER}`);
    expect([lan.subject.name, lan.total, lan.satisfied, lan.satisfactionRate, lan.previous.total]).toEqual(['Lê Thị Lan', 5, 2, 0.4, 2]);

    // The first day of November alone: only A2's rating at 00:05 local time.
    const first = await figures(admin, `/api/v1/dashboard/province?from=2026-11-01&to=2026-11-01`);
    expect([first.total, first.byOfficer.map((o) => o.name)]).toEqual([1, ['Trần Văn Bình']]);
    // And 1 December: A2's rating at 00:10, which UTC would have put on 30 November.
    const december = await figures(admin, `/api/v1/dashboard/province?from=2026-12-01&to=2026-12-01`);
    expect(december.total).toBe(1);
  });

  it('a unit viewer sees their units only: the province limited to them, units below them, nothing else', async () => {
    const { admin, viewer } = await province();
    // The province, for a viewer of Phú Lộc: Phú Lộc's figures, Phú Lộc alone in the ranking.
    const mine = await figures(viewer, `/api/v1/dashboard/province${NOVEMBER}`);
    expect([mine.subject.limitedToUnits, mine.total, mine.satisfied, counted(mine.units)]).toEqual([['D1'], 10, 7, [['Huyện Phú Lộc', 10, 7, 0.7]]]);
    expect(mine.byOfficer.map((o) => o.name)).not.toContain('Lê Thị Lan');
    // A unit below theirs, and an officer there.
    expect((await figures(viewer, `/api/v1/dashboard/units/C1${NOVEMBER}`)).total).toBe(10);
    expect((await figures(viewer, `/api/v1/dashboard/officers/${DEVICES.A1}/o-1${NOVEMBER}`)).total).toBe(6);

    // Another unit, its officer, a unit that does not exist: all refused alike (no telling which exist).
    for (const path of ['/api/v1/dashboard/units/D2', `/api/v1/dashboard/officers/${DEVICES.B1}/o-1`, '/api/v1/dashboard/units/KHONG-CO', '/api/v1/dashboard/officers/khong-co/o-1']) {
      const answer = await viewer.request('GET', `${path}${NOVEMBER}`);
      expect([path, answer.status, errorCode(answer)]).toEqual([path, 403, 'FORBIDDEN']);
    }
    const report = await viewer.request('GET', '/api/v1/reports/monthly.xlsx?month=2026-11&unit=D2');
    expect([report.status, errorCode(report)]).toEqual([403, 'FORBIDDEN']);

    // The admin gets 404 for what does not exist; nobody gets anything without a session.
    const missing = await admin.request('GET', `/api/v1/dashboard/units/KHONG-CO${NOVEMBER}`);
    expect([missing.status, errorCode(missing)]).toEqual([404, 'UNKNOWN_UNIT']);
    const stranger = await new TestBrowser(admin.url).request('GET', `/api/v1/dashboard/province${NOVEMBER}`);
    expect([stranger.status, errorCode(stranger)]).toEqual([401, 'SIGN_IN_REQUIRED']);
  });

  it('one province-wide minimum: at 3, the three ratings of Bình show his rate', async () => {
    const { store } = await province();
    const minimum = officerMinimumFromEnv({ CENTRAL_OFFICER_MINIMUM_RATINGS: '3' });
    const figures = await loadDashboardFigures(store, { role: 'province-admin', units: [] }, { kind: 'province', limitedToUnits: null }, { range: { from: '2026-11-01', to: '2026-11-30' }, includeFlagged: false, officerMinimumRatings: minimum });
    expect([figures.officerMinimumRatings, figures.byOfficer.find((o) => o.name === 'Trần Văn Bình')?.satisfactionRate]).toEqual([3, 2 / 3]);
    expect(officerMinimumFromEnv({})).toBe(5);
    for (const bad of ['0', '101', '2.5', 'năm']) expect(() => officerMinimumFromEnv({ CENTRAL_OFFICER_MINIMUM_RATINGS: bad })).toThrow('CENTRAL_OFFICER_MINIMUM_RATINGS phải là số nguyên từ 1 đến 100');
  });

  it('refuses a bad range in Vietnamese with a typed code', async () => {
    const { admin } = await province();
    for (const [query, words] of [
      ['?from=2026-11-30&to=2026-11-01', 'Ngày bắt đầu phải trước ngày kết thúc'],
      ['?from=2026-13-01&to=2026-13-02', 'YYYY-MM-DD'],
      ['?from=2020-01-01&to=2026-11-30', 'tối đa'],
      ['?to=2026-11-30', 'from'],
      [`${NOVEMBER}&includeFlagged=yes`, 'includeFlagged'],
      [`${NOVEMBER}&unit=D1`, 'unit'],
    ] as const) {
      const answer = await admin.request('GET', `/api/v1/dashboard/province${query}`);
      expect([query, answer.status, errorCode(answer), JSON.stringify(answer.body)]).toEqual([query, 400, 'INVALID_QUERY', expect.stringContaining(words)]);
    }
    const badUnit = await admin.request('GET', `/api/v1/dashboard/units/${encodeURIComponent('D1; DROP')}${NOVEMBER}`);
    expect([badUnit.status, errorCode(badUnit)]).toEqual([400, 'INVALID_QUERY']);
  });
});

describe('dashboard periods', () => {
  it('names whole weeks (Monday first), months, quarters and years around a local day', () => {
    expect(dashboardRange('day', '2026-11-18')).toEqual({ from: '2026-11-18', to: '2026-11-18' });
    expect(dashboardRange('week', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(dashboardRange('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(dashboardRange('quarter', '2026-11-18')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(dashboardRange('year', '2024-06-01')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });
});
