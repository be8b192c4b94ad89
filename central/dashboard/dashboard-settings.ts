// The dashboard's one province-wide setting (issue 16): the minimum number of ratings before a
// rate that can single out one officer is shown — the kiosk's rule (shared/rating-rules.ts
// rateWithMinimum) with the kiosk's default, read from CENTRAL_OFFICER_MINIMUM_RATINGS by
// `serve` and `report` alike, so the page and the report agree.
import { DEFAULT_OFFICER_MINIMUM_RATINGS } from '../../shared/rating-rules';
import { wholeNumberFromEnv } from '../env-whole-number';

export const OFFICER_MINIMUM_ENV = 'CENTRAL_OFFICER_MINIMUM_RATINGS';

/** Throws with a Vietnamese message for a value that is not a whole number from 1 to 100 (the kiosk's bounds). */
export const officerMinimumFromEnv = (env: Record<string, string | undefined>): number =>
  wholeNumberFromEnv(env, { name: OFFICER_MINIMUM_ENV, min: 1, max: 100, fallback: DEFAULT_OFFICER_MINIMUM_RATINGS });
