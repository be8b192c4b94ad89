// The usual reasons list (the setup screen's "Dùng danh sách thường gặp" and a new kiosk's
// default). Its own module: the citizen screen's entry chunk never needs it.
import type { Reason } from './citizen-options';
import { usualReportPathOf } from './report-path';
import { usualFactorOf } from './survey-factors';

/** The reasons Vietnamese vendors' counter tablets ask (DOMAIN.md). */
export const defaultReasons: Reason[] = [
  { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', labelEn: 'Unfriendly officer', factor: usualFactorOf('THAI-DO'), reportPath: usualReportPathOf('THAI-DO') },
  { code: 'HUONG-DAN', label: 'Hướng dẫn chưa rõ ràng', labelEn: 'Unclear guidance', factor: usualFactorOf('HUONG-DAN'), reportPath: usualReportPathOf('HUONG-DAN') },
  { code: 'DI-LAI', label: 'Phải đi lại, bổ sung hồ sơ nhiều lần', labelEn: 'Had to come back or add papers many times', factor: usualFactorOf('DI-LAI'), reportPath: usualReportPathOf('DI-LAI') },
  { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: usualFactorOf('CHO-LAU'), reportPath: usualReportPathOf('CHO-LAU') },
  { code: 'TRE-HEN', label: 'Trả kết quả trễ hẹn', labelEn: 'Result returned late', factor: usualFactorOf('TRE-HEN'), reportPath: usualReportPathOf('TRE-HEN') },
  { code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu', labelEn: 'Harassment or request for favours', factor: usualFactorOf('PHIEN-HA'), reportPath: usualReportPathOf('PHIEN-HA') },
  { code: 'CO-SO', label: 'Cơ sở vật chất chưa tốt', labelEn: 'Poor facilities', factor: usualFactorOf('CO-SO'), reportPath: usualReportPathOf('CO-SO') },
  { code: 'KHAC', label: 'Lý do khác', labelEn: 'Other', factor: usualFactorOf('KHAC'), reportPath: usualReportPathOf('KHAC') },
];
