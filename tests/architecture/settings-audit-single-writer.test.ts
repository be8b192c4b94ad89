// Settings audit rows have one writer: `saveSettingsAudited` in settings-audit-repo.ts. Another
// INSERT INTO settings_audit would be a new copy of the audited write, free to drift (issue 10).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const writer = 'electron/backend/it-admin/settings-audit-repo.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.[cm]?[tj]sx?$/.test(entry.name) ? [path] : [];
  });
}

const insert = /INSERT\s+(?:OR\s+\w+\s+)?INTO\s+["'`]?settings_audit\b/i;

describe('one writer of the settings audit', () => {
  it.each(['INSERT INTO settings_audit (at) VALUES (?)', 'insert or ignore into "settings_audit" (key)', 'INSERT\n  INTO settings_audit'])('the search finds %j', (sql) => {
    expect(insert.test(sql)).toBe(true);
  });

  it('the migration that copies the table is not a write of audit rows', () => {
    expect(insert.test('INSERT INTO settings_audit_v5 (id) SELECT id FROM settings_audit')).toBe(false);
  });

  it('only settings-audit-repo.ts inserts into settings_audit (product code)', () => {
    const found = ['electron', 'shared', 'central', 'renderer']
      .flatMap((dir) => sources(join(root, dir)))
      .filter((file) => insert.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split('\\').join('/'));
    expect(found).toEqual([writer]);
  });

  it('the row insert is private to that module: only saveSettingsAudited is exported to write', () => {
    const text = readFileSync(join(root, writer), 'utf8');
    expect(text).not.toMatch(/export\s+function\s+insertAuditEntries/);
    expect(text).toMatch(/export\s+function\s+saveSettingsAudited/);
  });
});
