// shared/node/ (issue 10): Node-only helpers the kiosk backend and central both import. Lint
// keeps pure shared/ and the renderer away from it, and it away from every other folder.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? 0;
}

describe('shared/node layer', () => {
  it.each([
    ['shared/probe.ts', "import { readRegularFile } from './node/safe-file-read';"],
    ['shared/sync-files/probe.ts', "import { readRegularFile } from '../node/safe-file-read';"],
    ['renderer/src/probe.ts', "import { readRegularFile } from '../../shared/node/safe-file-read';"],
    ['shared/node/probe.ts', "import { openDatabase } from '../../electron/backend/database';"],
    ['shared/node/probe.ts', "import { centralSigningKey } from '../../central/signing-key';"],
    ['shared/node/probe.ts', "import { app } from 'electron';"],
  ])('lint refuses in %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(1);
  });

  it.each([
    ['shared/node/probe.ts', "import { openSync } from 'node:fs';"],
    ['shared/node/probe.ts', "import { refuse } from '../sync-files/rejections';"],
    ['central/probe.ts', "import { readRegularFile } from '../shared/node/safe-file-read';"],
    ['electron/backend/cli/probe.ts', "import { readRegularFile } from '../../../shared/node/safe-file-read';"],
  ])('lint allows in %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(0);
  });
});
