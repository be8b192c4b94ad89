// Small file-system steps shared by snapshots and quarantine: fsync a file or folder, and the
// bytes a folder holds.
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function fsyncPath(path: string): void {
  const folder = lstatSync(path).isDirectory();
  // Windows cannot open a folder for fsync; its rename is durable once it returns (NTFS journal).
  if (process.platform === 'win32' && folder) return;
  // A file opened for writing: Windows flushes (FlushFileBuffers) only a handle with write access.
  const fd = openSync(path, folder ? 'r' : 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Bytes of every file under `dir` (0 when it does not exist). */
export function folderBytes(dir: string): number {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else {
      try {
        total += lstatSync(path).size;
      } catch {
        // removed while we counted
      }
    }
  }
  return total;
}

/** A UTC time as a file-name part that sorts like the time: 2026-11-29T18-12-11-123Z. */
export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}
