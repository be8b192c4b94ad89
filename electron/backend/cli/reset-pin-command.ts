// `npm run kiosk -- reset-pin --role section-head|it-admin [--data-dir DIR]`: a forgotten or
// locked section-head or IT PIN, recovered without losing data. Whoever can run commands on
// the kiosk PC is the IT admin, as for the other kiosk commands; the reset is audited under the
// OS account (staff_pin_audit), the one-time code is printed once and nowhere else.
import { join } from 'node:path';
import { roleLabels, sharedRoles, type SharedRole } from '../../../shared/staff';
import { openDatabase } from '../database';
import { DATABASE_FILE } from '../kiosk-backend';
import { PIN_HASH_COST } from '../staff/pin-hashing';
import { importPinResetFile, resetRolePin } from '../staff/pin-reset';
import type { AuditActor } from '../it-admin/settings-audit-repo';

const isResettable = (role: string): role is SharedRole => (sharedRoles as readonly string[]).includes(role);

const roleChoices = sharedRoles.map((r) => `--role ${r} (${roleLabels[r]})`).join(' hoặc ');

export async function runResetPinCommand(
  { dataDir, role, actor }: { dataDir: string; role: string | undefined; actor: AuditActor },
  io: { stdout: (line: string) => void; stderr: (line: string) => void },
): Promise<number> {
  if (role === undefined) {
    io.stderr(`Cần chọn vai trò: ${roleChoices}.`);
    return 2;
  }
  if (!isResettable(role)) {
    io.stderr(
      `Vai trò không hợp lệ: "${role}". Chỉ đặt lại được ${roleChoices}. ` +
        'Mã PIN của cán bộ một cửa do Trưởng bộ phận đặt lại trong khu vực cán bộ.',
    );
    return 2;
  }
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const code = await resetRolePin(db, { role, actor, via: 'kiosk-cli', now: new Date(), cost: PIN_HASH_COST });
    io.stdout(`Đã đặt lại mã PIN của ${roleLabels[role]}. Mã dùng một lần (chỉ hiện lần này): ${code}`);
    io.stdout('Đăng nhập khu vực cán bộ bằng mã này rồi đặt mã PIN mới (bắt buộc). Dữ liệu trên máy giữ nguyên; việc đặt lại đã được ghi vào nhật ký.');
    return 0;
  } finally {
    db.close();
  }
}

/**
 * `npm run kiosk -- import-pin-reset FILE.hlreset [--data-dir DIR]`: a reset file signed by
 * central (`central pin-reset-file`). The role's PIN becomes the one-time code central printed;
 * nothing is printed here but the role. Refusals are SyncFileRejection / UnsafeFileError (the
 * caller prints them).
 */
export async function runImportPinResetCommand(
  { dataDir, files, actor }: { dataDir: string; files: readonly string[]; actor: AuditActor },
  io: { stdout: (line: string) => void; stderr: (line: string) => void },
): Promise<number> {
  const [file] = files;
  if (file === undefined || files.length !== 1) {
    io.stderr('Cần đúng một đường dẫn tệp .hlreset.');
    return 2;
  }
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const done = await importPinResetFile(db, { file, actor, now: new Date() });
    io.stdout(
      `Đã đặt lại mã PIN của ${roleLabels[done.role]} theo tệp của máy chủ trung tâm. Đăng nhập bằng mã dùng một lần do máy chủ trung tâm in ra, ` +
        'rồi đặt mã PIN mới (bắt buộc). Tệp này không dùng lại được; dữ liệu trên máy giữ nguyên; việc đặt lại đã được ghi vào nhật ký.',
    );
    return 0;
  } finally {
    db.close();
  }
}
