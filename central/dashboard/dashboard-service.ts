// One dashboard answer (issue 16): the directory and the counts of the range and of the period
// before it (previousPeriod: the quarter or year before a whole one), read from the store, scoped
// to the account, computed by dashboard-figures.ts.
import { previousPeriod, type DashboardFigures } from '../../shared/central-dashboard';
import type { DayRange } from '../../shared/periods';
import type { UnitScoped } from '../accounts/unit-scope';
import type { CentralStore } from '../store/central-store';
import { computeDashboardFigures, type DashboardSubject } from './dashboard-figures';
import { scopedSubject } from './dashboard-scope';
import { hierarchyOf } from './hierarchy';

export interface FigureRequest {
  range: DayRange;
  includeFlagged: boolean;
  officerMinimumRatings: number;
}

/** Throws AccountRefusal FORBIDDEN outside the account's scope, DashboardRefusal for an unknown unit or device. */
export async function loadDashboardFigures(store: CentralStore, account: UnitScoped, requested: DashboardSubject, request: FigureRequest): Promise<DashboardFigures> {
  const snapshot = await store.directorySnapshot();
  const subject = scopedSubject(account, requested, hierarchyOf(snapshot));
  const previous = previousPeriod(request.range);
  const [counts, previousCounts] = [await store.dashboardCounts(request.range), await store.dashboardCounts(previous)];
  return computeDashboardFigures({
    snapshot,
    range: request.range,
    counts,
    previousRange: previous,
    previousCounts,
    subject,
    includeFlagged: request.includeFlagged,
    officerMinimumRatings: request.officerMinimumRatings,
  });
}
