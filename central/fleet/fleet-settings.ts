// The fleet's one province-wide setting (issue 17): how many whole working days without contact
// make a kiosk silent (shared/fleet-health.ts says why the default is 2), read from
// CENTRAL_SILENT_DAYS by `serve` as CENTRAL_OFFICER_MINIMUM_RATINGS is.
import { z } from 'zod';
import { DEFAULT_SILENT_WORKING_DAYS } from '../../shared/fleet-health';

export const SILENT_DAYS_ENV = 'CENTRAL_SILENT_DAYS';

const problem = `${SILENT_DAYS_ENV} phải là số nguyên từ 1 đến 60 (số ngày làm việc)`;
const daysSchema = z.coerce.number({ error: problem }).int(problem).min(1, problem).max(60, problem);

/** Throws with a Vietnamese message for a value that is not a whole number from 1 to 60 (about three months of working days). */
export function silentDaysFromEnv(env: Record<string, string | undefined>): number {
  const raw = env[SILENT_DAYS_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_SILENT_WORKING_DAYS;
  const parsed = daysSchema.safeParse(raw.trim());
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? SILENT_DAYS_ENV);
  return parsed.data;
}
