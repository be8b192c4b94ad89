// Files on a USB stick that are either absent or complete under their final name: written to
// a temporary name in the same folder, fsynced, renamed, and the folder fsynced. A crash (or a
// pulled stick) leaves at most a temporary file, which the next export removes.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_MARK = '.partial-';

export function tempNameFor(finalName: string): string {
  return `.${finalName}${TEMP_MARK}${process.pid}-${Date.now().toString(36)}`;
}

/** Temporary files an interrupted export left behind. */
export function removeStaleTemps(dir: string): string[] {
  const stale = readdirSync(dir).filter((name) => name.startsWith('.') && name.includes(TEMP_MARK));
  for (const name of stale) rmSync(join(dir, name), { force: true });
  return stale;
}

export interface DurableWriteOptions {
  /** Bytes per write call; progress is reported after each. */
  chunkBytes?: number;
  onChunk?: (written: number, total: number) => void;
}

export function writeFileDurably(dir: string, finalName: string, data: Uint8Array, options: DurableWriteOptions = {}): string {
  const chunk = options.chunkBytes ?? 64 * 1024;
  const temp = join(dir, tempNameFor(finalName));
  const fd = openSync(temp, 'wx', 0o644);
  try {
    for (let at = 0; at < data.length; at += chunk) {
      const end = Math.min(at + chunk, data.length);
      let offset = at;
      while (offset < end) offset += writeSync(fd, data, offset, end - offset);
      options.onChunk?.(end, data.length);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const finalPath = join(dir, finalName);
  renameSync(temp, finalPath);
  fsyncDir(dir);
  return finalPath;
}

/**
 * The same steps with asynchronous writes: between chunks the event loop runs, so progress
 * events reach the screen while a large file goes onto a slow stick (the IT screen's bar).
 */
export async function writeFileDurablyAsync(dir: string, finalName: string, data: Uint8Array, options: DurableWriteOptions = {}): Promise<string> {
  const chunk = options.chunkBytes ?? 64 * 1024;
  const temp = join(dir, tempNameFor(finalName));
  const file = await open(temp, 'wx', 0o644);
  try {
    for (let at = 0; at < data.length; at += chunk) {
      const end = Math.min(at + chunk, data.length);
      let offset = at;
      while (offset < end) offset += (await file.write(data, offset, end - offset)).bytesWritten;
      options.onChunk?.(end, data.length);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  const finalPath = join(dir, finalName);
  await rename(temp, finalPath);
  fsyncDir(dir);
  return finalPath;
}

function fsyncDir(dir: string): void {
  // Windows cannot open a folder for fsync; its rename is durable once it returns (NTFS journal).
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
