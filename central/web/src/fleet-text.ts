// The words of "Tình trạng thiết bị" (issue 17). Staff-facing: Vietnamese only. Each highlighted
// row says why in words (a badge), never by colour alone.
import type { FleetDevice } from '../../../shared/central-fleet';
import { hasChainBreak, hasDeclaredLoss, hasGap, type FleetSummary } from '../../../shared/fleet-health';

export const fleetView = { id: 'fleet', label: 'Tình trạng thiết bị' } as const;

export const fleetColumns = [
  { id: 'device', label: 'Máy đánh giá' },
  { id: 'unit', label: 'Đơn vị' },
  { id: 'lastContact', label: 'Liên lạc lần cuối' },
  { id: 'version', label: 'Phiên bản' },
  { id: 'pending', numeric: true, label: 'Chờ gửi' },
  { id: 'drift', label: 'Lệch đồng hồ' },
  { id: 'gaps', numeric: true, label: 'Thiếu số thứ tự' },
  { id: 'losses', numeric: true, label: 'Mất dữ liệu · sự cố' },
  { id: 'breaks', numeric: true, label: 'Đứt chuỗi' },
  { id: 'status', label: 'Tình trạng' },
] as const;
export type FleetColumn = (typeof fleetColumns)[number]['id'];

export const fleetText = {
  loading: 'Đang tải…',
  unitFilter: 'Lọc theo đơn vị',
  allUnits: 'Tất cả đơn vị',
  allOwnUnits: 'Tất cả đơn vị của tài khoản',
  noDevices: 'Không có máy đánh giá nào trong phạm vi này.',
  tableCaption: 'Các máy đánh giá và tình trạng của chúng',
  sortBy: (column: string) => `Sắp xếp theo ${column}`,
  counter: (n: number) => `Quầy ${n}`,
  unassigned: 'Chưa xếp đơn vị',
  never: 'Chưa từng',
  noHealth: 'Chưa có',
  unknown: '—',
  bySyncFile: 'qua tệp đồng bộ',
  onTime: 'đúng giờ',
  ok: 'Bình thường',
  thresholdNote: (days: number, newest: string | null) =>
    `Im lặng: không liên lạc từ ${days} ngày làm việc trở lên (thứ Hai đến thứ Sáu). Phiên bản cũ: cũ hơn ${newest ?? '—'}, phiên bản mới nhất đang chạy trên ít nhất hai máy.`,
} as const;

/** "4 máy đánh giá · 1 im lặng · 1 thiếu số thứ tự · 1 mất dữ liệu hoặc đứt chuỗi · 1 phiên bản cũ". */
export const summaryParts = (s: FleetSummary): string[] => [
  `${s.devices} máy đánh giá`,
  `${s.silent} im lặng`,
  `${s.withGaps} thiếu số thứ tự`,
  `${s.damaged} mất dữ liệu hoặc đứt chuỗi`,
  `${s.outdated} phiên bản cũ`,
];

export type BadgeTone = 'warn' | 'info';
export interface Badge {
  text: string;
  tone: BadgeTone;
}

/** Why a row is highlighted, in words; empty: nothing to look at. */
export function fleetBadges(d: FleetDevice): Badge[] {
  const badges: Badge[] = [];
  if (d.revoked) badges.push({ text: 'Đã thu hồi', tone: 'info' });
  if (d.silent) badges.push({ text: d.workingDaysSilent === null ? 'Chưa từng liên lạc' : `Im lặng ${d.workingDaysSilent} ngày làm việc`, tone: 'warn' });
  if (hasGap(d)) badges.push({ text: 'Thiếu số thứ tự', tone: 'warn' });
  if (hasDeclaredLoss(d)) badges.push({ text: 'Mất dữ liệu đã khai báo', tone: 'warn' });
  if (hasChainBreak(d)) badges.push({ text: 'Đứt chuỗi', tone: 'warn' });
  if (d.outdated) badges.push({ text: 'Phiên bản cũ', tone: 'warn' });
  return badges;
}

// The browser's own zone: the page is read at the province's offices.
const clock = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short', hour12: false });
export const contactTime = (iso: string): string => clock.format(new Date(iso));

/** "3 giờ trước", "9 ngày trước": how long ago against central's clock (not the browser's). */
export function agoText(iso: string, now: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(now) - Date.parse(iso)) / 60_000));
  if (minutes < 2) return 'vừa xong';
  if (minutes < 60) return `${minutes} phút trước`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} giờ trước`;
  return `${Math.floor(minutes / (24 * 60))} ngày trước`;
}

/** The kiosk's clock against central's: "nhanh 2 phút" (ahead), "chậm 40 giây" (behind), "đúng giờ" within 2 seconds (transit included). */
export function driftText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 2000) return fleetText.onTime;
  const seconds = Math.round(abs / 1000);
  const size = seconds < 60 ? `${seconds} giây` : seconds < 3600 ? `${Math.round(seconds / 60)} phút` : `${Math.floor(seconds / 3600)} giờ ${Math.round((seconds % 3600) / 60)} phút`;
  return `${ms > 0 ? 'nhanh' : 'chậm'} ${size}`;
}

/** "3–4" / "3–4, 9": inclusive ranges as people read them. */
export const rangesText = (ranges: readonly { from: number; to: number }[]): string => ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(', ');
