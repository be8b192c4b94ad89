// Import a provisioning file on the kiosk: verify central's signature, pin central's key on
// first use (refuse a different key later), then apply every setting in one step
// (`saveSettingsAudited`: the settings, their audit rows, the pinned key and the setup codes in
// one database transaction; the device token into the SecretStore last).
import type { Database } from 'better-sqlite3';
import { FILE_LIMITS, readRegularFile } from '../../../shared/node/safe-file-read';
import { keyFingerprint, normalizeFingerprint } from '../../../shared/sync-files/enrollment-file';
import { verifyProvisioningFile, type ProvisioningFile } from '../../../shared/sync-files/provisioning-file';
import { refuse } from '../../../shared/sync-files/rejections';
import { canonicalPublicKey } from '../../../shared/sync-files/signed-file';
import type { KioskSettings, SyncSettings } from '../../../shared/settings';
import type { ServiceArea } from '../../../shared/staff';
import { saveSettingsAudited, type AuditActor } from '../it-admin/settings-audit-repo';
import type { SettingsAuditEntry } from '../../../shared/contract/it-admin';
import type { SecretStore } from '../secret-store';
import { applySetupCredentials, prepareSetupCredentials, type SetupRole } from '../staff/setup-credentials';
import {
  ensureDeviceId,
  readKioskSettings,
  readPinnedCentralKey,
  readProvisioningInfo,
  readServiceAreas,
  readSyncSettings,
  savePinnedCentralKey,
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
  /** The roles whose setup code this import stored (a role with a PIN of its own keeps it). */
  setupCodeRoles: SetupRole[];
}

export interface ProvisioningImport {
  db: Database;
  secrets: SecretStore;
  file: string;
  now: () => Date;
  /** Who imports it and through what: every changed setting gets its audit row. */
  audit: { actor: AuditActor; via: SettingsAuditEntry['via'] };
  /**
   * The central key's fingerprint as the person importing confirmed it (`--fingerprint`, or the
   * setup screen's confirmation of the fingerprint it showed). Required while no central key is
   * pinned: the first file is trusted only when it matches. Once a key is pinned, that key
   * decides and this is not needed.
   */
  confirmedFingerprint?: string | undefined;
}

/** What a provisioning file would set, and its key, before anything is applied (inspect → confirm). */
export interface InspectedProvisioning {
  file: ProvisioningFile;
  centralPublicKey: string;
  fingerprint: string;
  /** 'none': no key pinned yet (confirm the fingerprint); 'same': the pinned key signed it. */
  pinnedKey: 'none' | 'same';
}

/**
 * Verifies a provisioning file (signature, device, pinned key) without applying it. A file
 * signed by a key other than the pinned one is refused here already (CENTRAL_KEY_CHANGED).
 */
export async function inspectProvisioningFile(db: Database, path: string): Promise<InspectedProvisioning> {
  const file = await verifyProvisioningFile(new Uint8Array(readRegularFile(path, FILE_LIMITS.provisioningFile)));
  const deviceId = ensureDeviceId(db);
  if (file.deviceId !== deviceId) throw refuse('WRONG_DEVICE', `tệp của thiết bị ${file.deviceId}, máy này là ${deviceId}`);
  const centralKey = await canonicalPublicKey(file.centralPublicKey);
  const pinned = readPinnedCentralKey(db);
  if (pinned !== undefined && pinned !== centralKey) throw refuse('CENTRAL_KEY_CHANGED', `khóa đã ghi nhận ${pinned}, tệp mang ${centralKey}`);
  return { file, centralPublicKey: centralKey, fingerprint: await keyFingerprint(centralKey), pinnedKey: pinned === undefined ? 'none' : 'same' };
}

export async function importProvisioningFile(options: ProvisioningImport): Promise<AppliedProvisioning> {
  const { db } = options;
  const { file, centralPublicKey: centralKey, fingerprint } = await inspectProvisioningFile(db, options.file);
  const pinned = readPinnedCentralKey(db);
  // Trust on first use, confirmed: the first key is pinned only when a person compared its
  // fingerprint with the one central printed. Nothing is written before this check.
  if (pinned === undefined) {
    const confirmed = options.confirmedFingerprint?.trim() ?? '';
    // The refusals never print the file's fingerprint: it would invite copying it back unchecked.
    if (confirmed === '') throw refuse('CENTRAL_KEY_UNCONFIRMED');
    if (normalizeFingerprint(confirmed) !== normalizeFingerprint(fingerprint)) throw refuse('CENTRAL_KEY_FINGERPRINT_MISMATCH', `đã xác nhận ${confirmed}`);
  }

  // Slow (hashing) before the transaction: which role PINs are still the default, to end them.
  const credentials = await prepareSetupCredentials(db);
  const at = options.now();
  const { changed, result: setupCodeRoles } = saveSettingsAudited(db, {
    secrets: options.secrets,
    changes: {
      kiosk: {
        officeName: file.officeName,
        counterNumber: file.counter,
        scaleId: file.scale,
        timeZone: file.timeZone,
        ...(file.languages === null ? {} : { languages: file.languages }),
        ...(file.reasons === null ? {} : { reasons: file.reasons }),
        ...(file.reportContact === undefined ? {} : { reportContact: file.reportContact }),
        ...(file.dossier === undefined ? {} : { dossier: file.dossier }),
        ...(file.openingHours === undefined ? {} : { openingHours: file.openingHours }),
        ...(file.directoryPhotos === undefined ? {} : { directoryPhotos: file.directoryPhotos }),
      },
      sync: { endpoint: file.endpoint },
      ...(file.serviceAreas === null ? {} : { serviceAreas: file.serviceAreas }),
      officeIdentity: { officeCode: file.officeCode, kioskLabel: file.kioskLabel },
      deviceToken: file.deviceToken,
    },
    actor: options.audit.actor,
    via: options.audit.via,
    at,
    alongside: () => {
      if (pinned === undefined) savePinnedCentralKey(db, centralKey);
      // The kiosk is set up now: no default PIN any more; the file's setup codes (if any) instead.
      const via = options.audit.via === 'kiosk-cli' ? 'kiosk-cli' : 'provisioning-file';
      return applySetupCredentials(db, credentials, {
        at: at.toISOString(),
        actor: options.audit.actor,
        via,
        ...(file.setupCodes === undefined ? {} : { setupCodes: { hashes: file.setupCodes, via } }),
      });
    },
  });
  const info = readProvisioningInfo(db);
  if (info === undefined) throw new Error('provisioning facts missing after an import');
  return {
    kiosk: readKioskSettings(db),
    sync: readSyncSettings(db),
    serviceAreas: file.serviceAreas === null ? null : readServiceAreas(db),
    info,
    centralPublicKey: centralKey,
    pinnedNow: pinned === undefined,
    changedKeys: changed.map((c) => c.key),
    setupCodeRoles,
  };
}
