// `central pin-reset-file --device ID --role section-head|it-admin --out FILE.hlreset`: a signed
// order to one kiosk to replace one shared role's PIN with a one-time code, for a kiosk where
// nobody has a shell. The file carries only the code's scrypt hash (the kiosk's format and
// strength) and a fresh fileId (the kiosk uses each once); the code is printed once, here, and
// kept nowhere. Like a provisioning file, it is signed with central's key.
import { randomUUID } from 'node:crypto';
import { hashPin, oneTimeCode, PIN_HASH_COST } from '../shared/node/pin-hashing';
import { roleLabels } from '../shared/staff';
import { buildPinResetFile } from '../shared/sync-files/pin-reset-file';
import type { CentralCommand } from './cli-args';
import type { TextSink } from './cli';
import { centralSigningKey } from './signing-key';
import type { CentralStore } from './store/central-store';
import { deviceToServe, writeAtomically } from './sync-file-commands';

export async function writePinResetFile(
  command: Extract<CentralCommand, { command: 'pin-reset-file' }>,
  store: CentralStore,
  io: { stdout: TextSink; stderr: TextSink; now: () => Date },
): Promise<number> {
  const known = await deviceToServe(store, command.deviceId, io.stderr);
  if (known === undefined) return 1;
  const key = await centralSigningKey(store);
  const code = oneTimeCode();
  const fileId = randomUUID();
  const bytes = await buildPinResetFile(
    {
      fileId,
      deviceId: command.deviceId,
      role: command.role,
      codeHash: await hashPin(code, PIN_HASH_COST),
      centralPublicKey: key.publicKey,
      issuedAt: io.now().toISOString(),
    },
    key.privateKey,
  );
  writeAtomically(command.out, bytes, 0o600);
  io.stdout.write(
    `Đã ghi tệp đặt lại mã PIN của ${roleLabels[command.role]} cho thiết bị ${command.deviceId} (quầy ${known.device.counter}, ${known.device.officeCode}). ` +
      `Nhập tệp vào máy đánh giá ("import-pin-reset"); tệp chỉ dùng được một lần. Mã dùng một lần (chỉ hiện lần này): ` +
      `đăng nhập bằng mã này rồi đặt mã PIN mới (bắt buộc). Trao mã riêng, không để cùng USB.\n` +
      `PIN_RESET_FILE=${command.out}\nPIN_RESET_FILE_ID=${fileId}\nRESET_CODE=${code}\n`,
  );
  return 0;
}
