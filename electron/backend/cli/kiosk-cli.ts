// `npm run kiosk -- <command>`: IT staff's command line for a kiosk's data folder.
//   configure-sync --endpoint URL (--token TOKEN | --token-file FILE) [--data-dir DIR]
//   configure-sync --no-network [--data-dir DIR]     (an office without network: sync files only)
//   sync-status [--data-dir DIR]
//   export-sync-file --out DIR [--from YYYY-MM-DD --to YYYY-MM-DD] [--data-dir DIR]
//   import-ack FILE [--data-dir DIR]
//   import-provisioning FILE [--fingerprint "XXXX XXXX XXXX XXXX XXXX"] [--data-dir DIR]
//       (--fingerprint: central's key, from `central key`; required until a central key is pinned)
//   export-enrollment --out DIR [--data-dir DIR]
//   reset-pin --role section-head|it-admin [--data-dir DIR]   (prints a one-time code, audited)
//   import-pin-reset FILE.hlreset [--data-dir DIR]   (a reset file signed by central: the role's
//       PIN becomes the one-time code central printed; each file works once, audited)
//   diagnostics [--data-dir DIR]   (the storage's health without the staff area: exit 0 fine, 1 not)
// Works while the kiosk runs: the sync engine reads its settings before every attempt.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../database';
import { osUserDataDir, resolveDataDir } from '../data-dir';
import { DATABASE_FILE, openKioskBackend } from '../kiosk-backend';
import { silentLogger } from '../logger';
import { saveSettingsAudited, type AuditActor } from '../it-admin/settings-audit-repo';
import { fileSecretStore, SealedSecretError } from '../secret-store';
import { readSyncSettings } from '../settings-repo';
import { importAckFile } from '../sync-files/ack-import';
import { exportEnrollmentFile } from '../sync-files/enrollment-export';
import { importProvisioningFile } from '../sync-files/provisioning-import';
import { exportSyncFile } from '../sync-files/sync-file-export';
import { runImportPinResetCommand, runResetPinCommand } from './reset-pin-command';
import { runStorageDiagnostics } from './storage-diagnostics';
import { SyncFileRejection } from '../../../shared/sync-files/rejections';
import { readRegularTextFile, UnsafeFileError, unsafeFileLine } from '../../../shared/node/safe-file-read';
import { deviceTokenSchema } from '../../../shared/device-settings';
import { roleLabels } from '../../../shared/staff';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/**
 * Who changed the settings, for the audit log. The CLI has no PIN session: whoever can run it
 * on the kiosk's data folder is the IT admin, so the log names the OS account at the keyboard.
 */
export function cliActor(env: NodeJS.ProcessEnv, osUserName: () => string = () => userInfo().username): AuditActor {
  let user: string | undefined;
  try {
    user = osUserName();
  } catch {
    // userInfo() throws for an account without a passwd entry (containers, some services).
  }
  const name = [user, env.USER, env.USERNAME].find((n) => n !== undefined && n.trim() !== '') ?? 'không rõ';
  return { role: 'it-admin', officerId: null, name: `dòng lệnh (${name})` };
}

export async function runKioskCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        endpoint: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        'no-network': { type: 'boolean' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        role: { type: 'string' },
        fingerprint: { type: 'string' },
      },
      strict: true,
    });
    const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env, userDataDir: osUserDataDir(io.env) });
    if (command === 'configure-sync') {
      const db = openDatabase(join(dataDir, DATABASE_FILE));
      const secrets = fileSecretStore(dataDir);
      const actor = cliActor(io.env);
      try {
        if (values['no-network'] === true) {
          saveSettingsAudited(db, { secrets, changes: { sync: { endpoint: null } }, actor, via: 'kiosk-cli', at: new Date() });
          io.stdout('Đã đặt: văn phòng không có mạng (chỉ dùng tệp đồng bộ).');
          return 0;
        }
        const rawToken = values.token ?? (values['token-file'] === undefined ? undefined : readRegularTextFile(values['token-file']));
        if (values.endpoint === undefined || rawToken === undefined) {
          io.stderr('Cần --endpoint và --token (hoặc --token-file), hoặc --no-network.');
          return 2;
        }
        const token = deviceTokenSchema.parse(rawToken);
        const endpoint = values.endpoint;
        // A refused endpoint throws before the token is replaced (saveSettingsAudited writes it last).
        saveSettingsAudited(db, { secrets, changes: { sync: { endpoint }, deviceToken: token }, actor, via: 'kiosk-cli', at: new Date() });
        const saved = readSyncSettings(db);
        io.stdout(`Đã lưu máy chủ trung tâm ${saved.endpoint ?? ''} và token thiết bị.`);
        return 0;
      } finally {
        db.close();
      }
    }
    if (command === 'sync-status') {
      const backend = openKioskBackend({ dataDir, appVersion: KIOSK_APP_VERSION, log: silentLogger(), autoSync: false });
      try {
        io.stdout(JSON.stringify({ deviceId: backend.context.deviceId, ...backend.sync.status() }, null, 2));
        return 0;
      } finally {
        await backend.close();
      }
    }
    if (command === 'export-sync-file' || command === 'import-ack' || command === 'import-provisioning' || command === 'export-enrollment') {
      return await runSyncFileCommand(command, { dataDir, values, positionals }, io);
    }
    if (command === 'diagnostics') return runStorageDiagnostics(dataDir, io);
    if (command === 'reset-pin') return await runResetPinCommand({ dataDir, role: values.role, actor: cliActor(io.env) }, io);
    if (command === 'import-pin-reset') return await runImportPinResetCommand({ dataDir, files: positionals, actor: cliActor(io.env) }, io);
    io.stderr(
      'Lệnh: diagnostics | configure-sync | sync-status | export-sync-file | import-ack | import-provisioning | export-enrollment | reset-pin | import-pin-reset  (xem docs/sync-protocol.md)',
    );
    return 2;
  } catch (error) {
    if (error instanceof SyncFileRejection) {
      io.stderr(`${error.code}: ${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}`);
      return 1;
    }
    if (error instanceof UnsafeFileError) {
      io.stderr(unsafeFileLine(error));
      return 1;
    }
    if (error instanceof SealedSecretError) {
      io.stderr(`${error.code}: ${error.message}`);
      return 1;
    }
    io.stderr(error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error));
    return 2;
  }
}

