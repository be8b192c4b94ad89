// The device settings as the IT admin sees and saves them, and how a change is audited.
// Settings live in the `settings` table (settings-repo); the device token only in the
// SecretStore, so it is compared in memory and recorded masked. Writing: `saveSettingsAudited`.
import type { Database } from 'better-sqlite3';
import { deviceSettingKeys, MASKED_SECRET, type DeviceSettingKey, type DeviceSettings, type deviceSettingsInputSchema } from '../../../shared/device-settings';
import type { z } from 'zod';
import type { SecretStore } from '../secret-store';
import { isKioskSetUp, readKioskSettings, readProvisioningInfo, readServiceAreas, readSyncSettings } from '../settings-repo';
import type { AuditChange, SettingsChanges } from './settings-audit-repo';

export type DeviceSettingsInput = z.output<typeof deviceSettingsInputSchema>;

export function readDeviceSettings(db: Database, secrets: SecretStore): DeviceSettings {
  const kiosk = readKioskSettings(db);
  const info = readProvisioningInfo(db);
  return {
    officeCode: info?.officeCode ?? null,
    officeName: kiosk.officeName,
    counterNumber: kiosk.counterNumber,
    kioskLabel: info?.kioskLabel ?? null,
    scaleId: kiosk.scaleId,
    timeZone: kiosk.timeZone,
    thankYouSeconds: kiosk.thankYouSeconds,
    burstMaxPerMinute: kiosk.burstMaxPerMinute,
    serviceAreas: readServiceAreas(db),
    languages: kiosk.languages,
    reasons: kiosk.reasons,
    startAtLogin: kiosk.startAtLogin,
    reportContact: kiosk.reportContact,
    dossier: kiosk.dossier,
    openingHours: kiosk.openingHours,
    directoryPhotos: kiosk.directoryPhotos,
    endpoint: readSyncSettings(db).endpoint,
    tokenSet: secrets.read('device-token') !== undefined,
    needsSetup: !isKioskSetUp(db),
  };
}

/** Everything but the token, as the JSON text the audit log stores. */
export type AuditSnapshot = Record<Exclude<DeviceSettingKey, 'deviceToken'>, string | null>;

export function auditSnapshot(settings: DeviceSettings): AuditSnapshot {
  const text = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return {
    officeCode: text(settings.officeCode),
    officeName: text(settings.officeName),
    counterNumber: text(settings.counterNumber),
    kioskLabel: text(settings.kioskLabel),
    scaleId: text(settings.scaleId),
    timeZone: text(settings.timeZone),
    thankYouSeconds: text(settings.thankYouSeconds),
    burstMaxPerMinute: text(settings.burstMaxPerMinute),
    serviceAreas: text(settings.serviceAreas),
    languages: text(settings.languages),
    reasons: text(settings.reasons),
    startAtLogin: text(settings.startAtLogin),
    reportContact: text(settings.reportContact),
    dossier: text(settings.dossier),
    directoryPhotos: text(settings.directoryPhotos),
    endpoint: text(settings.endpoint),
    openingHours: text(settings.openingHours),
  };
}

/** What changed between two snapshots; a changed token is recorded as '••••', never in clear. */
export function auditChanges(before: AuditSnapshot, after: AuditSnapshot, token: { before: string | undefined; after: string | undefined }): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const key of deviceSettingKeys) {
    if (key === 'deviceToken') {
      if (token.before !== token.after) {
        changes.push({ key, oldValue: token.before === undefined ? null : MASKED_SECRET, newValue: token.after === undefined ? null : MASKED_SECRET });
      }
    } else if (before[key] !== after[key]) {
      changes.push({ key, oldValue: before[key], newValue: after[key] });
    }
  }
  return changes;
}

/** The form's values as an audited settings write (`saveSettingsAudited`); a null token keeps the stored one. */
export function deviceSettingsChanges(input: DeviceSettingsInput): SettingsChanges {
  return {
    kiosk: {
      officeName: input.officeName,
      counterNumber: input.counterNumber,
      scaleId: input.scaleId,
      timeZone: input.timeZone,
      thankYouSeconds: input.thankYouSeconds,
      ...(input.burstMaxPerMinute === undefined ? {} : { burstMaxPerMinute: input.burstMaxPerMinute }),
      languages: input.languages,
      reasons: input.reasons,
      ...(input.startAtLogin === undefined ? {} : { startAtLogin: input.startAtLogin }),
      ...(input.reportContact === undefined ? {} : { reportContact: input.reportContact }),
      ...(input.dossier === undefined ? {} : { dossier: input.dossier }),
      ...(input.openingHours === undefined ? {} : { openingHours: input.openingHours }),
      ...(input.directoryPhotos === undefined ? {} : { directoryPhotos: input.directoryPhotos }),
    },
    officeIdentity: { officeCode: input.officeCode, kioskLabel: input.kioskLabel },
    serviceAreas: input.serviceAreas,
    sync: { endpoint: input.endpoint },
    ...(input.deviceToken === null ? {} : { deviceToken: input.deviceToken }),
  };
}
