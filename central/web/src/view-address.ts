// Each view of central's page has its own address (issue 16), so a reload, Back and Forward and a
// link sent to a colleague open the same view over the same period:
//   /                                     Toàn tỉnh
//   /don-vi, /don-vi?unit=<mã>            Đơn vị: the hierarchy (a unit viewer: their first unit), a unit
//   /can-bo?device=<máy>&officer=<mã>     Cán bộ: an officer (device id and the kiosk's officer id)
//   /bao-cao                              Báo cáo
//   /quan-tri                             Quản trị (the province admin's; central refuses anyone else)
//   /thiet-bi, /thiet-bi?unit=<mã>        Tình trạng thiết bị (issue 17), filtered by a unit and those below it
//   /canh-bao                             Cảnh báo (issue 17)
// and in the query the dashboard's period (period, day | from & to, includeFlagged, the API's own
// names) or the report's choice (report = month | quarter | year, month, unit, below in %, print).
// Real paths through the History API, not a hash: central answers any page path with index.html
// (central/web-page.ts) and the page's script is a file, so nothing here needs inline script under
// the CSP. The path names only the view; codes ride in the query, where nothing rewrites them (in
// a path a unit code ".." is resolved away by the browser, an officer id's "/" is refused by the
// static file server). The address is input like any other: parsed with zod, a part that does not parse is
// left at its default (never an error page); whether the account may see a unit is central's to
// say — the view shows its refusal.
import { z } from 'zod';
import { dashboardPeriods, DEFAULT_REPORT_BELOW, reportPeriods, type ReportPeriod } from '../../../shared/central-dashboard';
import type { ViewId } from './central-web-text';
import type { adminView } from './admin-text';
import type { fleetView } from './fleet-text';
import { defaultPeriodChoice, type PeriodChoice } from './PeriodPicker';

export interface ReportChoice {
  period: ReportPeriod;
  /** YYYY-MM: the month, or one month of the quarter or year. */
  month: string;
  /** A unit code; null: the province. */
  unit: string | null;
  /** Units below this rate, in percent, are listed. */
  belowPercent: number;
  /** The printable pages open. */
  print: boolean;
}

/** The dashboard's views, and the province admin's "Quản trị". */
export type PlaceView = ViewId | typeof adminView.id | typeof fleetView.id;

export interface Place {
  view: PlaceView;
  /** The unit of "Đơn vị"; null: the hierarchy (a unit viewer's own first unit). */
  unit: string | null;
  officer: { deviceId: string; officerId: string } | null;
  period: PeriodChoice;
  /** Null until "Báo cáo" is opened: it then starts from the dashboard period's month. */
  report: ReportChoice | null;
  /** "Tình trạng thiết bị"'s unit filter (issue 17); absent or null: everything the account may see. */
  fleetUnit?: string | null;
}

export const defaultReportChoice = (month: string, unit: string | null): ReportChoice => ({ period: 'month', month, unit, belowPercent: Math.round(DEFAULT_REPORT_BELOW * 100), print: false });

const paths: Record<PlaceView, string> = { province: '/', units: '/don-vi', officers: '/can-bo', reports: '/bao-cao', alerts: '/canh-bao', admin: '/quan-tri', fleet: '/thiet-bi' };

/** A query value that does not parse is dropped (its default stays), not refused. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const day = lenient(z.iso.date());
const code = lenient(z.string().min(1).max(64));
const queryParts = z.object({
  period: lenient(z.enum(dashboardPeriods)),
  day,
  from: day,
  to: day,
  includeFlagged: lenient(z.enum(['true', 'false'])),
  report: lenient(z.enum(reportPeriods)),
  month: lenient(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  unit: code,
  device: code,
  officer: code,
  below: lenient(z.coerce.number().int().min(0).max(100)),
  print: lenient(z.literal('1')),
});

/** The place an address names; `today` gives the default period (its month). */
export function placeOf(address: { pathname: string; search: string }, today: string): Place {
  const q = queryParts.parse(Object.fromEntries(new URLSearchParams(address.search)));
  const base = defaultPeriodChoice(today);
  const period: PeriodChoice = {
    period: q.period ?? base.period,
    day: q.day ?? base.day,
    from: q.from ?? q.day ?? base.from,
    to: q.to ?? q.day ?? base.to,
    includeFlagged: q.includeFlagged === 'true',
  };
  const place: Place = { view: 'province', unit: null, officer: null, period, report: null };
  const view = address.pathname.replace(/\/+$/, '');
  if (view === paths.units) return { ...place, view: 'units', unit: q.unit ?? null };
  if (view === paths.officers) return { ...place, view: 'officers', officer: q.device !== undefined && q.officer !== undefined ? { deviceId: q.device, officerId: q.officer } : null };
  if (view === paths.admin) return { ...place, view: 'admin' };
  if (view === paths.fleet) return { ...place, view: 'fleet', fleetUnit: q.unit ?? null };
  if (view === paths.alerts) return { ...place, view: 'alerts' };
  if (view === paths.reports) {
    const report = defaultReportChoice(q.month ?? period.day.slice(0, 7), q.unit ?? null);
    return { ...place, view: 'reports', report: { ...report, period: q.report ?? report.period, belowPercent: q.below ?? report.belowPercent, print: q.print === '1' } };
  }
  return place;
}

/** The address of a place: only what its view shows (path, then its query). */
export function addressOf(place: Place): string {
  const query = new URLSearchParams();
  const path = paths[place.view];
  if (place.view === 'reports') {
    const r = place.report ?? defaultReportChoice(place.period.day.slice(0, 7), null);
    query.set('report', r.period);
    query.set('month', r.month);
    if (r.unit !== null) query.set('unit', r.unit);
    query.set('below', String(r.belowPercent));
    if (r.print) query.set('print', '1');
  } else if (place.view === 'admin' || place.view === 'alerts') return path;
  else if (place.view === 'fleet') return place.fleetUnit == null ? path : `${path}?${new URLSearchParams({ unit: place.fleetUnit }).toString()}`;
  else {
    if (place.view === 'units' && place.unit !== null) query.set('unit', place.unit);
    if (place.view === 'officers' && place.officer !== null) {
      query.set('device', place.officer.deviceId);
      query.set('officer', place.officer.officerId);
    }
    const p = place.period;
    query.set('period', p.period);
    if (p.period === 'custom') {
      query.set('from', p.from);
      query.set('to', p.to);
    } else query.set('day', p.day);
    if (p.includeFlagged) query.set('includeFlagged', 'true');
  }
  return `${path}?${query.toString()}`;
}
