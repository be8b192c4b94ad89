// How the IT screens write times, sizes and setting values: Vietnamese formats, the kiosk's zone.
import { languageNames } from '../../../shared/citizen-options';
import { deviceSettingLabels, type DeviceSettingKey } from '../../../shared/device-settings';
export { formatBytes } from '../../../shared/format-bytes';
import { kioskTimeZone } from '../time/kiosk-time-zone';

const dateTime = (timeZone: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** An ISO instant (any offset) as "25/11/2026, 10:00:00" in the kiosk's zone; "—" for none. */
export function formatInstant(iso: string | null, timeZone = kioskTimeZone()): string {
  if (iso === null || iso === '') return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dateTime(timeZone).format(at);
}

export function settingLabel(key: string): string {
  return key in deviceSettingLabels ? deviceSettingLabels[key as DeviceSettingKey] : key;
}

const listedObject = (a: { code?: string; name?: string; active?: boolean }) => `${a.name ?? a.code ?? '?'}${a.active === false ? ' (ngừng)' : ''}`;

/** An audit value (JSON text, '••••', or null) in words. */
export function formatAuditValue(key: string, value: string | null): string {
  if (value === null) return '—';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value; // '••••'
  }
  if (key === 'endpoint' && parsed === null) return 'Không có mạng';
  if (key === 'scaleId' && typeof parsed === 'string') return parsed.replace(/^vn-(\d)$/, '$1 mức');
  if (Array.isArray(parsed)) {
    // Languages are plain strings ("vi"); service areas and reasons are objects with a code.
    const item = (a: unknown) =>
      typeof a === 'string' ? ((languageNames as Partial<Record<string, string>>)[a] ?? a) : typeof a === 'object' && a !== null ? listedObject(a as { code?: string; name?: string; active?: boolean }) : String(a);
    return parsed.map(item).join(', ') || '(trống)';
  }
  return String(parsed);
}
