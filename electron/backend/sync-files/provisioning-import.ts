// Import a provisioning file on the kiosk: verify central's signature, pin central's key on
// first use (refuse a different key later), then apply every setting in one step: the device
// token into the SecretStore, the rest — and their audit rows — in one database transaction.
import type { Database } from 'better-sqlite3';
import { FILE_LIMITS, readRegularFile } from '../../../shared/node/safe-file-read';
import { verifyProvisioningFile } from '../../../shared/sync-files/provisioning-file';
import { refuse } from '../../../shared/sync-files/rejections';
import { canonicalPublicKey } from '../../../shared/sync-files/signed-file';
import type { KioskSettings, SyncSettings } from '../../../shared/settings';
import type { ServiceArea } from '../../../shared/staff';
import { auditChanges, auditSnapshot, readDeviceSettings } from '../it-admin/device-settings';
import { insertAuditEntries, type AuditActor } from '../it-admin/settings-audit-repo';
import type { SettingsAuditEntry } from '../../../shared/contract/it-admin';
import type { SecretStore } from '../secret-store';
import {
  ensureDeviceId,
  readPinnedCentralKey,
  saveKioskSettings,
  saveProvisioningInfo,
  savePinnedCentralKey,
  saveServiceAreas,
  saveSyncSettings,
  type ProvisioningInfo,
} from '../settings-repo';

export interface AppliedProvisioning {
  kiosk: KioskSettings;
  sync: SyncSettings;
  serviceAreas: ServiceArea[] | null;
  info: ProvisioningInfo;
  centralPublicKey: string;
  /** True when this import pinned the central key (the first one). */
  pinnedNow: boolean;
  /** The settings this import changed (as audited). */
  changedKeys: string[];
}

export interface ProvisioningImport {
  db: Database;
  secrets: SecretStore;
  file: string;
  now: () => Date;
  /** Who imports it and through what: every changed setting gets its audit row. */
  audit: { actor: AuditActor; via: SettingsAuditEntry['via'] };
}

export async function importProvisioningFile(options: ProvisioningImport): Promise<AppliedProvisioning> {
  const { db } = options;
  const file = await verifyProvisioningFile(new Uint8Array(readRegularFile(options.file, FILE_LIMITS.provisioningFile)));
  const deviceId = ensureDeviceId(db);
  if (file.deviceId !== deviceId) throw refuse('WRONG_DEVICE', `tệp của thiết bị ${file.deviceId}, máy này là ${deviceId}`);
  const centralKey = await canonicalPublicKey(file.centralPublicKey);
  const pinned = readPinnedCentralKey(db);
  if (pinned !== undefined && pinned !== centralKey) throw refuse('CENTRAL_KEY_CHANGED', `khóa đã ghi nhận ${pinned}, tệp mang ${centralKey}`);

  const tokenBefore = options.secrets.read('device-token');
  options.secrets.write('device-token', file.deviceToken);
  return db
    .transaction((): AppliedProvisioning => {
      const before = auditSnapshot(readDeviceSettings(db, options.secrets));
      const kiosk = saveKioskSettings(db, {
        officeName: file.officeName,
        counterNumber: file.counter,
        scaleId: file.scale,
        timeZone: file.timeZone,
        ...(file.languages === null ? {} : { languages: file.languages }),
        ...(file.reasons === null ? {} : { reasons: file.reasons }),
      });
      const sync = saveSyncSettings(db, { endpoint: file.endpoint });
      const serviceAreas = file.serviceAreas === null ? null : saveServiceAreas(db, file.serviceAreas);
      const info: ProvisioningInfo = { officeCode: file.officeCode, kioskLabel: file.kioskLabel, provisionedAt: options.now().toISOString() };
      saveProvisioningInfo(db, info);
      if (pinned === undefined) savePinnedCentralKey(db, centralKey);
      const after = auditSnapshot(readDeviceSettings(db, options.secrets));
      const changes = auditChanges(before, after, { before: tokenBefore, after: file.deviceToken });
      insertAuditEntries(db, { at: options.now().toISOString(), actor: options.audit.actor, via: options.audit.via, changes });
      return { kiosk, sync, serviceAreas, info, centralPublicKey: centralKey, pinnedNow: pinned === undefined, changedKeys: changes.map((c) => c.key) };
    })
    .immediate();
}
