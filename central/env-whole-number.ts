// One way central's `serve` and `report` read a whole-number setting from the environment
// (CENTRAL_OFFICER_MINIMUM_RATINGS, CENTRAL_SILENT_DAYS): unset or blank keeps the default, anything
// else must be a whole number within bounds, or starting refuses with a Vietnamese message.
import { z } from 'zod';

export interface WholeNumberSetting {
  name: string;
  min: number;
  max: number;
  fallback: number;
  /** What the number counts, added to the message, e.g. "(số ngày làm việc)". */
  unit?: string;
}

export function wholeNumberFromEnv(env: Record<string, string | undefined>, setting: WholeNumberSetting): number {
  const raw = env[setting.name];
  if (raw === undefined || raw.trim() === '') return setting.fallback;
  const problem = `${setting.name} phải là số nguyên từ ${setting.min} đến ${setting.max}${setting.unit === undefined ? '' : ` ${setting.unit}`}`;
  const parsed = z.coerce.number({ error: problem }).int(problem).min(setting.min, problem).max(setting.max, problem).safeParse(raw.trim());
  if (!parsed.success) throw new Error(problem);
  return parsed.data;
}
