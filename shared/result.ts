// Errors cross every boundary (IPC, HTTP, files) as data, never as thrown stacks.
import { z } from 'zod';

/** Every failure a program can branch on. Add a code here, then its Vietnamese text in errors.ts. */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'SCALE_MISMATCH',
  'STORAGE_FAILED',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL',
  'NOT_SUPPORTED',
  'NOT_FOUND',
  'CONFLICT',
  'PIN_WRONG',
  'PIN_LOCKED',
  'PIN_CHANGE_REQUIRED',
  'PIN_TOO_WEAK',
  'SIGN_IN_REQUIRED',
  'FORBIDDEN',
  'NO_SHIFT',
  'CANCELLED',
  'NOTHING_TO_EXPORT',
  'FOLDER_UNAVAILABLE',
  'FILE_REJECTED',
  'REASONS_NOT_ASKED',
  'REASONS_ALREADY_GIVEN',
  'REASON_UNKNOWN',
  'OUT_OF_SERVICE',
  'REFERENCE_NOT_FOUND',
  'DOSSIER_CODE_INVALID',
  'DOSSIER_ALREADY_RATED',
  'DOSSIER_CODE_REQUIRED',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const kioskErrorSchema = z.object({
  code: errorCodeSchema,
  /** Plain Vietnamese, safe to show to a person. */
  message: z.string(),
  /** Technical detail for logs and IT staff; never a stack trace. */
  detail: z.string().optional(),
  /** When a refused action may be tried again (PIN lockout). */
  retryAt: z.string().optional(),
  /** OUT_OF_SERVICE: the outage's code for IT (e.g. "HL-DISK-FULL"), shown on the citizen screen's notice. */
  incidentCode: z.string().optional(),
});
export type KioskError = z.infer<typeof kioskErrorSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: KioskError };

export function resultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: kioskErrorSchema }),
  ]);
}
