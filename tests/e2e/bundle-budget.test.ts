// Budgets on what `npm run build` wrote (npm test builds before this project runs; a missing
// dist/ fails here, it never skips). The citizen screen starts from the entry chunk alone, so
// that chunk has a budget; the staff area, dashboard, reports, IT screens and charts are
// lazily loaded chunks. The sandboxed preload carries names and channels, not schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/e2e-host';
import { kb, readEntryText, readPreloadSize, readRendererSizes, total } from '../support/bundle-sizes';

/** Issue 9: react-dom alone is ~69 KB of it. */
const ENTRY_GZIP_BUDGET = 110 * 1024;
/** One function per method name, the host's name, one event channel: a few KB. */
const PRELOAD_BUDGET = 16 * 1024;

describe('the renderer build', () => {
  it(`keeps the entry chunk (with what it preloads) within ${kb(ENTRY_GZIP_BUDGET)} gzip`, () => {
    const { entry } = readRendererSizes();
    const size = total(entry);
    const files = entry.map((a) => `${a.file} ${kb(a.gzipBytes)}`).join(', ');
    expect(size, `entry JS is ${kb(size)} gzip, over the budget of ${kb(ENTRY_GZIP_BUDGET)} (${files})`).toBeLessThanOrEqual(ENTRY_GZIP_BUDGET);
  });

  it('loads the staff area and the charts on demand, not in the entry chunk', () => {
    const { entry, lazy } = readRendererSizes();
    expect(lazy.length, 'no lazily loaded chunk: the staff area is in the entry chunk again').toBeGreaterThan(0);
    // recharts (its wrapper's class name) and the staff screens' own words are not part of
    // the citizen's start.
    const files = entry.map((a) => a.file).join(', ');
    const text = readEntryText();
    for (const marker of ['recharts-wrapper', 'Chọn người đăng nhập', 'Ca làm việc']) {
      expect(text.includes(marker), `"${marker}" is in the entry chunk (${files})`).toBe(false);
    }
  });

  it('bundles only the Vietnamese, Latin and Latin-extended font subsets, as woff2', () => {
    const { fonts } = readRendererSizes();
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^be-vietnam-pro-(vietnamese|latin|latin-ext)-(500|700)-normal-[\w-]+\.woff2$/);
  });
});

describe('the preload bundle', () => {
  it(`carries method names and channels only: no zod, within ${kb(PRELOAD_BUDGET)}`, () => {
    const { bytes, text } = readPreloadSize();
    expect(text, 'zod is bundled into dist/electron/preload.cjs').not.toMatch(/\$?Zod[A-Z][A-Za-z]+|_zod\b/);
    expect(text).toContain('kiosk:');
    expect(bytes, `dist/electron/preload.cjs is ${kb(bytes)}, over the budget of ${kb(PRELOAD_BUDGET)}`).toBeLessThanOrEqual(PRELOAD_BUDGET);
  });
});

// build/bundle.ts: pino-roll's `require('date-fns')` (the CJS root, ~250 modules at every start)
// goes to build/shims/date-fns-for-pino-roll.ts, and date-fns is bundled from its submodules; the
// browser host and the CLI carry zod, fastify and @fastify/static too (their many files from
// node_modules were ~40 ms of every host start).
describe('the Node bundles (browser host, kiosk CLI, shell)', () => {
  const bundles = ['dist/host/browser-host.mjs', 'dist/host/kiosk-cli.mjs', 'dist/electron/main.cjs'];

  it('never load the date-fns root nor date-fns from node_modules at start', () => {
    for (const bundle of bundles) {
      const text = readFileSync(join(repoRoot, bundle), 'utf8');
      expect(text, `${bundle} loads pino-roll from node_modules (its require('date-fns') is the whole root)`).not.toMatch(/(require\(|from )"pino-roll"/);
      expect(text, `${bundle} loads date-fns at run time`).not.toMatch(/(require\(|from )"date-fns[/"]/);
      expect(text, `${bundle} lacks the shim for pino-roll`).toContain('date-fns-for-pino-roll');
    }
  });

  it('the browser host and the CLI load neither zod nor Fastify from node_modules', () => {
    for (const bundle of bundles.slice(0, 2)) {
      const text = readFileSync(join(repoRoot, bundle), 'utf8');
      expect(text, `${bundle} loads zod, fastify or @fastify/static at run time`).not.toMatch(/(require\(|from )"(zod|fastify|@fastify\/static)["/]/);
    }
  });

  it('the shim exports every name pino-roll takes from date-fns', () => {
    const utils = readFileSync(join(repoRoot, 'node_modules', 'pino-roll', 'lib', 'utils.js'), 'utf8');
    const taken = /const \{([^}]*)\} = require\('date-fns'\)/.exec(utils)?.[1];
    expect(taken, "pino-roll's lib/utils.js no longer reads `const { … } = require('date-fns')`: check the shim by hand").toBeDefined();
    const shim = readFileSync(join(repoRoot, 'build', 'shims', 'date-fns-for-pino-roll.ts'), 'utf8');
    for (const name of (taken ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '')) {
      expect(shim, `build/shims/date-fns-for-pino-roll.ts does not export ${name}`).toMatch(new RegExp(`export \\{ ${name} \\} from 'date-fns/${name}'`));
    }
  });
});
