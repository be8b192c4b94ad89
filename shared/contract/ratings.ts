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

/**
 * A dossier code as it crosses the boundary, before the format rule: bounded so a 10 KB string
 * is refused as INVALID_INPUT without reaching the rule (which refuses the rest kindly).
 */
const dossierCodeInputSchema = z.string().max(200);

export const ratingsContract = defineMethods({
  /** The citizen's tap. Resolves only after the rating is committed to disk. */
  submitRating: {
    input: z.strictObject({
      // The scale the screen showed: a level means nothing without it.
      scale: scaleIdSchema,
      level: z.number().int().min(1).max(5),
      /**
       * The dossier code scanned or typed for this rating (issue 15), checked against the
       * configured format (DOSSIER_CODE_INVALID), once per dossier when the office says so
       * (DOSSIER_ALREADY_RATED); left out: no code (DOSSIER_CODE_REQUIRED when one must be given).
       */
      dossierCode: dossierCodeInputSchema.optional(),
    }),
    output: storedRatingSchema,
    access: 'public',
    host: 'any',
  },
  /**
   * Before the faces: is this dossier code accepted (format, not yet rated when one rating per
   * dossier)? The same rule as submitRating's; answers the normalised code, or the same failure.
   */
  checkDossierCode: {
    input: z.strictObject({ dossierCode: dossierCodeInputSchema }),
    output: z.object({ dossierCode: z.string() }),
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
