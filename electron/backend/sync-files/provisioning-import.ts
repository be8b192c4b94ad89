// Import a provisioning file on the kiosk: verify central's signature, pin central's key on
// first use (refuse a different key later), then apply every setting in one step: the device
// token into the SecretStore, the rest in one database transaction.
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { verifyProvisioningFile } from '../../../shared/sync-files/provisioning-file';
import { refuse } from '../../../shared/sync-files/rejections';
import { canonicalPublicKey } from '../../../shared/sync-files/signed-file';
import type { KioskSettings, SyncSettings } from '../../../shared/settings';
import type { ServiceArea } from '../../../shared/staff';
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
}

export async function importProvisioningFile(options: { db: Database; secrets: SecretStore; file: string; now: () => Date }): Promise<AppliedProvisioning> {
  const { db } = options;
  const file = await verifyProvisioningFile(new Uint8Array(readFileSync(options.file)));
  const deviceId = ensureDeviceId(db);
  if (file.deviceId !== deviceId) throw refuse('WRONG_DEVICE', `tệp của thiết bị ${file.deviceId}, máy này là ${deviceId}`);
  const centralKey = await canonicalPublicKey(file.centralPublicKey);
  const pinned = readPinnedCentralKey(db);
  if (pinned !== undefined && pinned !== centralKey) throw refuse('CENTRAL_KEY_CHANGED', `khóa đã ghi nhận ${pinned}, tệp mang ${centralKey}`);

  options.secrets.write('device-token', file.deviceToken);
  return db
    .transaction((): AppliedProvisioning => {
      const kiosk = saveKioskSettings(db, { officeName: file.officeName, counterNumber: file.counter, scaleId: file.scale, timeZone: file.timeZone });
      const sync = saveSyncSettings(db, { endpoint: file.endpoint });
      const serviceAreas = file.serviceAreas === null ? null : saveServiceAreas(db, file.serviceAreas);
      const info: ProvisioningInfo = { officeCode: file.officeCode, kioskLabel: file.kioskLabel, provisionedAt: options.now().toISOString() };
      saveProvisioningInfo(db, info);
      if (pinned === undefined) savePinnedCentralKey(db, centralKey);
      return { kiosk, sync, serviceAreas, info, centralPublicKey: centralKey, pinnedNow: pinned === undefined };
    })
    .immediate();
}
