// `node build/electronegativity.ts`: Electronegativity (Doyensec's scanner for Electron
// misconfigurations, 1.10.3) over the shell as it ships; a step of `npm test` (build/check.ts).
// Fails on any finding at MEDIUM or above, printed with where it is and why it matters.
//
// What is scanned, staged in test-output/electronegativity/scan/ as one input (so the tool's
// global checks — CSP, permission handler, navigation limits — see the whole app at once):
//   bundle/main.js, bundle/preload.js   the built main process and preload (dist/electron/*.cjs;
//                                       the tool reads only .js/.ts/.html, not .cjs)
//   esm/main.js, esm/preload.js         the same entries bundled as ESM, here only: in the CommonJS
//                                       bundle `new BrowserWindow` reads `new import_electron.
//                                       BrowserWindow`, which the tool's name-based checks (preload,
//                                       auxclick, webPreferences) do not recognise; ESM keeps the names
//   renderer/index.html                 the built page (its Content-Security-Policy)
//   src/electron/shell/**               the shell's sources, wherever its parser (older than some
//                                       TypeScript syntax here) can read them; a source it cannot
//                                       parse is reported and left to the bundle, which it always can
//
// Exceptions: only the tool's own comment, on the line of the finding, with the reason beside it:
//     preload: paths.preload, // eng-disable PRELOAD_JS_CHECK — reviewed: exposes one function per contract method
//     const win = new BrowserWindow({ // eng-disable CHECK_ID — why
//     call(/* eng-disable CHECK_ID — why */ argument)
// esbuild keeps such comments in the bundles (build/bundle.ts does not minify the shell) but prints
// them on a line of their own after the line they were on; the staging joins each `eng-disable`
// comment standing alone on a line back to the line before it, so the tool's same-line rule reads
// the bundle as it reads the source. esbuild drops a comment after a statement's `;`, so write one
// as above: at the end of a property's line, or after an opening `{` or `(`.
//
// Left out: AvailableSecurityFixesGlobalCheck, which downloads Electron's release list (with no
// timeout) to judge the version in a package.json; the check must run offline and none is staged.
// Electron's version is given to the tool from node_modules/electron.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { buildIfNeeded, root } from './build-if-needed.ts';

interface Level {
  value: number;
  name: string;
}
export interface EngIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: Level;
  confidence: Level;
  manualReview?: boolean;
  description: string;
  shortenedURL?: string;
  sample?: string;
}
interface EngResult {
  issues: EngIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type EngRun = (options: Record<string, unknown>, forCli: boolean) => Promise<EngResult>;

/** The tool's MEDIUM: a finding at this severity or above fails `npm test`. */
export const FAIL_AT = 2;
const ENG_DISABLE_ALONE = /^\s*(\/\/.*\beng-disable\b.*|\/\*.*\beng-disable\b.*\*\/)\s*$/;

/**
 * A bundle as the scanner should read it: each line holding only an `eng-disable` comment joined
 * to the line before it (where esbuild found it). Returns the text and, per staged line, the
 * bundle's own line number, so findings are reported against dist/.
 */
export function rejoinEngDisableComments(text: string): { text: string; bundleLine: number[] } {
  const out: string[] = [];
  const bundleLine: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (out.length > 0 && ENG_DISABLE_ALONE.test(line)) {
      out[out.length - 1] = `${out[out.length - 1] ?? ''} ${line.trim()}`;
      return;
    }
    out.push(line);
    bundleLine.push(index + 1);
  });
  return { text: out.join('\n'), bundleLine };
}

export const failing = (issues: readonly EngIssue[]): EngIssue[] => issues.filter((i) => i.severity.value >= FAIL_AT);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

