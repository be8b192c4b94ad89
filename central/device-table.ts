// `device list` for IT staff: one aligned row per device, times in Vietnam's local time.
import type { DeviceSummary } from '../shared/sync/wire';
import { toLocalIso } from '../shared/local-time';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const MAX_GAPS_SHOWN = 5;

// The last four from the device's newest health record (issue 16).
const headers = ['Mã thiết bị', 'Đơn vị', 'Quầy', 'Nhãn', 'Trạng thái', 'Liên lạc lần cuối', 'Số đánh giá', 'Seq lớn nhất', 'Seq còn thiếu', 'Phiên bản', 'Chờ gửi', 'Lệch đồng hồ', 'Ổ đĩa còn trống'];

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
    d.health?.record.appVersion ?? d.appVersion ?? '—',
    d.health === null || d.health === undefined ? '—' : formatPending(d.health.record.pending),
    d.health === null || d.health === undefined ? '—' : d.health.clockDriftMs === null ? 'không đo (tệp USB)' : formatDrift(d.health.clockDriftMs),
    d.health?.record.storage.freeDiskBytes === null || d.health?.record.storage.freeDiskBytes === undefined ? '—' : formatBytes(d.health.record.storage.freeDiskBytes),
  ]);
  const table = [headers, ...rows].map((cells) => cells.map((c) => c.normalize('NFC')));
  const widths = headers.map((_, i) => Math.max(...table.map((cells) => [...(cells[i] ?? '')].length)));
  return table.map((cells) => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('  ').trimEnd() + '\n').join('');
}

function localTime(iso: string): string {
  return toLocalIso(new Date(iso), TIME_ZONE).slice(0, 19).replace('T', ' ');
}

function formatPending(pending: NonNullable<DeviceSummary['health']>['record']['pending']): string {
  return pending.reasonAnswers === 0 ? String(pending.ratings) : `${pending.ratings} (+${pending.reasonAnswers} lý do)`;
}

/** The kiosk's clock against central's: "+2 phút" ahead, "−40 giây" behind. */
function formatDrift(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 120) return `${sign}${seconds} giây`;
  if (seconds < 7200) return `${sign}${Math.round(seconds / 60)} phút`;
  return `${sign}${Math.round(seconds / 3600)} giờ`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

function formatGaps(gaps: DeviceSummary['gaps']): string {
  if (gaps.length === 0) return '—';
  const shown = gaps.slice(0, MAX_GAPS_SHOWN).map((g) => (g.from === g.to ? String(g.from) : `${g.from}–${g.to}`));
  const more = gaps.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` … (+${more})` : '');
}
