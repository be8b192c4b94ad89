// electron-builder.yml, checked without building an installer (the Electron binary cannot be
// downloaded here): valid against electron-builder's own configuration schema, and naming what
// issue 13 asks of a counter install — NSIS per machine (x64), AppImage and deb (x64), the fuses,
// the native module unpacked from ASAR, and only the built output shipped.
import { readFileSync, readdirSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
/** The schema electron-builder itself validates a configuration against before it builds. */
const scheme = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
// As electron-builder's own validator (app-builder-lib/out/util/config/schemaValidator.js), but
// without its coerceTypes: a "true" string where a boolean belongs is an error here.
const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);

interface TargetEntry {
  target: string;
  arch?: string[];
}
const section = (name: string) => (config[name] ?? {}) as Record<string, unknown>;
const targets = (platform: string): TargetEntry[] => {
  const target = section(platform)['target'];
  const list = Array.isArray(target) ? (target as unknown[]) : [target];
  return list.map((t) => (typeof t === 'string' ? { target: t } : (t as TargetEntry)));
};
const errorsOf = (candidate: unknown): string[] =>
  validate(candidate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's configuration schema (app-builder-lib/scheme.json)", () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('is checked by the schema for real: a misspelt fuse or a string for a boolean is refused', () => {
    expect(errorsOf({ ...config, electronFuses: { ...section('electronFuses'), runAsNodee: false } })).not.toEqual([]);
    expect(errorsOf({ ...config, nsis: { ...section('nsis'), perMachine: 'true' } })).not.toEqual([]);
  });

  it('builds an assisted per-machine NSIS installer for Windows x64', () => {
    expect(targets('win')).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(section('nsis')).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      // Never start as the installing administrator; never delete the kiosk's ratings.
      runAfterFinish: false,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds an AppImage and a deb for Linux x64', () => {
    expect(targets('linux')).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspector; cookies encrypted; only an integrity-checked app.asar; no file:// privileges', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar needs an app.asar to load.
    expect(config['asar']).not.toBe(false);
  });

  it("unpacks better-sqlite3's native binaries from the ASAR archive", () => {
    const unpack = config['asarUnpack'] as string[];
    const prebuilds = readdirSync(join(root, 'node_modules', 'better-sqlite3', 'prebuilds')).filter((f) => f.endsWith('.node'));
    expect(prebuilds).toContain('win32-x64.node');
    expect(prebuilds).toContain('linux-x64.node');
    for (const file of prebuilds) {
      const path = `node_modules/better-sqlite3/prebuilds/${file}`;
      expect(unpack.some((pattern) => matchesGlob(path, pattern)), path).toBe(true);
    }
    expect(unpack.some((pattern) => matchesGlob('node_modules/better-sqlite3/lib/index.js', pattern))).toBe(true);
  });

  describe('ships only the built output', () => {
    const files = config['files'] as string[];
    // electron-builder's rule for `files`: a path is in when the last pattern that matches it is
    // an inclusion (patterns with "!" exclude). node_modules are added by electron-builder itself
    // (production dependencies only), so they start in, and the exclusions still apply to them.
    const shipped = (path: string): boolean =>
      files.reduce((inside, pattern) => {
        const exclude = pattern.startsWith('!');
        return matchesGlob(path, exclude ? pattern.slice(1) : pattern) ? !exclude : inside;
      }, path.startsWith('node_modules/'));

    it('names only dist/ and package.json', () => {
      for (const pattern of files.filter((p) => !p.startsWith('!'))) {
        expect(pattern === 'package.json' || pattern.startsWith('dist/'), pattern).toBe(true);
      }
    });

    it.each([
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'package.json',
      'node_modules/better-sqlite3/prebuilds/win32-x64.node',
      'node_modules/better-sqlite3/lib/index.js',
    ])('ships %s', (path) => {
      expect(shipped(path)).toBe(true);
    });

    it.each([
      'electron/shell/main.ts',
      'electron/backend/kiosk-service.ts',
      'renderer/main.tsx',
      'shared/contract/index.ts',
      'central/main.ts',
      'build/bundle.ts',
      'tests/backend/electron-builder-config.test.ts',
      'test-output/check/unit.json',
      'docs/deploy.md',
      'README.md',
      'electron-builder.yml',
      'package-lock.json',
      'dist/electron/main.cjs.map',
      'dist/host/kiosk-cli.mjs',
      'dist/central/central-cli.mjs',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
    ])('does not ship %s', (path) => {
      expect(shipped(path)).toBe(false);
    });

    it("starts the app from the shipped main bundle (package.json's main)", () => {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
      const main = (config['extraMetadata'] as { main: string }).main;
      expect(main).toBe(pkg.main);
      expect(shipped(main)).toBe(true);
    });
  });
});
