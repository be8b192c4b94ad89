// The printable monthly report's words (issue 16). Staff-facing: Vietnamese only. Zod-free.
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

export const printText = {
  open: 'Xem bản in',
  title: 'Bản in báo cáo tháng',
  print: 'In',
  back: 'Quay lại',
  hint: 'Mỗi đơn vị in trên một trang A4.',
  below: 'Ngưỡng tỉ lệ (%)',
  /** "2026-11" → "Báo cáo mức độ hài lòng tháng 11/2026". */
  reportOf: (month: string) => `Báo cáo mức độ hài lòng tháng ${month.slice(5, 7)}/${month.slice(0, 4)}`,
  belowTitle: (below: number) => `Đơn vị có tỉ lệ hài lòng dưới ${percent.format(below)}`,
  noneBelow: 'Không có đơn vị nào dưới ngưỡng.',
  failed: 'Không tải được số liệu của báo cáo. Vui lòng thử lại.',
} as const;
