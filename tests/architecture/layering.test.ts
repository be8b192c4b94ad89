// Where code may run is enforced by ESLint (eslint.config.js). These tests prove the rules
// bite: each forbidden import, placed in each folder, makes lint fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? 0;
}

const forbidden: [folder: string, code: string][] = [
  ['shared/probe.ts', "import { app } from 'electron';"],
  ['shared/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['shared/probe.ts', "import { join } from 'path';"],
  ['shared/probe.ts', "import Database from 'better-sqlite3';"],
  ['shared/probe.ts', "import { dispatch } from '../electron/backend/dispatch';"],
  ['electron/backend/probe.ts', "import { app } from 'electron';"],
  ['electron/backend/probe.ts', "import { CitizenScreen } from '../../renderer/src/screens/CitizenScreen';"],
  ['electron/browser-host/probe.ts', "import { ipcMain } from 'electron';"],
  ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer/src/probe.ts', "import Database from 'better-sqlite3';"],
  ['renderer/src/probe.ts', "import { openDatabase } from '../../electron/backend/database';"],
  ['central/probe.ts', "import { app } from 'electron';"],
  ['central/probe.ts', "import { openDatabase } from '../electron/backend/database';"],
  ['central/web/src/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['central/web/src/probe.ts', "import Fastify from 'fastify';"],
  ['central/web/src/probe.ts', "import { buildCentralServer } from '../../central-server';"],
  ['central/web/src/probe.ts', "import { CitizenScreen } from '../../../renderer/src/screens/CitizenScreen';"],
  ['central/web/src/probe.ts', "import { readFileSafely } from '../../../shared/node/safe-file-read';"],
  // shared/ui/ (issue 16): the charts both pages draw — browser code, imported by the pages only.
  ['shared/probe.ts', "import { TrendChart } from './ui/TrendChart';"],
  ['shared/sync/probe.ts', "import { TrendChart } from '../ui/TrendChart';"],
  ['shared/ui/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['shared/ui/probe.ts', "import { kioskToday } from '../../renderer/src/time/kiosk-time-zone';"],
  ['shared/ui/probe.ts', "import { dashboardText } from '../../central/web/src/dashboard-text';"],
  ['shared/ui/probe.ts', "import { readFileSafely } from '../node/safe-file-read';"],
  ['central/probe.ts', "import { TrendChart } from '../shared/ui/TrendChart';"],
  ['electron/backend/probe.ts', "import { TrendChart } from '../../shared/ui/TrendChart';"],
];

describe('layering', () => {
  it.each(forbidden)('lint refuses in %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(1);
  });

  it('allows electron in the shell and the contract everywhere', async () => {
    expect(await restrictedImportErrors('electron/shell/probe.ts', "import { app } from 'electron';")).toBe(0);
    expect(await restrictedImportErrors('renderer/src/probe.ts', "import { contract } from '../../shared/contract';")).toBe(0);
    expect(await restrictedImportErrors('central/web/src/probe.ts', "import { accountRoleNames } from '../../../shared/central-accounts';")).toBe(0);
    expect(await restrictedImportErrors('central/web/src/probe.tsx', "import { TrendChart } from '../../../shared/ui/TrendChart';")).toBe(0);
    expect(await restrictedImportErrors('renderer/src/probe.tsx', "import { TrendChart } from '../../shared/ui/TrendChart';")).toBe(0);
    expect(await restrictedImportErrors('shared/ui/probe.tsx', "import { BarChart } from 'recharts'; import { scales } from '../scales';")).toBe(0);
  });

  it('finds electron imported only under electron/shell/ today', () => {
    const importers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && /from 'electron'/.test(readFileSync(path, 'utf8'))) importers.push(relative(root, path));
      }
    };
    ['shared', 'electron', 'renderer'].forEach((d) => walk(join(root, d)));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((f) => !f.startsWith('electron/shell/'))).toEqual([]);
  });
});
