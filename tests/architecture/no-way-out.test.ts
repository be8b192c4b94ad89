// Nothing in the kiosk opens outside it (eslint.config.js, `noWayOutRules`): these tests prove
// the rule bites wherever the call is written and however shell.openExternal is reached.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function wayOutErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length ?? 0;
}

const forbidden: [file: string, code: string][] = [
  ['electron/shell/probe.ts', "import { shell } from 'electron';\nvoid shell.openExternal('https://example.org');"],
  ['electron/shell/probe.ts', "import * as electron from 'electron';\nvoid electron.shell.openExternal('https://example.org');"],
  ['electron/shell/probe.ts', "import * as electron from 'electron';\nconst { openExternal } = electron.shell;\nvoid openExternal('https://x');"],
  ['electron/shell/probe.ts', "import * as electron from 'electron';\nvoid electron.shell.openPath('/etc');"],
  ['electron/shell/probe.ts', "import * as electron from 'electron';\nelectron.shell.showItemInFolder('/etc');"],
  ['electron/backend/probe.ts', "declare const s: { openExternal: (u: string) => void };\ns.openExternal('https://x');"],
  ['renderer/src/probe.ts', "declare const s: { openExternal: (u: string) => void };\ns['openExternal']('https://x');"],
];

describe('no way out of the kiosk', () => {
  it.each(forbidden)('lint refuses in %s: %s', async (file, code) => {
    expect(await wayOutErrors(file, code)).toBeGreaterThanOrEqual(1);
  });

  it('leaves the shell’s ordinary Electron imports alone', async () => {
    expect(await wayOutErrors('electron/shell/probe.ts', "import { app, protocol } from 'electron';\nvoid app.whenReady();\nvoid protocol;")).toBe(0);
  });
});
