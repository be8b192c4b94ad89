// The CLI's sync-file commands: `device enroll`, `provision`, `import`. Files are written with
// a temporary name and renamed, so a USB stick never holds half a provisioning or ack file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { FILE_LIMITS, readRegularFile, readRegularTextFile, UnsafeFileError, unsafeFileLine } from '../shared/node/safe-file-read';
import { ACK_FILE_EXTENSION } from '../shared/sync-files/ack-file';
import { keyFingerprint, normalizeFingerprint, signedByPreviousKey, verifyEnrollmentFile } from '../shared/sync-files/enrollment-file';
import { buildProvisioningFile, officeSettingsFileSchema, type OfficeSettingsFile } from '../shared/sync-files/provisioning-file';
import { SyncFileRejection } from '../shared/sync-files/rejections';
import { canonicalPublicKey } from '../shared/sync-files/signed-file';
import type { CentralCommand } from './cli-args';
import type { TextSink } from './cli';
import { centralCliActor } from './cli-actor';
import { centralSigningKey } from './signing-key';
import { hashPin, oneTimeCode, PIN_HASH_COST } from '../shared/node/pin-hashing';
import { type KeyChangeMethod, type KeyChangeRefusalCode } from './store/key-change-rules';
import { importSyncFile } from './sync-file-import';
import type { SyncAck, SyncBatch } from '../shared/sync/wire';
import { createAlertEvaluation } from './alerts/alert-evaluation';
import { alertWebhookUrlFromEnv } from './alerts/alert-service';
import type { CentralStore } from './store/central-store';

interface Io {
  stdout: TextSink;
  stderr: TextSink;
  now: () => Date;
  /** For the actor of a key change when --by is not given (default: process.env). */
  env?: Record<string, string | undefined>;
}

export async function enrollDevice(command: Extract<CentralCommand, { command: 'device enroll' }>, store: CentralStore, io: Io): Promise<number> {
  let file;
  try {
    file = await verifyEnrollmentFile(new Uint8Array(readRegularFile(command.file, FILE_LIMITS.enrollmentFile)));
  } catch (error) {
    if (error instanceof SyncFileRejection || error instanceof UnsafeFileError) return refused(io, command.file, error);
    throw error;
  }
  const publicKey = await canonicalPublicKey(file.publicKey);
  const newFingerprint = await keyFingerprint(publicKey);
  const actor = centralCliActor(command.by, io.env ?? process.env);
  const existing = await store.deviceKey(file.deviceId);
  if (existing !== undefined) {
    const old = existing.publicKey;
    if (old === publicKey) {
      io.stdout.write(`Thiết bị ${file.deviceId} đã có đúng khóa này (${newFingerprint}): không thay đổi gì.\nDEVICE_ID=${file.deviceId}\n`);
      return 0;
    }
    const oldFingerprint = old === null ? null : await keyFingerprint(old);
    let method: KeyChangeMethod;
    if (old === null) method = 'first';
    else if (file.previousKey !== undefined) {
      if (!(await signedByPreviousKey(file, old))) {
        return keyRefused(io, command.file, 'KEY_OLD_SIGNATURE_INVALID',
          `Tệp mang chữ ký "khóa cũ" nhưng chữ ký đó không khớp với khóa đã đăng ký của thiết bị ${file.deviceId} (${oldFingerprint}). Không đổi khóa.`);
      }
      method = 'signed-by-old-key';
    } else if (command.replaceKeyFingerprint !== undefined) {
      if (normalizeFingerprint(command.replaceKeyFingerprint) !== normalizeFingerprint(newFingerprint)) {
        return keyRefused(io, command.file, 'KEY_FINGERPRINT_MISMATCH',
          `Dấu vân tay đã nhập (${command.replaceKeyFingerprint}) không phải của khóa trong tệp (${newFingerprint}). ` +
            'Đọc lại dấu vân tay trên màn hình Quản trị CNTT của chính máy đánh giá đó. Không đổi khóa.');
      }
      method = 'fingerprint-confirmed';
    } else {
      return keyRefused(io, command.file, 'KEY_CHANGE_UNCONFIRMED',
        `Thiết bị ${file.deviceId} đã đăng ký với khóa khác (${oldFingerprint}); tệp mang khóa mới (${newFingerprint}) và không được ký bằng khóa cũ. ` +
          'Nếu máy đánh giá thật sự đã cài lại, hãy xem dấu vân tay khóa trên màn hình Quản trị CNTT của nó rồi chạy lại với ' +
          `--replace-key --fingerprint "${newFingerprint}" chỉ khi hai dấu vân tay giống nhau. Không đổi khóa.`);
    }
    const changed = await store.changeDevicePublicKey({ deviceId: file.deviceId, oldPublicKey: old, oldFingerprint, newPublicKey: publicKey, newFingerprint, method, actor });
    if (!changed) {
      return keyRefused(io, command.file, 'KEY_CHANGED_MEANWHILE', `Khóa của thiết bị ${file.deviceId} vừa bị thay đổi bởi một tiến trình khác: chạy lại lệnh.`);
    }
    const how = method === 'first' ? 'khóa đầu tiên' : method === 'signed-by-old-key' ? 'được khóa cũ ký xác nhận' : 'đã xác nhận dấu vân tay';
    io.stdout.write(
      `Đã cập nhật khóa công khai của thiết bị ${file.deviceId} (${how}): ${oldFingerprint ?? '—'} → ${newFingerprint}. Đã ghi nhật ký đổi khóa.\n` +
        `DEVICE_ID=${file.deviceId}\n`,
    );
    return 0;
  }
  const officeCode = command.officeCode ?? file.officeCode;
  if (officeCode === null) {
    io.stderr.write('Tệp đăng ký không có mã đơn vị: thêm --office MÃ.\n');
    return 2;
  }
  // The key goes in through changeDevicePublicKey, so the first key is logged like every other.
  const { deviceId, token } = await store.addDevice({
    deviceId: file.deviceId,
    officeCode,
    counter: command.counter ?? file.counter,
    label: command.label ?? file.label,
    publicKey: null,
  });
  await store.changeDevicePublicKey({ deviceId, oldPublicKey: null, oldFingerprint: null, newPublicKey: publicKey, newFingerprint, method: 'first', actor });
  io.stdout.write(
    `Đã đăng ký thiết bị ${deviceId} kèm khóa công khai. Mã truy cập chỉ hiển thị một lần ` +
      `(hoặc dùng "provision" để tạo tệp cấu hình, mã mới sẽ thay mã này).\nDEVICE_ID=${deviceId}\nDEVICE_TOKEN=${token}\n`,
  );
  return 0;
}

