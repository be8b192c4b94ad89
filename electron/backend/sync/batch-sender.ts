// One HTTP attempt to deliver one batch, classified into what the engine should do next.
// Nothing here touches the database: the engine commits an ack only after `acked` comes back.
import { gzipSync } from 'node:zlib';
import type { SyncProblem } from '../../../shared/contract';
import { ackCoversBatch, syncAckSchema, syncRejectionSchema, type SyncAck, type SyncBatch } from '../../../shared/sync/wire';

export type SendOutcome =
  | { kind: 'acked'; ack: SyncAck }
  /** Try again later; `retryAfterMs` is the server's minimum wait, if it gave one. */
  | { kind: 'retry'; problem: SyncProblem; retryAfterMs?: number }
  /** Central refused us; retrying the same request cannot help. */
  | { kind: 'stop'; problem: SyncProblem };

export interface SendOptions {
  endpoint: string;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => Date;
  /** What ends a request that took too long (default AbortSignal.timeout); tests fire it from their clock. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

const problem = (code: SyncProblem['code'], message: string): SyncProblem => ({ code, message });

/** `Retry-After` as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export async function sendBatch(batch: SyncBatch, options: SendOptions): Promise<SendOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(`${options.endpoint}/api/v1/batches`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${options.token}`,
        'idempotency-key': batch.batchId,
      },
      body: gzipSync(JSON.stringify(batch)),
      signal: (options.timeoutSignal ?? AbortSignal.timeout)(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return timedOut
      ? { kind: 'retry', problem: problem('TIMEOUT', 'Máy chủ trung tâm không trả lời kịp (quá thời gian chờ); sẽ thử lại.') }
      : { kind: 'retry', problem: problem('NETWORK', 'Không kết nối được máy chủ trung tâm; sẽ thử lại khi có mạng.') };
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now());
  const status = response.status;

  if (status === 200) {
    const ack = syncAckSchema.safeParse(safeJson(text));
    if (ack.success && ackCoversBatch(batch, ack.data)) return { kind: 'acked', ack: ack.data };
    return { kind: 'retry', problem: problem('BAD_REPLY', 'Phản hồi của máy chủ trung tâm không hợp lệ; sẽ gửi lại.') };
  }
  if (status === 408 || status === 429) {
    return withRetryAfter(problem('SERVER_BUSY', `Máy chủ trung tâm đang bận (HTTP ${status}); sẽ thử lại.`), retryAfterMs);
  }
  if (status >= 500) {
    return withRetryAfter(problem('SERVER_ERROR', `Máy chủ trung tâm gặp lỗi (HTTP ${status}); sẽ thử lại.`), retryAfterMs);
  }
  const rejection = syncRejectionSchema.safeParse(safeJson(text));
  const reason = rejection.success ? rejection.data.error.message : `HTTP ${status}`;
  if (status === 401) {
    return { kind: 'stop', problem: problem('TOKEN_REJECTED', 'Token bị từ chối: máy chủ trung tâm không nhận ra thiết bị này. Liên hệ cán bộ CNTT.') };
  }
  if (status === 403) {
    return rejection.success && rejection.data.error.code === 'DEVICE_MISMATCH'
      ? { kind: 'stop', problem: problem('DEVICE_MISMATCH', 'Token không thuộc về thiết bị này. Liên hệ cán bộ CNTT.') }
      : { kind: 'stop', problem: problem('DEVICE_REVOKED', 'Thiết bị đã bị thu hồi quyền gửi dữ liệu. Liên hệ cán bộ CNTT.') };
  }
  // 400, 413, 422 and anything else unexpected: the same request will be refused again.
  return { kind: 'stop', problem: problem('REJECTED', `Máy chủ trung tâm từ chối dữ liệu (HTTP ${status}: ${reason}). Liên hệ cán bộ CNTT.`) };
}

function withRetryAfter(p: SyncProblem, retryAfterMs: number | undefined): SendOutcome {
  return retryAfterMs === undefined ? { kind: 'retry', problem: p } : { kind: 'retry', problem: p, retryAfterMs };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
