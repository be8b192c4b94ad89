// Every refusal central sends: an HTTP status, a code from the wire schema, a Vietnamese
// message the kiosk can show as is, and for the 4xx a technical detail for IT staff.
import { syncRejectionSchema, type SyncRejection, type SyncRejectionCode } from '../shared/sync/wire';

const messages: Record<SyncRejectionCode, string> = {
  MALFORMED: 'Yêu cầu không đúng định dạng (không phải gzip hoặc JSON hợp lệ).',
  INVALID_BATCH: 'Lô dữ liệu không hợp lệ.',
  UNAUTHENTICATED: 'Thiếu mã truy cập hoặc mã truy cập không đúng (token bị từ chối).',
  DEVICE_REVOKED: 'Thiết bị đã bị thu hồi quyền gửi dữ liệu.',
  DEVICE_MISMATCH: 'Mã truy cập thuộc về một thiết bị khác với thiết bị trong lô dữ liệu.',
  TOO_LARGE: 'Lô dữ liệu quá lớn (tối đa 500 đánh giá, 500 câu trả lời lý do và 512 KiB).',
  UNSUPPORTED_FORMAT: 'Phiên bản định dạng dữ liệu này không được máy chủ trung tâm hỗ trợ.',
  RATE_LIMITED: 'Máy chủ trung tâm đang quá tải, sẽ thử lại sau.',
  SERVER_ERROR: 'Máy chủ trung tâm gặp lỗi, sẽ thử lại sau.',
};

const statuses: Record<SyncRejectionCode, number> = {
  MALFORMED: 400,
  INVALID_BATCH: 422,
  UNAUTHENTICATED: 401,
  DEVICE_REVOKED: 403,
  DEVICE_MISMATCH: 403,
  TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 422,
  RATE_LIMITED: 429,
  SERVER_ERROR: 500,
};

/** Thrown anywhere in a request to refuse it; the server's error handler sends it. */
export class CentralRejection extends Error {
  readonly status: number;
  constructor(
    readonly code: SyncRejectionCode,
    readonly detail?: string,
    options: { status?: number; message?: string } = {},
  ) {
    super(options.message ?? messages[code]);
    this.name = 'CentralRejection';
    this.status = options.status ?? statuses[code];
  }

  body(): SyncRejection {
    const error = this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail };
    return syncRejectionSchema.parse({ error });
  }
}

export function rejection(code: SyncRejectionCode, detail?: string): CentralRejection {
  return new CentralRejection(code, detail);
}

/** Fastify has no route for this path: still the one error shape (the codes have no NOT_FOUND). */
export function notFound(path: string): CentralRejection {
  return new CentralRejection('MALFORMED', `Không có đường dẫn ${path.slice(0, 200)}`, {
    status: 404,
    message: 'Địa chỉ này không tồn tại trên máy chủ trung tâm.',
  });
}
