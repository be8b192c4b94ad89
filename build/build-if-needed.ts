// Rebuild dist/ when any source is newer than the last build; shared by npm start and the CLIs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
const SOURCES = ['electron', 'renderer', 'shared', 'central'];

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded(): void {
  const stamp = join(root, 'dist', '.build-stamp');
  const sources = Math.max(...SOURCES.map((d) => newestMtime(join(root, d))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, [join(root, 'build', 'bundle.ts')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
