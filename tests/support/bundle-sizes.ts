// What `npm run build` wrote, measured the way it travels: the renderer's entry JS (the module
// script in index.html and every chunk it preloads, i.e. everything the citizen screen needs
// before it can run) gzip-compressed, the lazily loaded chunks, the preload bundle, the fonts.
// Used by the budget test (tests/e2e/bundle-budget.test.ts) and the benchmark.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './e2e-host';

export const rendererDir = join(repoRoot, 'dist', 'renderer');
export const preloadFile = join(repoRoot, 'dist', 'electron', 'preload.cjs');

export interface Asset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface RendererSizes {
  /** The module script index.html runs, plus the chunks it modulepreloads. */
  entry: Asset[];
  /** Every other JS chunk: loaded on demand. */
  lazy: Asset[];
  css: Asset[];
  fonts: string[];
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const total = (assets: Asset[], key: 'bytes' | 'gzipBytes' = 'gzipBytes') => assets.reduce((sum, a) => sum + a[key], 0);

function asset(dir: string, file: string): Asset {
  const content = readFileSync(join(dir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Throws (so a test fails, never skips) when the build is missing. */
export function readRendererSizes(): RendererSizes {
  const indexHtml = join(rendererDir, 'index.html');
  if (!existsSync(indexHtml)) throw new Error(`${indexHtml} is missing: run npm run build first (npm test does).`);
  const html = readFileSync(indexHtml, 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  if (scripts.length === 0) throw new Error(`No module script found in ${indexHtml}`);
  const entryFiles = new Set([...scripts, ...preloads]);
  const assetsDir = join(rendererDir, 'assets');
  const files = readdirSync(assetsDir);
  const js = files.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  return {
    entry: [...entryFiles].map((f) => asset(rendererDir, f)),
    lazy: js.filter((f) => !entryFiles.has(f)).map((f) => asset(rendererDir, f)),
    css: files.filter((f) => f.endsWith('.css')).map((f) => asset(assetsDir, f)),
    fonts: files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f)),
  };
}

export function readPreloadSize(): { bytes: number; text: string } {
  if (!existsSync(preloadFile)) throw new Error(`${preloadFile} is missing: run npm run build first (npm test does).`);
  return { bytes: statSync(preloadFile).size, text: readFileSync(preloadFile, 'utf8') };
}

/** The entry JS as text (to look for what must not be in it). */
export function readEntryText(): string {
  return readRendererSizes()
    .entry.map((a) => readFileSync(join(rendererDir, a.file), 'utf8'))
    .join('\n');
}