/**
 * A registered, not revoked device a file is made for (provisioning, PIN reset); otherwise the
 * refusal is written and undefined returned (exit 1).
 */
export async function deviceToServe(store: CentralStore, deviceId: string, stderr: TextSink) {
  const known = await store.deviceKey(deviceId);
  if (known === undefined) {
    stderr.write(`Không có thiết bị ${deviceId}: đăng ký trước bằng "device add" hoặc "device enroll".\n`);
    return undefined;
  }
  if (known.device.revoked) {
    stderr.write(`Thiết bị ${deviceId} đã bị thu hồi.\n`);
    return undefined;
  }
  return known;
}

export async function provisionDevice(command: Extract<CentralCommand, { command: 'provision' }>, store: CentralStore, io: Io): Promise<number> {
  const known = await deviceToServe(store, command.deviceId, io.stderr);
  if (known === undefined) return 1;
  const office = readOfficeSettings(command.settingsFile, io);
  if (office === undefined) return 2;
  const key = await centralSigningKey(store);
  // Central keeps tokens only hashed, so the file carries a fresh one: the old token stops working.
  const token = await store.rotateDeviceToken(command.deviceId);
  if (token === undefined) throw new Error(`device ${command.deviceId} vanished`);
  // One-time setup codes for the two shared roles: the file carries only their scrypt hashes
  // (the kiosk's format and strength); the codes are printed once, below, and kept nowhere.
  const codes = { 'section-head': oneTimeCode(), 'it-admin': oneTimeCode() };
  const setupCodes = { 'section-head': await hashPin(codes['section-head'], PIN_HASH_COST), 'it-admin': await hashPin(codes['it-admin'], PIN_HASH_COST) };
  const bytes = await buildProvisioningFile(
    {
      deviceId: command.deviceId,
      officeCode: known.device.officeCode,
      officeName: command.officeName,
      counter: known.device.counter,
      kioskLabel: known.device.label,
      scale: command.scale,
      serviceAreas: office.serviceAreas ?? null,
      languages: office.languages ?? null,
      reasons: office.reasons ?? null,
      timeZone: command.timeZone,
      endpoint: command.endpoint,
      deviceToken: token,
      centralPublicKey: key.publicKey,
      issuedAt: io.now().toISOString(),
      setupCodes,
      ...(office.reportContact === undefined ? {} : { reportContact: office.reportContact }),
      ...(office.dossier === undefined ? {} : { dossier: office.dossier }),
      ...(office.openingHours === undefined ? {} : { openingHours: office.openingHours }),
      ...(office.directoryPhotos === undefined ? {} : { directoryPhotos: office.directoryPhotos }),
    },
    key.privateKey,
  );
  writeAtomically(command.out, bytes, 0o600);
  const fingerprint = await keyFingerprint(key.publicKey);
  io.stdout.write(
    `Đã ghi tệp cấu hình cho thiết bị ${command.deviceId} (quầy ${known.device.counter}, ${known.device.officeCode}). ` +
      `Tệp chứa mã truy cập bí mật: xóa khỏi USB sau khi nhập vào máy đánh giá. Mã truy cập cũ đã hết hiệu lực.\n` +
      `Mã cài đặt dùng một lần (chỉ hiện lần này; máy đánh giá không còn mã PIN mặc định): Trưởng bộ phận và Cán bộ CNTT ` +
      `nhập mã của mình trên bàn phím mã PIN, rồi đặt mã PIN mới (bắt buộc).\n` +
      `Dấu vân tay khóa của máy chủ trung tâm (máy đánh giá hỏi khi nhập tệp cấu hình đầu tiên): ${fingerprint}\n` +
      `PROVISIONING_FILE=${command.out}\n` +
      `CENTRAL_KEY_FINGERPRINT=${fingerprint}\n` +
      `SETUP_CODE_SECTION_HEAD=${codes['section-head']}\n` +
      `SETUP_CODE_IT_ADMIN=${codes['it-admin']}\n`,
  );
  return 0;
}

