import type { ErrorCode, KioskError } from './result';

/** What a person reads for each error code. Vietnamese first; calm, no blame, no jargon. */
export const errorMessages: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Dữ liệu gửi lên không hợp lệ.',
  UNKNOWN_METHOD: 'Chức năng này không tồn tại.',
  UNAUTHORIZED: 'Phiên làm việc không hợp lệ. Vui lòng khởi động lại máy đánh giá.',
  SCALE_MISMATCH: 'Thang đánh giá vừa được thay đổi. Màn hình sẽ tải lại.',
  STORAGE_FAILED: 'Không lưu được đánh giá. Máy đánh giá tạm ngừng phục vụ.',
  UNAVAILABLE: 'Không kết nối được với máy đánh giá.',
  RATE_LIMITED: 'Thao tác quá nhanh. Vui lòng chờ một chút rồi thử lại.',
  INTERNAL: 'Máy đánh giá gặp lỗi không mong muốn.',
  NOT_SUPPORTED: 'Chức năng này không có ở chế độ hiện tại.',
  NOT_FOUND: 'Không tìm thấy.',
  CONFLICT: 'Dữ liệu trùng với một mục đã có.',
  PIN_WRONG: 'Mã PIN không đúng.',
  PIN_LOCKED: 'Nhập sai quá nhiều lần. Vui lòng chờ rồi thử lại.',
  PIN_CHANGE_REQUIRED: 'Vui lòng đổi mã PIN mặc định trước khi tiếp tục.',
  PIN_TOO_WEAK: 'Mã PIN quá dễ đoán (ví dụ 123456 hoặc 111111). Hãy chọn mã khác.',
  SIGN_IN_REQUIRED: 'Phiên làm việc đã hết. Vui lòng nhập lại mã PIN.',
  FORBIDDEN: 'Tài khoản này không có quyền thực hiện thao tác này.',
  NO_SHIFT: 'Chưa có cán bộ nào bắt đầu ca làm việc.',
  CANCELLED: 'Đã hủy.',
  NOTHING_TO_EXPORT: 'Không có đánh giá nào cần xuất: mọi đánh giá đã được máy chủ trung tâm xác nhận.',
  FOLDER_UNAVAILABLE: 'Không mở được thư mục hoặc tệp (USB chưa cắm, đã rút, hoặc không ghi được).',
  FILE_REJECTED: 'Tệp không được chấp nhận.',
  REASONS_NOT_ASKED: 'Đánh giá này không cần chọn lý do (không phải đánh giá không hài lòng mới nhất).',
  REASONS_ALREADY_GIVEN: 'Lý do cho đánh giá này đã được ghi nhận.',
  REASON_UNKNOWN: 'Lý do không có trong danh sách hiện tại. Màn hình sẽ tải lại.',
  REFERENCE_NOT_FOUND: 'Không tìm thấy đánh giá nào có mã phản ánh này trên máy. Hãy kiểm tra lại từng ký tự.',
  OUT_OF_SERVICE: 'Máy đánh giá tạm ngừng phục vụ: chưa mở được nơi lưu dữ liệu. Máy tự thử lại, không cần khởi động lại.',
  DOSSIER_CODE_INVALID: 'Mã hồ sơ chưa đúng định dạng. Xin kiểm tra lại mã trên phiếu hẹn.',
  DOSSIER_ALREADY_RATED: 'Hồ sơ này đã được đánh giá.',
  DOSSIER_CODE_REQUIRED: 'Cần mã hồ sơ trước khi đánh giá.',
};

export function kioskError(code: ErrorCode, detail?: string): KioskError {
  return detail === undefined
    ? { code, message: errorMessages[code] }
    : { code, message: errorMessages[code], detail };
}
