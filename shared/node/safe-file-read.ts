// Reading a file a person named on a command line (a sync, ack, provisioning or enrollment file
// from a USB stick, a token file, a settings file) without trusting what the path is: it must be a
// regular file (not a FIFO that blocks for ever, not /dev/zero that never ends, not a folder, nor
// a symlink to one of those) of at most `maxBytes`. The file is opened once, non-blocking, and
// its descriptor is checked (fstat) and read: nothing can be swapped between check and read.
// Node-only (shared/node/): used by the kiosk backend and central alike; never by the renderer.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export const unsafeFileCodes = ['NOT_A_REGULAR_FILE', 'FILE_TOO_LARGE', 'FILE_UNREADABLE'] as const;
export type UnsafeFileCode = (typeof unsafeFileCodes)[number];

const messages: Record<UnsafeFileCode, string> = {
  NOT_A_REGULAR_FILE: 'Đường dẫn không phải một tệp thông thường (là thư mục, thiết bị, ống FIFO hoặc liên kết tới chúng): không đọc.',
  FILE_TOO_LARGE: 'Tệp lớn hơn mức cho phép: không đọc.',
  FILE_UNREADABLE: 'Không mở được tệp (không tồn tại hoặc không có quyền đọc).',
};

export class UnsafeFileError extends Error {
  constructor(
    readonly code: UnsafeFileCode,
    readonly path: string,
    readonly detail: string,
  ) {
    super(messages[code]);
    this.name = 'UnsafeFileError';
  }
}

/** The limits of the files the CLIs read. Sync and ack files share the HTTP route's cap. */
export const FILE_LIMITS = {
  /** POST /api/v1/sync-files accepts at most this; a sync file of 100 000 ratings is about 5 MiB. */
  syncFile: 64 * 1024 * 1024,
  ackFile: 64 * 1024 * 1024,
  /** One kiosk's settings and a token: a few KiB. */
  provisioningFile: 1024 * 1024,
  /** A header line and a signature. */
  enrollmentFile: 64 * 1024,
  /** A token, a key, an office's settings JSON. */
  smallText: 1024 * 1024,
} as const;

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
// Windows has neither flag (undefined → 0) and no FIFOs a path can name.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them; `inspect` sees the open
 * descriptor's stat first (e.g. to refuse a key file others can read) and may throw.
 */
export function readRegularFile(path: string, maxBytes: number, inspect?: (stat: Stats) => void): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UnsafeFileError('NOT_A_REGULAR_FILE', path, 'thư mục');
    throw new UnsafeFileError('FILE_UNREADABLE', path, code ?? String(error));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnsafeFileError('NOT_A_REGULAR_FILE', path, kindOf(stat));
    if (stat.size > maxBytes) throw new UnsafeFileError('FILE_TOO_LARGE', path, `${stat.size} byte, tối đa ${maxBytes}`);
    inspect?.(stat);
    // Read at most maxBytes + 1: a file that grows while we read is still caught.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw new UnsafeFileError('FILE_TOO_LARGE', path, `lớn hơn ${maxBytes} byte`);
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export function readRegularTextFile(path: string, maxBytes: number = FILE_LIMITS.smallText): string {
  return readRegularFile(path, maxBytes).toString('utf8');
}

/** "TỪ CHỐI CODE: message (path: detail)", one line for a CLI's stderr. */
export function unsafeFileLine(error: UnsafeFileError): string {
  return `${error.code}: ${error.message} (${error.path}: ${error.detail})`;
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'thư mục';
  if (stat.isFIFO()) return 'ống FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'thiết bị';
  if (stat.isSocket()) return 'socket';
  return 'không phải tệp thông thường';
}