const dayRange = z.object({ from: z.iso.date('--from: ngày dạng YYYY-MM-DD'), to: z.iso.date('--to: ngày dạng YYYY-MM-DD') });

/** USB sync files (docs/sync-protocol.md, "Sync files (USB)"). Secrets are never printed. */
async function runSyncFileCommand(
  command: 'export-sync-file' | 'import-ack' | 'import-provisioning' | 'export-enrollment',
  { dataDir, values, positionals }: {
    dataDir: string;
    values: { out?: string | undefined; from?: string | undefined; to?: string | undefined; fingerprint?: string | undefined };
    positionals: string[];
  },
  io: CliIo,
): Promise<number> {
  const now = () => new Date();
  // The Electron app seals the device key; the CLI cannot unseal it and must not make a new one.
  const secrets = fileSecretStore(dataDir, { refuseSealed: ['device-private-key'] });
  const needsOut = command === 'export-sync-file' || command === 'export-enrollment';
  if (needsOut && values.out === undefined) {
    io.stderr('Cần --out THƯ_MỤC (ví dụ thư mục trên USB).');
    return 2;
  }
  if (!needsOut && positionals.length !== 1) {
    io.stderr('Cần đúng một đường dẫn tệp.');
    return 2;
  }
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    if (command === 'export-sync-file') {
      const range = values.from === undefined && values.to === undefined ? undefined : dayRange.parse({ from: values.from, to: values.to });
      const done = await exportSyncFile({
        db,
        secrets,
        outDir: values.out ?? '',
        now,
        appVersion: KIOSK_APP_VERSION,
        ...(range === undefined ? {} : { range: { fromDay: range.from, toDay: range.to } }),
      });
      io.stdout(`Đã xuất và kiểm tra ${done.count} đánh giá và ${done.reasonAnswerCount} câu trả lời lý do (tệp số ${done.fileNumber}). Có thể rút USB.`);
      io.stdout(`SYNC_FILE=${done.path}`);
      return 0;
    }
    if (command === 'export-enrollment') {
      const done = await exportEnrollmentFile({ db, secrets, outDir: values.out ?? '', now, appVersion: KIOSK_APP_VERSION });
      io.stdout(`Đã xuất tệp đăng ký thiết bị ${done.deviceId}: nhập ở máy chủ trung tâm bằng "device enroll".`);
      io.stdout(`ENROLLMENT_FILE=${done.path}`);
      return 0;
    }
    const file = positionals[0] ?? '';
    if (command === 'import-ack') {
      const done = await importAckFile({ db, file, now });
      io.stdout(
        `Đã nhập tệp xác nhận cho tệp số ${done.ack.fileNumber}: ${done.changed} đánh giá được đánh dấu đã đồng bộ, còn ${done.pendingCount} chờ gửi.`,
      );
      return 0;
    }
    const applied = await importProvisioningFile({ db, secrets, file, now, audit: { actor: cliActor(io.env), via: 'kiosk-cli' }, confirmedFingerprint: values.fingerprint });
    io.stdout(
      `Đã áp dụng cấu hình: ${applied.kiosk.officeName} (${applied.info.officeCode}), quầy ${applied.kiosk.counterNumber}, ` +
        `thang ${applied.kiosk.scaleId}, ${applied.sync.endpoint ?? 'không có mạng (chỉ tệp đồng bộ)'}.` +
        (applied.pinnedNow ? ' Đã ghi nhận khóa của máy chủ trung tâm.' : ''),
    );
    if (applied.setupCodeRoles.length > 0) {
      io.stdout(
        `Mã cài đặt dùng một lần (do máy chủ trung tâm in ra khi tạo tệp) là mã PIN của: ${applied.setupCodeRoles.map((r) => roleLabels[r]).join(', ')}; ` +
          'dùng được một lần, phải đổi ngay khi đăng nhập.',
      );
    }
    return 0;
  } finally {
    db.close();
  }
}
