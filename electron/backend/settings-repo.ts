// All SQL for the `settings` table. Values are JSON; each key is parsed with its schema on read.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  defaultKioskSettings,
  defaultSyncSettings,
  kioskSettingsSchema,
  syncSettingsSchema,
  type KioskSettings,
  type SyncSettings,
} from '../../shared/settings';
import { defaultServiceAreas, serviceAreaSchema, type ServiceArea } from '../../shared/staff';
import { DEFAULT_OFFICER_MINIMUM_RATINGS } from '../../shared/rating-rules';

const KIOSK_SETTINGS = 'kiosk';
const SYNC_SETTINGS = 'sync';
const DEVICE_ID = 'device_id';
const SERVICE_AREAS = 'service_areas';
const DASHBOARD_SETTINGS = 'dashboard';

function storedText(db: Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function readValue(db: Database, key: string): unknown {
  const text = storedText(db, key);
  return text === undefined ? undefined : JSON.parse(text);
}

/** Writes only a value that differs from the stored one (an unchanged setting is not rewritten). */
function writeValue(db: Database, key: string, value: unknown): void {
  const text = JSON.stringify(value);
  if (storedText(db, key) === text) return;
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, text);
}

/** The device's identity, created once on first run and never changed afterwards. */
export function ensureDeviceId(db: Database, newId: () => string = randomUUID): string {
  return db
    .transaction(() => {
      const existing = z.uuid().safeParse(readValue(db, DEVICE_ID));
      if (existing.success) return existing.data;
      const id = newId();
      writeValue(db, DEVICE_ID, id);
      return id;
    })
    .immediate();
}

/**
 * Stored settings merged over the defaults. A stored value that no longer parses (hand-edited,
 * older format) falls back to the default for that key, reported through `onInvalid`.
 */
export function readKioskSettings(db: Database, onInvalid: (issue: string) => void = () => {}): KioskSettings {
  const stored = readValue(db, KIOSK_SETTINGS);
  if (stored === undefined) return defaultKioskSettings;
  const merged = { ...defaultKioskSettings, ...(typeof stored === 'object' ? stored : {}) };
  const parsed = kioskSettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  onInvalid(z.prettifyError(parsed.error));
  return defaultKioskSettings;
}

/** Validates the whole result before writing, so a bad value never reaches the table. */
export function saveKioskSettings(db: Database, patch: Partial<KioskSettings>): KioskSettings {
  const next = kioskSettingsSchema.parse({ ...readKioskSettings(db), ...patch });
  writeValue(db, KIOSK_SETTINGS, next);
  return next;
}

export function readSyncSettings(db: Database): SyncSettings {
  const parsed = syncSettingsSchema.safeParse(readValue(db, SYNC_SETTINGS) ?? defaultSyncSettings);
  return parsed.success ? parsed.data : defaultSyncSettings;
}

export function saveSyncSettings(db: Database, settings: SyncSettings): SyncSettings {
  const next = syncSettingsSchema.parse(settings);
  writeValue(db, SYNC_SETTINGS, next);
  return next;
}

/** The section head's list of service areas (lĩnh vực), in their order; defaults until saved. */
export function readServiceAreas(db: Database): ServiceArea[] {
  const parsed = z.array(serviceAreaSchema).safeParse(readValue(db, SERVICE_AREAS) ?? defaultServiceAreas);
  return parsed.success ? parsed.data : defaultServiceAreas;
}

export function saveServiceAreas(db: Database, areas: ServiceArea[]): ServiceArea[] {
  const next = z.array(serviceAreaSchema).parse(areas);
  writeValue(db, SERVICE_AREAS, next);
  return next;
}

export const dashboardSettingsSchema = z.object({
  /** Below this many ratings an officer's rate is not shown ("chưa đủ dữ liệu"). */
  officerMinimumRatings: z.number().int().min(1).max(100),
});
export type DashboardSettings = z.infer<typeof dashboardSettingsSchema>;
export const defaultDashboardSettings: DashboardSettings = { officerMinimumRatings: DEFAULT_OFFICER_MINIMUM_RATINGS };

