// The enrollment file: this kiosk's device id and public key for central (`device enroll`),
// signed by the device key itself. No secret inside.
import type { Database } from 'better-sqlite3';
import { buildEnrollmentFile, ENROLLMENT_FILE_EXTENSION } from '../../../shared/sync-files/enrollment-file';
import type { SecretStore } from '../secret-store';
import { ensureDeviceId, readKioskSettings, readProvisioningInfo } from '../settings-repo';
import { ensureDeviceKey } from './device-key';
import { removeStaleTemps, writeFileDurably } from './durable-file';

export async function exportEnrollmentFile(options: { db: Database; secrets: SecretStore; outDir: string; now: () => Date; appVersion: string }): Promise<{ path: string; deviceId: string; publicKey: string }> {
  const { db } = options;
  removeStaleTemps(options.outDir);
  const deviceId = ensureDeviceId(db);
  const key = await ensureDeviceKey(db, options.secrets);
  const info = readProvisioningInfo(db);
  const bytes = await buildEnrollmentFile(
    {
      deviceId,
      publicKey: key.publicKey,
      officeCode: info?.officeCode ?? null,
      counter: readKioskSettings(db).counterNumber,
      label: info?.kioskLabel ?? null,
      appVersion: options.appVersion,
      createdAt: options.now().toISOString(),
    },
    key.privateKey,
  );
  const path = writeFileDurably(options.outDir, `${deviceId}${ENROLLMENT_FILE_EXTENSION}`, bytes);
  return { path, deviceId, publicKey: key.publicKey };
}
