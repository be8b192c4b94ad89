// `npm run build`: the renderer with Vite, the Node side with esbuild.
//   dist/renderer/          the UI (served as app://kiosk/ in Electron, by the browser host in browser mode)
//   dist/electron/main.cjs  Electron main process
//   dist/electron/preload.cjs  sandboxed preload: one self-contained file, as sandboxing requires
//   dist/host/browser-host.mjs  browser mode;  dist/host/kiosk-cli.mjs  IT staff's kiosk CLI
//   dist/central/central-cli.mjs  the reference central endpoint (serve, device, admin)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { build as esbuild, type Plugin } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildInputsHash, INPUTS_STAMP } from './build-if-needed.ts';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
const define = { KIOSK_APP_VERSION: JSON.stringify(version) };

// Hashed before building: a source saved during the build makes the next check rebuild.
const inputsHash = buildInputsHash();
await viteBuild({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });

const node = { bundle: true, platform: 'node', target: 'node22', define, sourcemap: true, logLevel: 'warning' } as const;

/**
 * date-fns at start, measured on the browser host: pino-roll (logger.ts's rotation) does
 * `require('date-fns')`, the CJS root (~250 modules, ~70–130 ms at every start of each process
 * that logs), and `date-fns/format` from node_modules is some 40 ES modules (~85 ms) on top. So
 * pino-roll is bundled (its own dependencies stay in node_modules) and its one require resolves
 * to a shim re-exporting only what it uses (build/shims/date-fns-for-pino-roll.ts), and the
 * date-fns submodules are bundled too (their ESM files): one copy for both, compiled with the bundle.
 */
const resolveFromRoot = createRequire(`${root}package.json`);
const pinoRollInPackage = `${sep}node_modules${sep}pino-roll${sep}`;
const pinoRollWithoutDateFnsRoot: Plugin = {
  name: 'pino-roll-without-date-fns-root',
  setup(build) {
    build.onResolve({ filter: /^pino-roll$/ }, () => ({ path: resolveFromRoot.resolve('pino-roll') }));
    build.onResolve({ filter: /^date-fns$/ }, (args) =>
      args.importer.includes(pinoRollInPackage) ? { path: `${root}build/shims/date-fns-for-pino-roll.ts` } : undefined,
    );
    // `date-fns/<name>` → its ES module file (package.json's "import" export), bundled.
    build.onResolve({ filter: /^date-fns\/\w+$/ }, (args) => ({ path: `${root}node_modules/${args.path}.js` }));
  },
};
/** The bundled pino-roll is CommonJS: in an ES module bundle its require()s need a `require`. */
const esmRequire = { js: "import { createRequire as __kioskCreateRequire } from 'node:module';\nconst require = __kioskCreateRequire(import.meta.url);" };
const logging = { plugins: [pinoRollWithoutDateFnsRoot] };
await Promise.all([
  // Dependencies stay in node_modules (better-sqlite3 is native; electron-builder packs them).
  esbuild({ ...node, entryPoints: [`${root}electron/shell/main.ts`], outfile: `${root}dist/electron/main.cjs`, format: 'cjs', packages: 'external', ...logging }),
  // The shell's two bundles are not minified: esbuild keeps the comments a minifier drops, so the
  // Electronegativity step of npm test (build/electronegativity.ts) honours their `eng-disable`s.
  esbuild({ ...node, entryPoints: [`${root}electron/shell/preload.ts`], outfile: `${root}dist/electron/preload.cjs`, format: 'cjs', external: ['electron'] }),
  esbuild({ ...node, entryPoints: [`${root}electron/browser-host/main.ts`], outfile: `${root}dist/host/browser-host.mjs`, format: 'esm', packages: 'external', ...logging, banner: esmRequire }),
  esbuild({ ...node, entryPoints: [`${root}electron/backend/cli/main.ts`], outfile: `${root}dist/host/kiosk-cli.mjs`, format: 'esm', packages: 'external', ...logging, banner: esmRequire }),
  esbuild({ ...node, entryPoints: [`${root}central/main.ts`], outfile: `${root}dist/central/central-cli.mjs`, format: 'esm', packages: 'external' }),
]);

// npm start, the CLIs and npm test skip the next build while the inputs still hash to this.
writeFileSync(INPUTS_STAMP, `${inputsHash}\n`);
