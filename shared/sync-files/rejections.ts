// Why a sync, ack, provisioning or enrollment file was refused: a typed code for programs, a
// Vietnamese sentence for people, and a technical detail for IT staff.
import { z } from 'zod';

export const syncFileRejectionCodes = [
  'TRUNCATED', // shorter than its own header says: the copy to the stick did not finish
  'NOT_A_SYNC_FILE', // does not start with a known magic line
  'UNSUPPORTED_FORMAT', // a magic or formatVersion this software does not understand
  'MALFORMED', // broken header JSON, bad signature line, bytes after the signature, invalid ratings
  'BAD_SIGNATURE', // the signature does not verify with the registered key
  'HASH_MISMATCH', // the payload is not the one the (signed) manifest names
  'MANIFEST_MISMATCH', // count, seq range, device or time range disagree with the payload
  'UNKNOWN_DEVICE', // central has no such device, or no public key for it
  'DEVICE_REVOKED', // the device was revoked at central
  'REPLAYED', // a file with this or a later fileNumber was imported already: a no-op
  'WRONG_DEVICE', // (kiosk) an ack or provisioning file made for another kiosk
  'CENTRAL_KEY_UNKNOWN', // (kiosk) no central key pinned yet: import a provisioning file first
  'CENTRAL_KEY_CHANGED', // (kiosk) signed by a central key other than the pinned one
  'CENTRAL_KEY_UNCONFIRMED', // (kiosk) first provisioning without the central key's fingerprint confirmed
  'CENTRAL_KEY_FINGERPRINT_MISMATCH', // (kiosk) the confirmed fingerprint is not the file's key's
  'RESET_FILE_USED', // (kiosk) this PIN reset file (its fileId) was imported already: each works once
] as const;
export type SyncFileRejectionCode = (typeof syncFileRejectionCodes)[number];

const messages: Record<SyncFileRejectionCode, string> = {
  TRUNCATED: 'Tệp bị cắt cụt (chép sang USB chưa xong hoặc USB bị rút sớm). Hãy xuất lại tệp.',
  NOT_A_SYNC_FILE: 'Đây không phải tệp của Hài Lòng.',
  UNSUPPORTED_FORMAT: 'Phiên bản định dạng tệp này không được hỗ trợ. Hãy cập nhật phần mềm.',
  MALFORMED: 'Tệp bị hỏng cấu trúc.',
  BAD_SIGNATURE: 'Chữ ký số không hợp lệ: tệp đã bị sửa đổi hoặc không do thiết bị này tạo ra.',
  HASH_MISMATCH: 'Dữ liệu trong tệp đã bị thay đổi hoặc hỏng (mã băm không khớp).',
  MANIFEST_MISMATCH: 'Thông tin mô tả tệp không khớp với dữ liệu bên trong.',
  UNKNOWN_DEVICE: 'Thiết bị chưa được đăng ký (hoặc chưa có khóa công khai) tại máy chủ trung tâm.',
  DEVICE_REVOKED: 'Thiết bị đã bị thu hồi quyền gửi dữ liệu.',
  REPLAYED: 'Tệp này (hoặc một tệp mới hơn của cùng thiết bị) đã được nhập trước đó: không thêm dữ liệu nào.',
  WRONG_DEVICE: 'Tệp này dành cho một máy đánh giá khác.',
  CENTRAL_KEY_UNKNOWN: 'Máy đánh giá chưa biết khóa của máy chủ trung tâm: hãy nhập tệp cấu hình trước.',
  CENTRAL_KEY_CHANGED: 'Tệp được ký bằng khóa trung tâm khác với khóa đã ghi nhận: từ chối.',
  CENTRAL_KEY_UNCONFIRMED:
    'Máy đánh giá chưa ghi nhận khóa của máy chủ trung tâm: tệp cấu hình đầu tiên chỉ được nhập khi xác nhận dấu vân tay khóa do máy chủ trung tâm in ra (lệnh "central key"; dòng lệnh: --fingerprint "XXXX XXXX XXXX XXXX XXXX"). Không áp dụng gì.',
  CENTRAL_KEY_FINGERPRINT_MISMATCH:
    'Dấu vân tay đã xác nhận không phải của khóa đã ký tệp này: tệp có thể bị giả mạo. Không áp dụng gì; hỏi lại cán bộ CNTT của tỉnh.',
  RESET_FILE_USED: 'Tệp đặt lại mã PIN này đã được dùng: mỗi tệp chỉ dùng được một lần. Hãy xin máy chủ trung tâm tạo tệp mới.',
};

export class SyncFileRejection extends Error {
  constructor(
    readonly code: SyncFileRejectionCode,
    readonly detail?: string,
  ) {
    super(messages[code]);
    this.name = 'SyncFileRejection';
  }

  body(): SyncFileRejectionBody {
    const error = this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail };
    return { error };
  }
}

export function refuse(code: SyncFileRejectionCode, detail?: string): SyncFileRejection {
  return new SyncFileRejection(code, detail);
}

export function syncFileRejectionMessage(code: SyncFileRejectionCode): string {
  return messages[code];
}

/** The body of POST /api/v1/sync-files when central refuses the file (422). */
export const syncFileRejectionSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(syncFileRejectionCodes), message: z.string(), detail: z.string().optional() }),
});
export type SyncFileRejectionBody = z.infer<typeof syncFileRejectionSchema>;
