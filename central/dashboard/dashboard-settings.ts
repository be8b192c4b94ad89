// The dashboard's one province-wide setting (issue 16): the minimum number of ratings before a
// rate that can single out one officer is shown — the kiosk's rule (shared/rating-rules.ts
// rateWithMinimum) with the kiosk's default, read from CENTRAL_OFFICER_MINIMUM_RATINGS by
// `serve` and `report` alike, so the page and the report agree.
import { z } from 'zod';
import { DEFAULT_OFFICER_MINIMUM_RATINGS } from '../../shared/rating-rules';

export const OFFICER_MINIMUM_ENV = 'CENTRAL_OFFICER_MINIMUM_RATINGS';

const minimumSchema = z.coerce
  .number({ error: `${OFFICER_MINIMUM_ENV} phải là số nguyên từ 1 đến 100` })
  .int(`${OFFICER_MINIMUM_ENV} phải là số nguyên từ 1 đến 100`)
  .min(1, `${OFFICER_MINIMUM_ENV} phải là số nguyên từ 1 đến 100`)
  .max(100, `${OFFICER_MINIMUM_ENV} phải là số nguyên từ 1 đến 100`);

/** Throws with a Vietnamese message for a value that is not a whole number from 1 to 100 (the kiosk's bounds). */
export function officerMinimumFromEnv(env: Record<string, string | undefined>): number {
  const raw = env[OFFICER_MINIMUM_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_OFFICER_MINIMUM_RATINGS;
  const parsed = minimumSchema.safeParse(raw.trim());
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? OFFICER_MINIMUM_ENV);
  return parsed.data;
}
