// Rebuild dist/ only when what it is built from changed; shared by npm start, the CLIs and
// npm test. "Changed" is a SHA-256 over the contents of every input file (sources, the build
// scripts and configs, the lockfile), compared with the one recorded by the last build — not
// modification times, which a checkout or a copy can move either way.
//   node build/build-if-needed.ts   build if needed, from the command line (npm run test:e2e)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
/** Written by build/bundle.ts after a successful build: the inputs' hash it was built from. */
export const INPUTS_STAMP = join(root, 'dist', '.build-inputs');
const SOURCE_DIRS = ['electron', 'renderer', 'shared', 'central', 'build'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Hash of every build input, by path and content, in a stable order. */
export function buildInputsHash(): string {
  const files = [...SOURCE_DIRS.flatMap((d) => filesUnder(join(root, d))), ...SOURCE_FILES.map((f) => join(root, f)).filter(existsSync)];
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f)).sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ was built from exactly the current inputs. */
export function buildIsCurrent(): boolean {
  return existsSync(INPUTS_STAMP) && readFileSync(INPUTS_STAMP, 'utf8').trim() === buildInputsHash();
}

/** Runs build/bundle.ts unless dist/ is current; exits with its status if it fails. */
export function buildIfNeeded(): void {
  if (buildIsCurrent()) return;
  const result = spawnSync(process.execPath, [join(root, 'build', 'bundle.ts')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  if (buildIsCurrent()) process.stdout.write('dist/ is up to date with its sources: build skipped.\n');
  buildIfNeeded();
}
