// "Tình trạng thiết bị" as the page reaches it (issue 17): GET /api/v1/fleet over fetch, same
// origin, the session cookie sent by the browser, through central-call.ts like the admin views
// (so their loading hook serves here too).
import { fleetResponseSchema, type FleetResponse } from '../../../shared/central-fleet';
import type { AdminOutcome } from './admin-api';
import { callCentral } from './central-call';

export interface FleetApi {
  /** Every device the account may see; `unit`: that unit and the units below it. */
  fleet(unit: string | null): Promise<AdminOutcome<FleetResponse>>;
}

export const fleetPath = (unit: string | null): string => (unit === null ? '/api/v1/fleet' : `/api/v1/fleet?${new URLSearchParams({ unit }).toString()}`);

export const browserFleetApi: FleetApi = {
  fleet: (unit) => callCentral(fleetResponseSchema, fleetPath(unit)),
};
