// build/electronegativity.ts, the Electronegativity step of npm test: the tool's same-line
// `eng-disable` comments survive esbuild's bundle, and MEDIUM is where findings start to fail.
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { failing, rejoinEngDisableComments, type EngIssue } from '../../build/electronegativity';

const source = [
  "import { BrowserWindow, shell } from 'electron';",
  'export function open(preload: string, url: string) {',
  '  const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK — reason',
  '    webPreferences: {',
  '      preload, // eng-disable PRELOAD_JS_CHECK — reviewed',
  '      sandbox: true,',
  '    },',
  '  });',
  '  void shell.openExternal(/* eng-disable OPEN_EXTERNAL_JS_CHECK — reason */ url);',
  '  return win;',
  '}',
].join('\n');

describe('the Electronegativity step', () => {
  it("puts each eng-disable comment esbuild moved back on its construct's line", async () => {
    const { code } = await transform(source, { loader: 'ts', format: 'cjs' });
    // esbuild prints the comments on lines of their own…
    expect(code.split('\n').filter((line) => /^\s*(\/\/|\/\*).*eng-disable/.test(line))).toHaveLength(3);
    const { text, bundleLine } = rejoinEngDisableComments(code);
    const lines = text.split('\n');
    // …and the staging joins them back to the line the tool reports the finding on.
    expect(lines.find((l) => l.includes('AUXCLICK_JS_CHECK'))).toMatch(/new import_electron\.BrowserWindow\(\{ \/\/ eng-disable AUXCLICK_JS_CHECK/);
    expect(lines.find((l) => l.includes('PRELOAD_JS_CHECK'))).toMatch(/^\s*preload, \/\/ eng-disable PRELOAD_JS_CHECK — reviewed$/);
    expect(lines.find((l) => l.includes('OPEN_EXTERNAL_JS_CHECK'))).toMatch(/openExternal\( \/\* eng-disable OPEN_EXTERNAL_JS_CHECK/);
    // Findings are still named by the bundle's own line numbers.
    expect(bundleLine).toHaveLength(lines.length);
    const at = lines.findIndex((l) => l.includes('return win'));
    expect(code.split('\n')[(bundleLine[at] ?? 0) - 1]).toContain('return win');
  });

  it('leaves every other comment and line alone', () => {
    const text = 'a();\n// an ordinary comment\nb(); // eng-disable X already on its line\n';
    expect(rejoinEngDisableComments(text).text).toBe(text);
  });

  it('fails on MEDIUM and HIGH findings, reports LOW and INFORMATIONAL', () => {
    const issue = (name: string, value: number): EngIssue => ({
      id: name,
      file: 'x.js',
      location: { line: 1, column: 0 },
      severity: { name, value },
      confidence: { name: 'CERTAIN', value: 2 },
      description: '',
    });
    const all = [issue('INFORMATIONAL', 0), issue('LOW', 1), issue('MEDIUM', 2), issue('HIGH', 3)];
    expect(failing(all).map((i) => i.id)).toEqual(['MEDIUM', 'HIGH']);
  });
});
