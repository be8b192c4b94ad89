// The report path's lookup (issue 15): the section head and IT (and inspectors, with them) type
// the reference code a citizen wrote down and see the rating it names. Not public: a code
// reveals a rating (its time, level, officer and dossier), and the citizen screen never needs it.
import { z } from 'zod';
import { parseReferenceCode } from '../reference-code-text';
import { scaleIdSchema } from '../scales';
import { defineMethods } from './method';

/** A typed code, read forgivingly (lower case, O/0, I/1, dashes optional) into its written form. */
export const referenceCodeInputSchema = z
  .string({ error: 'Hãy nhập mã phản ánh' })
  .max(40, 'Mã phản ánh quá dài')
  .transform((typed, ctx) => {
    const code = parseReferenceCode(typed);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'Mã phản ánh gồm HL và 10 chữ hoặc số, ví dụ HL-7Q2MV-K0D9X' });
      return z.NEVER;
    }
    return code;
  });

/** One rating a code resolves to, as a lookup shows it. */
export const ratingByReferenceSchema = z.object({
  ratingId: z.uuid(),
  deviceId: z.string(),
  createdAt: z.string(),
  scale: scaleIdSchema,
  level: z.number().int(),
  officerName: z.string().nullable(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  dossierCode: z.string().nullable(),
  /** As the citizen chose them, with the Vietnamese labels of that time. */
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
  flags: z.array(z.string()),
});
export type RatingByReference = z.infer<typeof ratingByReferenceSchema>;

export const reportPathContract = defineMethods({
  /**
   * The rating(s) behind a reference code, or REFERENCE_NOT_FOUND. Exact codes only (no prefix
   * or partial match), so it cannot list ratings; each lookup is logged with who asked.
   * Normally one rating; two only if two ratings' codes collide (docs/DECISIONS.md, issue 15).
   */
  findRatingByReference: {
    input: z.strictObject({ referenceCode: referenceCodeInputSchema }),
    output: z.object({ referenceCode: z.string(), ratings: z.array(ratingByReferenceSchema).min(1) }),
    access: ['section-head', 'it-admin'],
    host: 'any',
  },
});
