// Checks on folders and files the IT admin picked, and the translation of what can go wrong
// with a USB stick (pulled out, full, write-protected) or a refused file into KioskFailures
// whose Vietnamese detail the screen shows.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { UnsafeFileError } from '../../../shared/node/safe-file-read';
import { SyncFileRejection } from '../../../shared/sync-files/rejections';
import { KioskFailure } from '../dispatch';
import { NothingToExportError } from '../sync-files/sync-file-export';

export function requireFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new KioskFailure('FOLDER_UNAVAILABLE', folder, undefined, `Cần đường dẫn đầy đủ (ví dụ /media/usb hoặc E:\\): ${folder}`);
  let isDir: boolean;
  try {
    isDir = statSync(folder).isDirectory();
  } catch (error) {
    throw asFileFailure(error, folder);
  }
  if (!isDir) throw new KioskFailure('FOLDER_UNAVAILABLE', folder, undefined, `Không phải thư mục: ${folder}`);
  return folder;
}

/** A regular file no larger than `maxBytes` (an ack file of 100 000 ratings is about 4 MB). */
export function requireFile(path: string, extension: string, maxBytes: number): string {
  if (!isAbsolute(path)) throw new KioskFailure('FOLDER_UNAVAILABLE', path, undefined, `Cần đường dẫn đầy đủ: ${path}`);
  if (!path.toLowerCase().endsWith(extension)) {
    throw new KioskFailure('FILE_REJECTED', path, undefined, `Cần tệp ${extension}: ${path}`);
  }
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new KioskFailure('FOLDER_UNAVAILABLE', path, undefined, `Không phải tệp: ${path}`);
    size = stat.size;
  } catch (error) {
    throw asFileFailure(error, path);
  }
  if (size > maxBytes) throw new KioskFailure('FILE_REJECTED', path, undefined, `Tệp quá lớn (${size} byte): ${path}`);
  return path;
}

const reasons: Record<string, string> = {
  ENOENT: 'Không tìm thấy (USB đã rút?)',
  ENOTDIR: 'Không phải thư mục',
  EACCES: 'Không có quyền đọc/ghi',
  EPERM: 'Không có quyền đọc/ghi',
  EROFS: 'USB đang khóa ghi (chỉ đọc)',
  ENOSPC: 'USB đã đầy',
  EIO: 'Lỗi đọc/ghi USB (thử cắm lại)',
  EEXIST: 'Tệp cùng tên đã có',
};

/** Expected failures become typed ones; anything else is a bug and stays an exception. */
export function asFileFailure(error: unknown, path: string): unknown {
  if (error instanceof KioskFailure) return error;
  if (error instanceof NothingToExportError) return new KioskFailure('NOTHING_TO_EXPORT');
  if (error instanceof UnsafeFileError) return new KioskFailure('FILE_REJECTED', `${error.code}: ${error.detail}`, undefined, `${error.message} (${error.detail}): ${path}`);
  if (error instanceof SyncFileRejection) {
    const detail = `${error.code}: ${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}`;
    return new KioskFailure('FILE_REJECTED', detail, undefined, detail);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code in reasons) {
    return new KioskFailure('FOLDER_UNAVAILABLE', `${code} ${path}`, undefined, `${reasons[code]}: ${path}`);
  }
  return error;
}
