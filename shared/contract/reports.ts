import { z } from 'zod';
import { dayRangeSchema } from '../periods';
import { talliesSchema } from '../tallies';
import { defineMethods } from './method';

/** The dashboard's readers; the IT admin gets diagnostics instead. */
const reportReaders = ['officer', 'section-head'] as const;

export const reportsContract = defineMethods({
  /** Officer: own counter; section head: every counter this kiosk knows. */
  getTallies: {
    input: z.strictObject({ range: dayRangeSchema, includeFlagged: z.boolean().default(false) }),
    output: talliesSchema,
    access: reportReaders,
    host: 'any',
  },
  /** The file's bytes come back base64-encoded; the renderer saves them (download / save dialog). */
  exportReport: {
    input: z.strictObject({ range: dayRangeSchema, format: z.enum(['xlsx', 'csv']), includeFlagged: z.boolean().default(false) }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
    access: reportReaders,
    host: 'any',
  },
  /**
   * Electron only (webContents.printToPDF to a chosen file; the shell's handler). The browser
   * host has none, so dispatch answers NOT_SUPPORTED and the renderer opens the print dialog
   * with the print stylesheet instead.
   */
  savePdfReport: {
    input: z.strictObject({ fileName: z.string().regex(/^[\w.-]{1,80}\.pdf$/) }),
    output: z.object({ path: z.string() }),
    access: reportReaders,
    host: 'electron',
  },
});
