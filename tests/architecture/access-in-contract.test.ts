// Who may call a method is declared in the contract and checked by dispatch, nowhere else in
// the backend or the shell: a role check in a handler would be a second copy of the rule, free
// to drift. (The shell's Electron-only methods go through dispatch like every other.)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What a handler's own role check looks like (as the 24 removed ones, one per staff method, did). */
const checks = /\.require\s*\(|\brequireSignedIn\b|\brequireItAdmin\b|[sS]ession\.role\s*[!=]==|\.includes\(\s*\w*[sS]ession\.role\s*\)/;

describe('access lives in the contract', () => {
  it.each([
    "sessions.require(['section-head']);",
    'const actor = requireItAdmin(sessions);',
    "if (session.role !== 'officer') throw new KioskFailure('FORBIDDEN');",
    'if (!readers.includes(session.role)) return;',
  ])('the search finds a role check such as %s', (line) => {
    expect(checks.test(line)).toBe(true);
  });

  it('no handler under electron/backend or electron/shell checks a role itself', () => {
    const files = [...sources(join(root, 'electron', 'backend')), ...sources(join(root, 'electron', 'shell'))];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files
      .filter((file) => !file.endsWith(join('staff', 'staff-session.ts'))) // the guard itself
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(root, file)}:${i + 1}` }))
          .filter(({ line }) => checks.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
