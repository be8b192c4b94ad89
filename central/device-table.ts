// `device list` for IT staff: one aligned row per device, times in Vietnam's local time.
import type { DeviceSummary } from '../shared/sync/wire';
import { toLocalIso } from '../shared/local-time';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const MAX_GAPS_SHOWN = 5;

const headers = ['Mã thiết bị', 'Đơn vị', 'Quầy', 'Nhãn', 'Trạng thái', 'Liên lạc lần cuối', 'Số đánh giá', 'Seq lớn nhất', 'Seq còn thiếu'];

export function formatDeviceTable(devices: readonly DeviceSummary[]): string {
  if (devices.length === 0) return 'Chưa có thiết bị nào. Thêm bằng: npm run central -- device add --office MÃ_ĐƠN_VỊ --counter SỐ_QUẦY\n';
  const rows = devices.map((d) => [
    d.deviceId,
    d.officeCode,
    String(d.counter),
    d.label ?? '',
    d.revoked ? 'đã thu hồi' : 'hoạt động',
    d.lastSeenAt === null ? 'chưa bao giờ' : localTime(d.lastSeenAt),
    String(d.ratingCount),
    String(d.maxSeq),
    // A verified storage incident's losses (issue 12) are named as such, not as gaps.
    formatGaps(d.gaps) + (d.declaredLost.seq.length === 0 ? '' : `; khai báo mất sau phục hồi: ${formatGaps(d.declaredLost.seq)}`),
  ]);
  const table = [headers, ...rows].map((cells) => cells.map((c) => c.normalize('NFC')));
  const widths = headers.map((_, i) => Math.max(...table.map((cells) => [...(cells[i] ?? '')].length)));
  return table.map((cells) => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('  ').trimEnd() + '\n').join('');
}

function localTime(iso: string): string {
  return toLocalIso(new Date(iso), TIME_ZONE).slice(0, 19).replace('T', ' ');
}

function formatGaps(gaps: DeviceSummary['gaps']): string {
  if (gaps.length === 0) return '—';
  const shown = gaps.slice(0, MAX_GAPS_SHOWN).map((g) => (g.from === g.to ? String(g.from) : `${g.from}–${g.to}`));
  const more = gaps.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` … (+${more})` : '');
}
