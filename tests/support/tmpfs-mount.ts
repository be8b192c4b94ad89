// Real file-system faults for tests that run as root (where chmod cannot make a folder read-only):
// a small tmpfs, remounted read-only or filled. Mounting needs CAP_SYS_ADMIN; `canMount` says
// whether this runner has it, and tests without it are skipped saying so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const mount = (...args: string[]): boolean => spawnSync('mount', args, { stdio: 'ignore' }).status === 0;

/** A fresh tmpfs of `sizeKiB` in a new folder, or undefined when mounting is not permitted. */
export function tmpfs(sizeKiB: number, base: string = tmpdir()): string | undefined {
  const dir = mkdtempSync(join(base, 'hai-long-mount-'));
  if (!mount('-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', dir)) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return dir;
}

/** Unmounts and removes a folder `tmpfs` made. */
export function unmount(dir: string): void {
  spawnSync('umount', [dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

function probe(): boolean {
  const dir = tmpfs(64);
  if (dir === undefined) return false;
  unmount(dir);
  return true;
}

export const canMount = probe();
