// The staff area (sign-in, shifts, dashboard, reports, IT screens, charts) is its own chunk:
// the citizen screen starts without it. It is fetched when staff start the 3-second hold on
// the office name (so it is usually there when the hold completes) or, at the latest, when the
// area opens. One promise for every caller; forgotten after a failure, so the next try fetches
// again.
import type * as staffArea from './StaffArea';

type StaffAreaModule = typeof staffArea;

let loading: Promise<StaffAreaModule> | undefined;

export function loadStaffArea(): Promise<StaffAreaModule> {
  loading ??= import('./StaffArea').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
