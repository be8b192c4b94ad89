// USB sync files from the IT screen: the same functions as `npm run kiosk -- …`
// (electron/backend/sync-files/), behind the IT admin's PIN, with progress pushed as events.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { ImportableFile, ImportableFileKind } from '../../../shared/contract/it-admin';
import { ACK_FILE_EXTENSION } from '../../../shared/sync-files/ack-file';
import { PIN_RESET_FILE_EXTENSION } from '../../../shared/sync-files/pin-reset-file';
import { PROVISIONING_FILE_EXTENSION } from '../../../shared/sync-files/provisioning-file';
import { FILE_LIMITS } from '../../../shared/node/safe-file-read';
import { importPinResetFile } from '../staff/pin-reset';
import { importAckFile } from '../sync-files/ack-import';
import { exportEnrollmentFile } from '../sync-files/enrollment-export';
import { importProvisioningFile, inspectProvisioningFile } from '../sync-files/provisioning-import';
import { exportSyncFile } from '../sync-files/sync-file-export';
import { auditActor, type ItAdminDeps } from './it-admin-deps';
import { keyFingerprint } from '../../../shared/sync-files/enrollment-file';
import { asFileFailure, requireFile, requireFolder } from './usb-paths';

type Methods = 'listUsbFolders' | 'exportSyncFile' | 'listImportableFiles' | 'importAckFile' | 'importProvisioningFile' | 'importPinResetFile' | 'exportEnrollmentFile';

const kindOfFile = (name: string): ImportableFileKind | undefined => {
  const lower = name.toLowerCase();
  if (lower.endsWith(ACK_FILE_EXTENSION)) return 'ack';
  if (lower.endsWith(PROVISIONING_FILE_EXTENSION)) return 'provisioning';
  if (lower.endsWith(PIN_RESET_FILE_EXTENSION)) return 'pin-reset';
  return undefined;
};

export function syncFileHandlers(deps: ItAdminDeps): Pick<Handlers, Methods> {
  const { ctx, sessions, secrets, emit } = deps;
  const { db, log } = ctx;

  return {
    listUsbFolders: () => deps.usbFolders(),

    exportSyncFile: async ({ folder, range }) => {
      const outDir = requireFolder(folder);
      try {
        const done = await exportSyncFile({
          db,
          secrets,
          outDir,
          now: ctx.now,
          appVersion: ctx.appVersion,
          log,
          onProgress: (written, total) => emit('syncFileExportProgress', { written, total }),
          ...(range === undefined ? {} : { range }),
        });
        const fileName = basename(done.path);
        log.info({ fileName, fileNumber: done.fileNumber, count: done.count }, 'sync file exported and verified');
        return { fileName, path: done.path, count: done.count, reasonAnswerCount: done.reasonAnswerCount, fileNumber: done.fileNumber };
      } catch (error) {
        log.warn({ err: error, folder: outDir }, 'sync file export failed');
        throw asFileFailure(error, outDir);
      }
    },

    listImportableFiles: ({ folder, kinds }) => {
      const dir = requireFolder(folder);
      try {
        return readdirSync(dir)
          .filter((name) => !name.startsWith('.'))
          .flatMap((name): ImportableFile[] => {
            const kind = kindOfFile(name);
            if (kind === undefined || (kinds !== undefined && !kinds.includes(kind))) return [];
            const path = join(dir, name);
            const stat = statSync(path);
            return stat.isFile() ? [{ name, path, kind, bytes: stat.size, modifiedAt: stat.mtime.toISOString() }] : [];
          })
          .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name));
      } catch (error) {
        throw asFileFailure(error, dir);
      }
    },

    importAckFile: async ({ path }) => {
      const file = requireFile(path, ACK_FILE_EXTENSION, FILE_LIMITS.ackFile);
      try {
        const done = await importAckFile({ db, file, now: ctx.now });
        log.info({ fileNumber: done.ack.fileNumber, marked: done.changed, pending: done.pendingCount }, 'ack file imported');
        return { marked: done.changed, pendingCount: done.pendingCount, pendingReasonAnswers: done.pendingReasonAnswers, fileNumber: done.ack.fileNumber };
      } catch (error) {
        log.warn({ err: error, file: basename(file) }, 'ack file refused');
        throw asFileFailure(error, file);
      }
    },

    // The one-step setup of a fresh kiosk: allowed while it still needs setup, like every IT
    // method after the IT PIN (and its forced change) — the moment of trust is in person.
    // Inspect → confirm while no central key is pinned (shared/contract/it-admin.ts).
    importProvisioningFile: async ({ path, confirmedFingerprint }) => {
      const actor = auditActor(sessions);
      const file = requireFile(path, PROVISIONING_FILE_EXTENSION, FILE_LIMITS.provisioningFile);
      let applied;
      try {
        const inspected = await inspectProvisioningFile(db, file);
        if (inspected.pinnedKey === 'none' && confirmedFingerprint === undefined) {
          const f = inspected.file;
          log.info({ file: basename(file) }, 'provisioning file inspected: central key to confirm');
          return {
            applied: false,
            centralKeyFingerprint: inspected.fingerprint,
            officeCode: f.officeCode,
            officeName: f.officeName,
            counterNumber: f.counter,
            kioskLabel: f.kioskLabel,
            scaleId: f.scale,
            timeZone: f.timeZone,
            endpoint: f.endpoint,
            serviceAreaCount: f.serviceAreas === null ? null : f.serviceAreas.length,
            pinnedCentralKey: false,
          };
        }
        applied = await importProvisioningFile({ db, secrets, file, now: ctx.now, audit: { actor, via: 'provisioning-file' }, confirmedFingerprint });
      } catch (error) {
        log.warn({ err: error, file: basename(file) }, 'provisioning file refused');
        throw asFileFailure(error, file);
      }
      log.info({ changed: applied.changedKeys, pinnedCentralKey: applied.pinnedNow }, 'provisioning file applied');
      return {
        applied: true,
        centralKeyFingerprint: await keyFingerprint(applied.centralPublicKey),
        officeCode: applied.info.officeCode,
        officeName: applied.kiosk.officeName,
        counterNumber: applied.kiosk.counterNumber,
        kioskLabel: applied.info.kioskLabel,
        scaleId: applied.kiosk.scaleId,
        timeZone: applied.kiosk.timeZone,
        endpoint: applied.sync.endpoint,
        serviceAreaCount: applied.serviceAreas === null ? null : applied.serviceAreas.length,
        pinnedCentralKey: applied.pinnedNow,
      };
    },

    importPinResetFile: async ({ path }) => {
      const actor = auditActor(sessions);
      const file = requireFile(path, PIN_RESET_FILE_EXTENSION, FILE_LIMITS.enrollmentFile);
      try {
        const done = await importPinResetFile(db, { file, actor, now: ctx.now() });
        log.info({ role: done.role, fileId: done.fileId, by: actor.role }, 'PIN reset file imported');
        return { role: done.role };
      } catch (error) {
        log.warn({ err: error, file: basename(file) }, 'PIN reset file refused');
        throw asFileFailure(error, file);
      }
    },

    exportEnrollmentFile: async ({ folder }) => {
      const outDir = requireFolder(folder);
      try {
        const done = await exportEnrollmentFile({ db, secrets, outDir, now: ctx.now, appVersion: ctx.appVersion });
        log.info({ deviceId: done.deviceId }, 'enrollment file exported');
        return { fileName: basename(done.path), path: done.path, deviceId: done.deviceId, publicKeyFingerprint: await keyFingerprint(done.publicKey) };
      } catch (error) {
        throw asFileFailure(error, outDir);
      }
    },
  };
}
