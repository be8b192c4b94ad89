// The answer of POST /api/v1/sync-files (admin token, body = the .hlsync bytes) when central
// imported or recognised the file. Refusals are 422 with syncFileRejectionSchema.
import { z } from 'zod';

export const syncFileImportResponseSchema = z.strictObject({
  outcome: z.enum(['imported', 'replayed']),
  deviceId: z.uuid(),
  fileNumber: z.number().int().positive(),
  /** Ratings in the file (0 in a file of reason answers only). */
  count: z.number().int().nonnegative(),
  reasonAnswerCount: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  /** The signed .hlack file, base64; null when a newer file was imported already. */
  ackFile: z.string().nullable(),
});
export type SyncFileImportResponse = z.infer<typeof syncFileImportResponseSchema>;