/** The office-wide settings file of `provision --settings`, or undefined after saying what is wrong. */
function readOfficeSettings(path: string | undefined, io: Io): OfficeSettingsFile | undefined {
  if (path === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(readRegularTextFile(path));
  } catch (error) {
    if (error instanceof UnsafeFileError) {
      io.stderr.write(`Không đọc được tệp cài đặt: ${unsafeFileLine(error)}\n`);
      return undefined;
    }
    io.stderr.write(`Không đọc được tệp cài đặt ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
  const parsed = officeSettingsFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  io.stderr.write(`Tệp cài đặt ${path} không hợp lệ:\n${z.prettifyError(parsed.error)}\n`);
  return undefined;
}

/** Imports every file; exit 0 only when all were imported or replayed. */
export async function importSyncFiles(command: Extract<CentralCommand, { command: 'import' }>, store: CentralStore, io: Io): Promise<number> {
  let failed = 0;
  // Issue 17: the file's ratings are evaluated as after a batch; the alerts and their outbox rows
  // go into the database, and the running `central serve` sends them (its timer, within a minute).
  let webhookConfigured = false;
  try {
    webhookConfigured = alertWebhookUrlFromEnv(io.env ?? process.env) !== null;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  const alerts = createAlertEvaluation({ store, now: io.now, webhookConfigured });
  const afterBatch = async (batch: SyncBatch, ack: SyncAck) => {
    const accepted = new Set(ack.accepted);
    try {
      await alerts.afterIngest({ deviceId: batch.deviceId, ratings: batch.ratings.filter((r) => accepted.has(r.id)) });
    } catch (error) {
      io.stderr.write(`Không kiểm tra được cảnh báo: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
  for (const path of command.files) {
    try {
      const result = await importSyncFile(store, new Uint8Array(readRegularFile(path, FILE_LIMITS.syncFile)), io.now, afterBatch);
      const m = result.manifest;
      const what =
        result.outcome === 'imported'
          ? `đã nhập: ${result.accepted} mới, ${result.duplicate} trùng, ${result.conflicts} xung đột`
          : 'REPLAYED: tệp này hoặc tệp mới hơn đã được nhập trước đó, không thêm dữ liệu nào';
      const ratings = m.count === 0 ? '0 đánh giá' : `${m.count} đánh giá (seq ${m.seqFrom}..${m.seqTo})`;
      io.stdout.write(`${basename(path)}: thiết bị ${m.deviceId}, tệp số ${m.fileNumber}, ${ratings}, ${m.reasonAnswerCount} câu trả lời lý do — ${what}.\n`);
      if (result.ackFile !== null) {
        const ackPath = join(command.ackDir ?? dirname(path), `${basename(path).replace(/\.hlsync$/i, '')}${ACK_FILE_EXTENSION}`);
        writeAtomically(ackPath, result.ackFile, 0o644);
        io.stdout.write(`ACK_FILE=${ackPath}\n`);
      }
    } catch (error) {
      if (!(error instanceof SyncFileRejection || error instanceof UnsafeFileError)) throw error;
      failed += 1;
      refused(io, path, error);
    }
  }
  return failed === 0 ? 0 : 1;
}

function keyRefused(io: Io, path: string, code: KeyChangeRefusalCode, message: string): number {
  io.stderr.write(`${basename(path)}: TỪ CHỐI ${code}: ${message}\n`);
  return 1;
}

function refused(io: Io, path: string, error: SyncFileRejection | UnsafeFileError): number {
  io.stderr.write(`${basename(path)}: TỪ CHỐI ${error.code}: ${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}\n`);
  return 1;
}

export function writeAtomically(path: string, bytes: Uint8Array, mode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.partial-${process.pid}`;
  writeFileSync(temp, bytes, { mode, flush: true });
  renameSync(temp, path);
}
