// `npm run build`: the renderer with Vite, the Node side with esbuild.
//   dist/renderer/          the UI (served as app://kiosk/ in Electron, by the browser host in browser mode)
//   dist/central-web/       central's web page (central/web/), served at / by `central serve`
//   dist/electron/main.cjs  Electron main process
//   dist/electron/preload.cjs  sandboxed preload: one self-contained file, as sandboxing requires
//   dist/host/browser-host.mjs  browser mode;  dist/host/kiosk-cli.mjs  IT staff's kiosk CLI
//   dist/central/central-cli.mjs  the reference central endpoint (serve, device, admin)
import { readFileSync, writeFileSync } from 'node:fs';
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
await viteBuild({ configFile: `${root}central/web/vite.config.ts`, logLevel: 'warn' });

const node = { bundle: true, platform: 'node', target: 'node22', define, sourcemap: true, logLevel: 'warning' } as const;

/**
 * What the Node bundles take from node_modules at run time, and what they carry inside. Every
 * package our code imports stays in node_modules (better-sqlite3 is native; electron-builder
 * packs them), except `inline`: those are bundled with everything they import in turn (resolved
 * by esbuild from the importer, so a nested version is the one used), but for `shared`, kept
 * in node_modules so one copy serves everyone. Why, measured on the browser host on a data folder
 * after 100 crash-safety rounds (CPU to KIOSK_URL, median of 15 starts: 470 ms before):
 *  - pino-roll (logger.ts's rotation) does `require('date-fns')`: the CJS root, ~250 modules,
 *    ~70–130 ms at every start of each process that logs. pino-roll is bundled and that one
 *    require resolves to a shim of the five functions it uses (build/shims/date-fns-for-pino-roll.ts);
 *  - `date-fns/format` from node_modules is some 40 ES modules (~85 ms): bundled (one copy for
 *    both) — with the shim, 470 → 290 ms;
 *  - zod (ES modules), fastify and @fastify/static (hundreds of CommonJS files): 290 → 250 ms.
 */
interface Bundling {
  inline: readonly string[];
  shared: readonly string[];
}

const pinoRollInPackage = `${sep}node_modules${sep}pino-roll${sep}`;
const inNodeModules = `${sep}node_modules${sep}`;

function packageName(path: string): string {
  const parts = path.split('/');
  return (path.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

function dependencies({ inline, shared }: Bundling): Plugin {
  return {
    name: 'kiosk-dependencies',
    setup(build) {
      build.onResolve({ filter: /^date-fns$/ }, (args) =>
        args.importer.includes(pinoRollInPackage) ? { path: `${root}build/shims/date-fns-for-pino-roll.ts` } : undefined,
      );
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        const name = packageName(args.path);
        if (shared.includes(name)) return { path: args.path, external: true };
        // From inside a bundled package: bundled too (a Node builtin such as 'fs' stays external by itself).
        if (args.importer.includes(inNodeModules)) return undefined;
        return inline.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** Bundled CommonJS packages call require(): in an ES module bundle they need a `require`. */
const esmRequire = { js: "import { createRequire as __kioskCreateRequire } from 'node:module';\nconst require = __kioskCreateRequire(import.meta.url);" };
/** One pino for the logger and Fastify; better-sqlite3 is native. */
const shared = ['pino', 'better-sqlite3'];
const shell = { plugins: [dependencies({ inline: ['pino-roll', 'date-fns'], shared })] };
/**
 * What Fastify requires only on demand and the browser host never asks for (its routes carry no
 * JSON schema: browser-host.ts gives Fastify its own compilers; no inject()): left in
 * node_modules, so ~0.6 MB of the bundle is not parsed at every start.
 */
const neverLoadedByTheHost = ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request'];
const host = {
  plugins: [dependencies({ inline: ['pino-roll', 'date-fns', 'zod', 'fastify', '@fastify/static'], shared: [...shared, ...neverLoadedByTheHost] })],
  banner: esmRequire,
};
await Promise.all([
  esbuild({ ...node, entryPoints: [`${root}electron/shell/main.ts`], outfile: `${root}dist/electron/main.cjs`, format: 'cjs', ...shell }),
  // The shell's two bundles are not minified: esbuild keeps the comments a minifier drops, so the
  // Electronegativity step of npm test (build/electronegativity.ts) honours their `eng-disable`s.
  esbuild({ ...node, entryPoints: [`${root}electron/shell/preload.ts`], outfile: `${root}dist/electron/preload.cjs`, format: 'cjs', external: ['electron'] }),
  esbuild({ ...node, entryPoints: [`${root}electron/browser-host/main.ts`], outfile: `${root}dist/host/browser-host.mjs`, format: 'esm', ...host }),
  esbuild({ ...node, entryPoints: [`${root}electron/backend/cli/main.ts`], outfile: `${root}dist/host/kiosk-cli.mjs`, format: 'esm', ...host }),
  esbuild({ ...node, entryPoints: [`${root}central/main.ts`], outfile: `${root}dist/central/central-cli.mjs`, format: 'esm', packages: 'external' }),
]);

// npm start, the CLIs and npm test skip the next build while the inputs still hash to this.
writeFileSync(INPUTS_STAMP, `${inputsHash}\n`);
