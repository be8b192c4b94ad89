// Status and diagnostics: the screen's figures, PRAGMA integrity_check on demand, and one JSON
// bundle for the USB stick. "Đồng bộ ngay" is the existing syncNow.
import { format } from 'date-fns/format';
import { TZDate } from '@date-fns/tz';
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../shared/contract';
import { toLocalIso } from '../../../shared/local-time';
import { removeStaleTemps, writeFileDurably } from '../sync-files/durable-file';
import { classifyStorageError } from '../storage/corruption';
import { readDeviceSettings } from './device-settings';
import { collectDiagnostics, logFileOf } from './diagnostics';
import { integrityCheck, ratingCountsByLevel } from './diagnostics-repo';
import type { ItAdminDeps } from './it-admin-deps';
import { readLogTail } from './log-tail';
import { secretScrubber } from './secret-scrub';
import { listAuditEntries } from './settings-audit-repo';
import { asFileFailure, requireFolder } from './usb-paths';

type Methods = 'getDiagnostics' | 'runIntegrityCheck' | 'exportDiagnosticsBundle';

/**
 * integrity_check's lines (['ok'] when sound). A file too damaged for SQLite to check at all is
 * reported as damage, not as an internal error (issue 12); a lock or a full disk still throws.
 */
function integrityCheckReport(db: Database): string[] {
  try {
    return integrityCheck(db);
  } catch (error) {
    const verdict = classifyStorageError(error);
    if (verdict.verdict !== 'corrupt') throw error;
    return [`${verdict.reason}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

export function diagnosticsHandlers(deps: ItAdminDeps): Pick<Handlers, Methods> {
  const { ctx, secrets } = deps;
  return {
    getDiagnostics: async () => collectDiagnostics(deps),

    runIntegrityCheck: () => {
      const result = integrityCheckReport(ctx.db);
      const ok = result.length === 1 && result[0] === 'ok';
      (ok ? ctx.log.info.bind(ctx.log) : ctx.log.error.bind(ctx.log))({ ok, problems: ok ? 0 : result.length }, 'integrity check');
      return { ok, result };
    },

    exportDiagnosticsBundle: async ({ folder }) => {
      const outDir = requireFolder(folder);
      const settings = readDeviceSettings(ctx.db, secrets);
      const at = ctx.now();
      const bundle = {
        kind: 'hai-long-diagnostics',
        formatVersion: 1,
        createdAt: toLocalIso(at, settings.timeZone),
        diagnostics: await collectDiagnostics(deps),
        integrityCheck: integrityCheckReport(ctx.db),
        // The token is only "set or not"; officers, PINs and photos are not part of a bundle.
        settings,
        ratingCounts: ratingCountsByLevel(ctx.db),
        auditLog: listAuditEntries(ctx.db, 200),
        logTail: readLogTail(logFileOf(deps.dataDir), 500),
      };
      const text = secretScrubber(secrets)(JSON.stringify(bundle, null, 2));
      const stamp = format(new TZDate(at.getTime(), settings.timeZone), 'yyyyMMdd-HHmmss');
      const fileName = `hai-long-diagnostics-${ctx.deviceId.slice(0, 8)}-${stamp}.json`;
      try {
        removeStaleTemps(outDir);
        const path = writeFileDurably(outDir, fileName, Buffer.from(`${text}\n`, 'utf8'));
        ctx.log.info({ fileName }, 'diagnostics bundle exported');
        return { fileName, path };
      } catch (error) {
        throw asFileFailure(error, outDir);
      }
    },
  };
}
