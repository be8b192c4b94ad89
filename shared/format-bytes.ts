// A size for people, in Vietnamese style ("12,5 MB"): the IT screen and `kiosk diagnostics` print
// the same figures, so they share one formatter. null (unknown, e.g. free space on an unreadable
// folder) is shown as `unknown`.
const sizes = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const units = ['byte', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number | null, unknown = '—'): string {
  if (bytes === null) return unknown;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sizes.format(value)} ${units[unit]}`;
}
