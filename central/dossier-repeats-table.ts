// `dossier-repeats` for IT staff and inspectors: one aligned row per dossier code rated more than
// once, on any devices (issue 15). Times in Vietnam's local time, like `device list`.
import { toLocalIso } from '../shared/local-time';
import type { DossierRepeat } from './store/dossier-repeats';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const headers = ['Mã hồ sơ', 'Số đánh giá', 'Số thiết bị', 'Lần đầu', 'Lần cuối', 'Thiết bị'];

export function formatDossierRepeats(repeats: readonly DossierRepeat[]): string {
  const summary = `DOSSIER_REPEATS=${repeats.length}\n`;
  if (repeats.length === 0) return `Không có mã hồ sơ nào được đánh giá quá một lần.\n${summary}`;
  const rows = repeats.map((r) => [r.dossierCode, String(r.ratings), String(r.devices.length), localTime(r.firstAt), localTime(r.lastAt), r.devices.join(', ')]);
  const table = [headers, ...rows].map((cells) => cells.map((c) => c.normalize('NFC')));
  const widths = headers.map((_, i) => Math.max(...table.map((cells) => [...(cells[i] ?? '')].length)));
  return table.map((cells) => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('  ').trimEnd() + '\n').join('') + summary;
}

function localTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : toLocalIso(at, TIME_ZONE).slice(0, 19).replace('T', ' ');
}
