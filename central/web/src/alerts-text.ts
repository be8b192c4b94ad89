// The "Cảnh báo" view's words (issue 17). Staff-facing: Vietnamese only (shared/STYLE.md).
import { alertRuleKindNames, type AlertRuleParams } from '../../../shared/central-alerts';

export const alertsText = {
  listTitle: 'Cảnh báo gần đây',
  listIntro: 'Cảnh báo đang diễn ra và gần đây của các đơn vị bạn được xem. Mỗi cảnh báo chỉ gửi một lần cho mỗi đợt.',
  none: 'Chưa có cảnh báo nào.',
  loading: 'Đang tải…',
  when: 'Xảy ra lúc',
  detected: 'Phát hiện lúc',
  rule: 'Quy tắc',
  what: 'Nội dung',
  state: 'Trạng thái',
  open: 'Đang diễn ra',
  over: 'Đã qua',
  reload: 'Tải lại',
  rulesTitle: 'Quy tắc cảnh báo',
  rulesIntro: 'Cảnh báo hiện ở đây và được gửi tới webhook đã cấu hình trên máy chủ (CENTRAL_ALERT_WEBHOOK_URL).',
  noRules: 'Chưa có quy tắc nào.',
  ruleName: 'Tên quy tắc',
  kind: 'Loại',
  settings: 'Điều kiện',
  createdBy: 'Người tạo',
  actions: 'Thao tác',
  remove: 'Xóa',
  confirmRemove: (name: string) => `Xóa quy tắc "${name}"? Các cảnh báo đã có vẫn được giữ.`,
  removed: (name: string) => `Đã xóa quy tắc "${name}".`,
  addTitle: 'Thêm quy tắc',
  count: 'Số đánh giá "Không hài lòng"',
  minutes: 'Trong bao nhiêu phút',
  belowPercent: 'Tỷ lệ hài lòng dưới (%)',
  minimumRatings: 'Số đánh giá tối thiểu trong ngày',
  minimumHint: 'Chưa đủ số này thì không cảnh báo (một đánh giá lúc 7:01 không phải là cả ngày).',
  unit: 'Đơn vị',
  everyUnit: 'Mọi đơn vị',
  days: 'Số ngày không liên lạc',
  add: 'Thêm quy tắc',
  adding: 'Đang thêm…',
  added: (name: string) => `Đã thêm quy tắc "${name}".`,
  unreachable: 'Không kết nối được máy chủ trung tâm. Hãy thử lại.',
} as const;

export const ruleKindOptions = Object.entries(alertRuleKindNames) as [AlertRuleParams['kind'], string][];

/** A rule's condition in words, for the rules table. */
export function ruleConditionText(params: AlertRuleParams): string {
  switch (params.kind) {
    case 'counter-run':
      return `${params.count} đánh giá "Không hài lòng" tại một quầy trong ${params.minutes} phút`;
    case 'unit-daily-rate':
      return `Tỷ lệ hài lòng trong ngày dưới ${params.belowPercent}% (từ ${params.minimumRatings} đánh giá)${params.unitCode === null ? '' : `, đơn vị ${params.unitCode}`}`;
    case 'device-silent':
      return `Không liên lạc từ ${params.days} ngày`;
    case 'device-integrity':
      return 'Thiếu số thứ tự đánh giá hoặc chuỗi bản ghi bị đứt';
  }
}
