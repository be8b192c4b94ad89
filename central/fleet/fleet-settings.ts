// The fleet's one province-wide setting (issue 17): how many whole working days without contact
// make a kiosk silent (shared/fleet-health.ts says why the default is 2), read from
// CENTRAL_SILENT_DAYS by `serve` as CENTRAL_OFFICER_MINIMUM_RATINGS is.
import { DEFAULT_SILENT_WORKING_DAYS } from '../../shared/fleet-health';
import { wholeNumberFromEnv } from '../env-whole-number';

export const SILENT_DAYS_ENV = 'CENTRAL_SILENT_DAYS';

/** Throws with a Vietnamese message for a value that is not a whole number from 1 to 60 (about three months of working days). */
export const silentDaysFromEnv = (env: Record<string, string | undefined>): number =>
  wholeNumberFromEnv(env, { name: SILENT_DAYS_ENV, min: 1, max: 60, fallback: DEFAULT_SILENT_WORKING_DAYS, unit: '(số ngày làm việc)' });
