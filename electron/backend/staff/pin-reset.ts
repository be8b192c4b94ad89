// Recovering a shared role's PIN (section head, IT admin) when it is forgotten or locked: a
// fresh one-time code replaces the credential, to be changed at first sign-in. Nothing else is
// touched: ratings, officers, shifts and settings stay. The code is returned once, to be shown
// once; it is never logged, audited or stored in clear.
import type { Database } from 'better-sqlite3';
import { FILE_LIMITS, readRegularFile } from '../../../shared/node/safe-file-read';
import type { SharedRole } from '../../../shared/staff';
import { verifyPinResetFile } from '../../../shared/sync-files/pin-reset-file';
import { refuse } from '../../../shared/sync-files/rejections';
import type { AuditActor } from '../it-admin/settings-audit-repo';
import { ensureDeviceId, readPinnedCentralKey } from '../settings-repo';
import { credentialSubject, saveCredential } from './credentials-repo';
import { hashPin, oneTimeCode, type PinHashCost } from './pin-hashing';
import { insertPinAudit } from './pin-lockouts-repo';

export interface RolePinReset {
  role: SharedRole;
  actor: AuditActor;
  via: 'kiosk-cli';
  now: Date;
  cost: PinHashCost;
}

/**
 * Replaces the role's credential with a one-time code (must_change = 1), clears the account's
 * lockout and writes the audit row, in one IMMEDIATE transaction. Returns the code.
 */
export async function resetRolePin(db: Database, { role, actor, via, now, cost }: RolePinReset): Promise<string> {
  const code = oneTimeCode();
  // Hash before the transaction: it is slow and asynchronous.
  const pin_hash = await hashPin(code, cost);
  const subject = credentialSubject({ kind: 'role', role });
  const at = now.toISOString();
  db.transaction(() => {
    // saveCredential also clears the account's lockout (a new PIN starts with no failures).
    saveCredential(db, { subject, pin_hash, must_change: 1, updated_at: at });
    insertPinAudit(db, { event: 'reset', at, subject, actor, via });
  }).immediate();
  return code;
}

export interface PinResetFileImport {
  file: string;
  actor: AuditActor;
  now: Date;
}

/**
 * Applies a PIN reset file signed by central (`central pin-reset-file`): read with the safe
 * reader (a regular file, small cap), verified with the PINNED central key (CENTRAL_KEY_UNKNOWN
 * before any provisioning, CENTRAL_KEY_CHANGED for another key), for this device, fileId unused.
 * Then, in one IMMEDIATE transaction: the fileId is recorded as used, the role's credential is
 * the code's hash with must_change = 1 (its lockout cleared), audited as 'reset' via
 * 'pin-reset-file'. Never the code or its hash in the audit. Returns the role.
 */
export async function importPinResetFile(db: Database, { file, actor, now }: PinResetFileImport): Promise<{ role: SharedRole; fileId: string }> {
  const pinned = readPinnedCentralKey(db);
  if (pinned === undefined) throw refuse('CENTRAL_KEY_UNKNOWN');
  const reset = await verifyPinResetFile(new Uint8Array(readRegularFile(file, FILE_LIMITS.enrollmentFile)), pinned);
  const deviceId = ensureDeviceId(db);
  if (reset.deviceId !== deviceId) throw refuse('WRONG_DEVICE', `tệp của thiết bị ${reset.deviceId}, máy này là ${deviceId}`);
  const subject = credentialSubject({ kind: 'role', role: reset.role });
  const at = now.toISOString();
  db.transaction(() => {
    const used = db.prepare('SELECT 1 FROM used_pin_reset_files WHERE file_id = ?').get(reset.fileId);
    if (used !== undefined) throw refuse('RESET_FILE_USED', `fileId ${reset.fileId}`);
    db.prepare('INSERT INTO used_pin_reset_files (file_id, role, issued_at, used_at) VALUES (?, ?, ?, ?)').run(reset.fileId, reset.role, reset.issuedAt, at);
    // saveCredential also clears the account's lockout (a new PIN starts with no failures).
    saveCredential(db, { subject, pin_hash: reset.codeHash, must_change: 1, updated_at: at });
    insertPinAudit(db, { event: 'reset', at, subject, actor, via: 'pin-reset-file' });
  }).immediate();
  return { role: reset.role, fileId: reset.fileId };
}