async function main(): Promise<void> {
  buildIfNeeded();
  const outDir = join(root, 'test-output', 'electronegativity');
  const scanDir = join(outDir, 'scan');
  rmSync(outDir, { recursive: true, force: true });

  /** Staged path (relative to scanDir) → how to name it in the report. */
  const origin = new Map<string, (line: number) => string>();
  const stage = (to: string, text: string, name: (line: number) => string) => {
    mkdirSync(dirname(join(scanDir, to)), { recursive: true });
    writeFileSync(join(scanDir, to), text);
    origin.set(to, name);
  };
  for (const bundle of ['main', 'preload']) {
    const from = join(root, 'dist', 'electron', `${bundle}.cjs`);
    const { text, bundleLine } = rejoinEngDisableComments(readFileSync(from, 'utf8'));
    stage(join('bundle', `${bundle}.js`), text, (line) => `dist/electron/${bundle}.cjs:${bundleLine[line - 1] ?? line}`);
  }
  for (const bundle of ['main', 'preload']) {
    const esm = await build({
      entryPoints: [join(root, 'electron', 'shell', `${bundle}.ts`)],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      packages: 'external',
      write: false,
      logLevel: 'warning',
    });
    const { text } = rejoinEngDisableComments(esm.outputFiles[0]?.text ?? '');
    const at = relative(root, join(scanDir, 'esm', `${bundle}.js`));
    stage(join('esm', `${bundle}.js`), text, (line) => `electron/shell/${bundle}.ts bundled as ESM for the scan, ${at}:${line}`);
  }
  stage(join('renderer', 'index.html'), readFileSync(join(root, 'dist', 'renderer', 'index.html'), 'utf8'), (line) => `dist/renderer/index.html:${line}`);
  for (const source of filesUnder(join(root, 'electron', 'shell')).filter((f) => /\.tsx?$/.test(f))) {
    const rel = relative(root, source);
    mkdirSync(dirname(join(scanDir, 'src', rel)), { recursive: true });
    copyFileSync(source, join(scanDir, 'src', rel));
    origin.set(join('src', rel), (line) => `${rel}:${line}`);
  }

  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const require = createRequire(import.meta.url);
  useBundledTranslations(require);
  const run = require('@doyensec/electronegativity/dist/runner.js') as EngRun;
  const result = await run(
    { input: scanDir, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], parserPlugins: [] },
    false,
  );
  const where = (issue: EngIssue) => {
    if (issue.file === 'N/A') return '(whole app)';
    return origin.get(issue.file)?.(issue.location.line) ?? `${issue.file}:${issue.location.line}`;
  };
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(result.issues.map((i) => ({ ...i, where: where(i) })), null, 2)}\n`);

  for (const error of result.errors) {
    const rel = relative(scanDir, error.file);
    const label = origin.get(rel)?.(0).replace(/:0$/, '') ?? rel;
    process.stdout.write(`electronegativity: ${label} not parsed (${error.message.split('\n')[0] ?? ''})${rel.startsWith('src') ? ' — left to the bundle' : ''}\n`);
  }
  const below = result.issues.filter((i) => i.severity.value < FAIL_AT);
  for (const issue of below) {
    process.stdout.write(`electronegativity: below MEDIUM, not failing: ${issue.id} ${issue.severity.name}/${issue.confidence.name} at ${where(issue)}\n`);
  }
  const bad = failing(result.issues);
  // A source the parser cannot read is covered by its bundle; a bundle it cannot read is not scanned at all.
  const bundleErrors = result.errors.filter((e) => !e.tolerable && !relative(scanDir, e.file).startsWith('src'));
  if (bad.length === 0 && bundleErrors.length === 0) {
    process.stdout.write(`electronegativity: 0 findings at MEDIUM or above (Electron ${electronVersion}; report: ${relative(root, join(outDir, 'report.json'))}).\n`);
    return;
  }
  process.stdout.write(`\nelectronegativity: ${bad.length} finding(s) of ${new Set(bad.map((i) => i.id)).size} check(s) at MEDIUM or above — fix them, or if one is reviewed and accepted, put the tool's own\n`);
  process.stdout.write(`comment on its line with the reason beside it: // eng-disable CHECK_ID — why it is acceptable\n\n`);
  // One entry per check, with every place it was found (a source, its ESM and its shipped bundle).
  const byCheck = new Map<string, EngIssue[]>();
  for (const issue of bad) byCheck.set(issue.id, [...(byCheck.get(issue.id) ?? []), issue]);
  for (const [id, issues] of byCheck) {
    const first = issues[0];
    if (first === undefined) continue;
    const review = first.manualReview === true ? ' (review required)' : '';
    process.stdout.write(`  ${id} ${first.severity.name}/${first.confidence.name}${review}: ${first.description}${first.shortenedURL === undefined ? '' : `  ${first.shortenedURL}`}\n`);
    for (const issue of issues) process.stdout.write(`    at ${where(issue)}\n`);
  }
  for (const error of bundleErrors) process.stdout.write(`  a built bundle the tool could not parse: ${relative(scanDir, error.file)}\n`);
  process.exitCode = 1;
}

/**
 * The tool's i18n module fetches newer translations from the internet before every scan (up to
 * 1 s). `npm test` sends no traffic beyond 127.0.0.1, so that module is replaced, before the
 * runner loads it, by one that sets up the same i18n library with the tool's bundled English.
 */
function useBundledTranslations(require: NodeJS.Require): void {
  const path = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = require('i18n') as { configure: (options: object) => void; setLocale: (locale: string) => void };
  const setUp = () => {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(path), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
    i18n.setLocale('en-US');
    return Promise.resolve();
  };
  require.cache[path] = { id: path, filename: path, loaded: true, exports: { __esModule: true, default: setUp } } as unknown as NodeJS.Module;
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
