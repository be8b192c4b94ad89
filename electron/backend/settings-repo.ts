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

const KIOSK_SETTINGS = 'kiosk';
const SYNC_SETTINGS = 'sync';
const DEVICE_ID = 'device_id';

function readValue(db: Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : JSON.parse(row.value);
}

function writeValue(db: Database, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
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
