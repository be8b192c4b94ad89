// The dashboard views' words and number formats (issue 16). Staff-facing: Vietnamese only, numbers
// as people in Việt Nam write them (vi-VN: "1.234", "66,7%"). Zod-free, so tests and views share it.

const whole = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const points = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export const formatCount = (n: number): string => whole.format(n);
/** A rate, or "Chưa đủ dữ liệu" when central withholds it (below the minimum) or there is nothing to divide. */
export const formatRate = (rate: number | null, total = 1): string => (rate === null ? (total === 0 ? 'Chưa có đánh giá' : 'Chưa đủ dữ liệu') : percent.format(rate));
/** 2026-11-03 → 03/11/2026. */
export const formatDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The change of rate against the previous period, in percentage points ("tăng 5,2 điểm %"). */
export function comparisonText(rate: number | null, previous: number | null): string {
  if (rate === null || previous === null) return 'Không so sánh được (một trong hai kỳ chưa có tỉ lệ)';
  const diff = Math.round((rate - previous) * 1000) / 10;
  if (diff === 0) return 'Không đổi so với kỳ trước';
  return `${diff > 0 ? 'Tăng' : 'Giảm'} ${points.format(Math.abs(diff))} điểm % so với kỳ trước`;
}

export const dashboardText = {
  period: 'Kỳ',
  day: 'Ngày trong kỳ',
  from: 'Từ ngày',
  to: 'Đến ngày',
  includeFlagged: 'Tính cả các lượt nghi bất thường',
  rate: 'Tỉ lệ hài lòng',
  total: 'Tổng số lượt đánh giá',
  satisfied: 'Số lượt hài lòng trở lên',
  previous: 'Kỳ trước',
  byLevel: 'Theo mức độ',
  level: 'Mức độ',
  count: 'Số lượt',
  share: 'Tỉ lệ',
  flaggedAside: (suspected: number, excluded: number) =>
    excluded > 0 ? `${formatCount(suspected)} lượt nghi bất thường (bấm liên tục, quá nhanh…) không được tính vào số liệu trên.` : `${formatCount(suspected)} lượt nghi bất thường, đã tính vào số liệu trên.`,
  unitsRanked: 'Các đơn vị (tỉ lệ thấp nhất trước)',
  unit: 'Đơn vị',
  officers: 'Theo cán bộ',
  officer: 'Cán bộ',
  office: 'Bộ phận một cửa',
  offices: 'Theo bộ phận một cửa (tỉ lệ thấp nhất trước)',
  minimumNote: (n: number) => `Tỉ lệ của một cán bộ chỉ hiện khi có từ ${formatCount(n)} lượt đánh giá trở lên.`,
  serviceAreas: 'Theo lĩnh vực',
  serviceArea: 'Lĩnh vực',
  factors: 'Lý do chưa hài lòng theo nhóm tiêu chí',
  factor: 'Nhóm tiêu chí',
  times: 'Số lần chọn',
  nothing: 'Không có số liệu trong kỳ này.',
  limitedTo: (units: string[]) => `Số liệu của đơn vị bạn được xem: ${units.join(', ')}`,
  chooseUnit: 'Chọn đơn vị',
  pickOfficer: 'Chọn một cán bộ trong bảng "Theo cán bộ" của mục Đơn vị để xem số liệu của cán bộ đó.',
  toUnits: 'Đến mục Đơn vị',
  reportTitle: 'Báo cáo tháng, quý, năm',
  reportMonth: 'Tháng báo cáo',
  reportUnit: 'Đơn vị',
  wholeProvince: 'Toàn tỉnh',
  download: 'Tải báo cáo',
  reportNote: 'Tệp Excel gồm tổng hợp, so với kỳ trước, theo mức độ, đơn vị, cán bộ, lĩnh vực và lý do. Các lượt nghi bất thường không được tính.',
} as const;

/** The charts' words (trend and hourly pattern, issue 16). */
export const chartText = {
  trend: 'Xu hướng',
  trendBy: { day: 'theo ngày', week: 'theo tuần', month: 'theo tháng' },
  pointHeading: { day: 'Ngày', week: 'Tuần (từ ngày)', month: 'Tháng' },
  trendNote: 'Cột: số lượt đánh giá; đường: tỉ lệ hài lòng.',
  /** Every point's rate withheld (too few ratings of one officer) or nothing to divide: no line at all. */
  noRate: (by: string) => `Chưa có tỉ lệ ${by} nào để vẽ đường: mỗi điểm chưa đủ dữ liệu hoặc chưa có đánh giá.`,
  hourly: 'Theo giờ trong ngày',
  hourlyNote: 'Số lượt đánh giá theo giờ địa phương của từng bộ phận một cửa, theo mức độ.',
  trendTable: (by: string) => `Xu hướng ${by}: số lượt và tỉ lệ hài lòng`,
  hourlyTable: 'Số lượt đánh giá theo giờ trong ngày và mức độ',
} as const;