export function readDashboardSettings(db: Database): DashboardSettings {
  const parsed = dashboardSettingsSchema.safeParse(readValue(db, DASHBOARD_SETTINGS) ?? defaultDashboardSettings);
  return parsed.success ? parsed.data : defaultDashboardSettings;
}

export function saveDashboardSettings(db: Database, settings: DashboardSettings): DashboardSettings {
  const next = dashboardSettingsSchema.parse(settings);
  writeValue(db, DASHBOARD_SETTINGS, next);
  return next;
}

// --- Sync files (issue 5): device key, central key pin, file numbers, provisioning facts.

/** The device's Ed25519 public key (raw, base64). Its private half lives in the SecretStore. */
export function readDevicePublicKey(db: Database): string | undefined {
  const parsed = z.string().min(1).safeParse(readValue(db, 'device_public_key'));
  return parsed.success ? parsed.data : undefined;
}

export function saveDevicePublicKey(db: Database, publicKey: string): void {
  writeValue(db, 'device_public_key', z.string().min(1).parse(publicKey));
}

/** Central's public key as first seen in a provisioning file (trust on first use). */
export function readPinnedCentralKey(db: Database): string | undefined {
  const parsed = z.string().min(1).safeParse(readValue(db, 'central_public_key'));
  return parsed.success ? parsed.data : undefined;
}

export function savePinnedCentralKey(db: Database, publicKey: string): void {
  writeValue(db, 'central_public_key', z.string().min(1).parse(publicKey));
}

export const syncFileStateSchema = z.object({
  /** The number of the last sync file written and verified; the next one is this + 1. */
  lastFileNumber: z.number().int().nonnegative(),
  lastExportAt: z.iso.datetime({ offset: true }).nullable(),
  lastAckAt: z.iso.datetime({ offset: true }).nullable(),
  /**
   * The storage incidents each recent sync file carried (issue 12), so that importing the file's
   * ack marks exactly those sent; the newest few files only (an incident left unmarked is sent
   * again, and central keeps it once).
   */
  incidentsInFiles: z.array(z.strictObject({ fileNumber: z.number().int().positive(), ids: z.array(z.string()) })).optional(),
});
export type SyncFileState = z.infer<typeof syncFileStateSchema>;
const noSyncFiles: SyncFileState = { lastFileNumber: 0, lastExportAt: null, lastAckAt: null };

export function readSyncFileState(db: Database): SyncFileState {
  const parsed = syncFileStateSchema.safeParse(readValue(db, 'sync_files') ?? noSyncFiles);
  return parsed.success ? parsed.data : noSyncFiles;
}

export function saveSyncFileState(db: Database, state: SyncFileState): void {
  writeValue(db, 'sync_files', syncFileStateSchema.parse(state));
}

/** What a provisioning file set that the kiosk settings do not hold. */
export const provisioningInfoSchema = z.object({
  officeCode: z.string().min(1).max(64),
  kioskLabel: z.string().min(1).max(200).nullable(),
  provisionedAt: z.iso.datetime({ offset: true }),
});
export type ProvisioningInfo = z.infer<typeof provisioningInfoSchema>;

export function readProvisioningInfo(db: Database): ProvisioningInfo | undefined {
  const parsed = provisioningInfoSchema.safeParse(readValue(db, 'provisioning'));
  return parsed.success ? parsed.data : undefined;
}

export function saveProvisioningInfo(db: Database, info: ProvisioningInfo): void {
  writeValue(db, 'provisioning', provisioningInfoSchema.parse(info));
}

/**
 * First run is over once the kiosk settings were stored (setup screen, provisioning file, or a
 * tool) or a provisioning file was applied. Until then the citizen screen asks for IT staff.
 */
export function isKioskSetUp(db: Database): boolean {
  return readValue(db, KIOSK_SETTINGS) !== undefined || readProvisioningInfo(db) !== undefined;
}
