import type { ErrorCode, KioskError } from './result';

/** What a person reads for each error code. Vietnamese first; calm, no blame, no jargon. */
export const errorMessages: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Dữ liệu gửi lên không hợp lệ.',
  UNKNOWN_METHOD: 'Chức năng này không tồn tại.',
  UNAUTHORIZED: 'Phiên làm việc không hợp lệ. Vui lòng khởi động lại máy đánh giá.',
  SCALE_MISMATCH: 'Thang đánh giá vừa được thay đổi. Màn hình sẽ tải lại.',
  STORAGE_FAILED: 'Không lưu được đánh giá. Máy đánh giá tạm ngừng phục vụ.',
  UNAVAILABLE: 'Không kết nối được với máy đánh giá.',
  INTERNAL: 'Máy đánh giá gặp lỗi không mong muốn.',
};

export function kioskError(code: ErrorCode, detail?: string): KioskError {
  return detail === undefined
    ? { code, message: errorMessages[code] }
    : { code, message: errorMessages[code], detail };
}
