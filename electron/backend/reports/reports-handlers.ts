// The dashboard and its exports: officers and the section head (see tallies.ts for who sees
// which counters). The IT admin gets the diagnostics of a later issue instead.
import { contract, type Handlers } from '../../../shared/contract';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import type { StaffSessions } from '../staff/staff-session';
import { exportRatings } from './report-export';
import { computeTallies } from './tallies';

/** The contract's readers of reports, for the shell's own savePdfReport (electron/shell/pdf-report.ts). */
export const reportReaders = contract.savePdfReport.access;

export function reportsHandlers(ctx: BackendContext, sessions: StaffSessions): Pick<Handlers, 'getTallies' | 'exportReport' | 'savePdfReport'> {
  return {
    getTallies: ({ range, includeFlagged }) => computeTallies(ctx.db, range, includeFlagged),

    exportReport: async ({ range, format, includeFlagged }) => {
      const { role } = sessions.current();
      const file = await exportRatings(ctx.db, range, format, includeFlagged, ctx.now());
      ctx.log.info({ role, range, format, includeFlagged, bytes: file.bytes.length }, 'report exported');
      return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64') };
    },

    // Browser mode prints with the print stylesheet; the Electron shell replaces this handler
    // with one that calls webContents.printToPDF; dispatch checks the access of both.
    savePdfReport: () => {
      throw new KioskFailure('NOT_SUPPORTED');
    },
  };
}
