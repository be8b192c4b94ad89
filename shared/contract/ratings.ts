import { z } from 'zod';
import { scaleIdSchema } from '../scales';
import { defineMethods } from './method';

/** A rating as the kiosk acknowledges it to the citizen's screen. */
export const storedRatingSchema = z.object({
  id: z.uuid(),
  seq: z.number().int().positive(),
  createdAt: z.string(),
});
export type StoredRating = z.infer<typeof storedRatingSchema>;

export const ratingsContract = defineMethods({
  /** The citizen's tap. Resolves only after the rating is committed to disk. */
  submitRating: {
    input: z.strictObject({
      // The scale the screen showed: a level means nothing without it.
      scale: scaleIdSchema,
      level: z.number().int().min(1).max(5),
    }),
    output: storedRatingSchema,
    access: 'public',
    host: 'any',
  },
  /**
   * The reasons a citizen picked after a negative rating, stored as their own record (the
   * rating never changes). Only for the device's newest rating, once.
   */
  submitReasons: {
    input: z.strictObject({
      ratingId: z.uuid(),
      reasonCodes: z.array(z.string().min(1).max(32)).min(1).max(12),
    }),
    /**
     * `referenceCode` (issue 15): the rating's reference code when a chosen reason is on the
     * report path (the screen shows it with where to report), otherwise null.
     */
    output: z.object({ id: z.uuid(), referenceCode: z.string().nullable() }),
    access: 'public',
    host: 'any',
  },
});
