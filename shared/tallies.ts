// What the dashboard and the reports show. Computed by the backend in SQL; the same object
// feeds the screen, the printed page and the Excel summary sheet.
import { z } from 'zod';
import { surveyFactorSchema } from './survey-factors';
import { dayRangeSchema } from './periods';
import { misuseFlags as flagsOfMisuse } from './rating-flags';
import { scaleIdSchema } from './scales';

const count = z.number().int().nonnegative();
/** A share in [0, 1]; null when there is nothing to divide by. */
const share = z.number().min(0).max(1).nullable();

export const levelCountSchema = z.object({ level: z.number().int().min(1).max(5), label: z.string(), count, share });

/** Counts on one scale: levels are only comparable within a scale. */
export const scaleTallySchema = z.object({ scale: scaleIdSchema, total: count, levels: z.array(levelCountSchema) });

export const talliesSchema = z.object({
  range: dayRangeSchema,
  total: count,
  /** Ratings at "Hài lòng" or better, on whatever scale they were given. */
  satisfied: count,
  satisfactionRate: share,
  byScale: z.array(scaleTallySchema),
  previous: z.object({ range: dayRangeSchema, total: count, satisfactionRate: share }),
  /** 24 rows, hour 0..23 of the local day; byLevel is keyed by level *label* (stable across scales) for the stacked chart. */
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), byLevel: z.record(z.string(), count), total: count })),
  /** The 30 local days ending at range.to. */
  trend: z.array(z.object({ day: z.iso.date(), total: count, satisfied: count, satisfactionRate: share })),
  byOfficer: z.array(
    z.object({
      officerId: z.string().nullable(),
      name: z.string(),
      total: count,
      satisfied: count,
      /** Null below the minimum number of ratings: "chưa đủ dữ liệu". */
      satisfactionRate: share,
    }),
  ),
  byServiceArea: z.array(z.object({ serviceCode: z.string().nullable(), name: z.string(), total: count, satisfied: count, satisfactionRate: share })),
  topReasons: z.array(z.object({ reason: z.string(), count })),
  /**
   * Reason choices grouped by the national survey's factors (shared/citizen-options.ts): every
   * factor in the survey's order, then the choices outside them (factor null) when there are any; no rows when no reason was chosen.
   * A citizen who picks two reasons of one factor counts twice: these are choices, not ratings.
   */
  byFactor: z.array(z.object({ factor: surveyFactorSchema.nullable(), name: z.string(), count, share })),
  officerMinimumRatings: z.number().int().positive(),
  includesFlagged: z.boolean(),
  /** Ratings with a misuse flag (shared/rating-flags.ts) left out of the figures: 0 when includesFlagged. */
  excludedFlaggedCount: count,
  /** Ratings in the range with a misuse flag ("nghi ngờ"), counted on their own whether or not included. */
  suspectedCount: count,
});
export type Tallies = z.infer<typeof talliesSchema>;

/** Flags that exclude a rating from tallies by default: the 'misuse' kind of shared/rating-flags.ts. */
export const misuseFlags: readonly string[] = flagsOfMisuse;
