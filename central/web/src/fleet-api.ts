// "Tình trạng thiết bị" as the page reaches it (issue 17): GET /api/v1/fleet over fetch, same
// origin, the session cookie sent by the browser; the answer parsed with the schema central
// answers with, a refusal with central's typed code and Vietnamese message (admin-api.ts's shape,
// so the admin views' loading hook serves here too).
import { z } from 'zod';
import { fleetResponseSchema, type FleetResponse } from '../../../shared/central-fleet';
import type { AdminOutcome } from './admin-api';

export interface FleetApi {
  /** Every device the account may see; `unit`: that unit and the units below it. */
  fleet(unit: string | null): Promise<AdminOutcome<FleetResponse>>;
}

const refusalSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), detail: z.string().optional() }) });

export const fleetPath = (unit: string | null): string => (unit === null ? '/api/v1/fleet' : `/api/v1/fleet?${new URLSearchParams({ unit }).toString()}`);

export const browserFleetApi: FleetApi = {
  async fleet(unit) {
    let response: Response;
    try {
      response = await fetch(fleetPath(unit), { credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch {
      return { ok: false, refusal: null };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = refusalSchema.safeParse(body);
      return { ok: false, refusal: refusal.success ? refusal.data.error : null };
    }
    const parsed = fleetResponseSchema.safeParse(body);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, refusal: null };
  },
};
