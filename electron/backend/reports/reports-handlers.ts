// The dashboard and its exports: officers and the section head (see tallies.ts for who sees
// which counters). The IT admin gets the diagnostics of a later issue instead.
import type { Handlers } from '../../../shared/contract';
import type { BackendContext } from '../backend-context';
import type { StaffSessions } from '../staff/staff-session';
import { exportRatings } from './report-export';
import { computeTallies } from './tallies';

export function reportsHandlers(ctx: BackendContext, sessions: StaffSessions): Pick<Handlers, 'getTallies' | 'exportReport'> {
  return {
    getTallies: ({ range, includeFlagged }) => computeTallies(ctx.db, range, includeFlagged),

    exportReport: async ({ range, format, includeFlagged }) => {
      const { role } = sessions.current();
      const file = await exportRatings(ctx.db, range, format, includeFlagged, ctx.now());
      ctx.log.info({ role, range, format, includeFlagged, bytes: file.bytes.length }, 'report exported');
      return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64') };
    },
    // savePdfReport is `host: 'electron'` (electron/shell/pdf-report.ts); browser mode answers
    // NOT_SUPPORTED from dispatch and the page prints with the print stylesheet.
  };
}
