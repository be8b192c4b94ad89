// Lint enforces where code may run (see docs/ARCHITECTURE.md):
//   shared/            pure TypeScript: no Node, no DOM-only APIs, no Electron
//   shared/node/       Node-only helpers for the kiosk backend and central (node: built-ins);
//                      never imported by pure shared/ code or the renderer
//   shared/ui/         browser React pieces both pages draw (the kiosk's renderer, central's web
//                      page): shared/, react, recharts; never imported by pure shared/ or Node code
//   electron/backend/  plain Node: never Electron
//   electron/browser-host/ plain Node: never Electron
//   electron/shell/    the only folder allowed to import 'electron'
//   renderer/          browser: no Node built-ins, no Electron, no backend code
//   central/           plain Node server: shared/ only, never the kiosk backend, UI or Electron
//   central/web/       central's web page: browser code like renderer/ (its vite.config.ts aside)
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'fastify', '@fastify/*', 'pino', 'pino-*'];

const names = (list, message) => list.map((name) => ({ name, message }));
// Everywhere: date-fns's root index loads its ~250 modules (~0.8 s at every start of the
// browser host and the CLIs); import one function from its own path instead.
const everywhere = names(['date-fns'], "Import one function from its path (date-fns/format): the root loads every module and slows every start.");
// Nothing in the kiosk opens outside it: shell.openExternal (or openPath, showItemInFolder) would
// hand a URL or file to the OS — a way out of the kiosk. Banned however it is reached
// (electron.shell.openExternal, a destructured openExternal, an import of `shell`).
const noWayOut = 'The kiosk never opens anything outside itself (docs/DECISIONS.md, "The shell locked down").';
const outsideOpeners = ['openExternal', 'openPath', 'showItemInFolder'];
const noWayOutRules = {
  'no-restricted-syntax': [
    'error',
    ...outsideOpeners.flatMap((name) => [
      { selector: `MemberExpression[property.name='${name}']`, message: noWayOut },
      { selector: `MemberExpression[property.value='${name}']`, message: noWayOut },
      { selector: `Property[key.name='${name}']`, message: noWayOut },
    ]),
    { selector: "ImportDeclaration[source.value='electron'] ImportSpecifier[imported.name='shell']", message: noWayOut },
  ],
};
const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths: [...paths, ...everywhere], patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      ...restrict([]),
      ...noWayOutRules,
    },
  },
  {
    files: ['shared/**'],
    rules: restrict(
      [...names([...nodeBuiltins, 'electron', 'react', 'react-dom'], 'shared/ is pure: no Node, DOM or Electron.'),
        ...names(['better-sqlite3', 'fastify', 'pino'], 'shared/ is pure: no Node packages.')],
      [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing else in the project.' },
        { group: ['**/node/*', './node/*'], message: 'shared/ is pure: shared/node/ is for the kiosk backend and central only.' },
        { group: ['**/ui/*', './ui/*'], message: 'shared/ is pure: shared/ui/ is for the two browser pages only.' }],
    ),
  },
  {
    // The React pieces the kiosk's renderer and central's web page both draw (the charts): browser code.
    files: ['shared/ui/**'],
    rules: restrict(names([...nodeBuiltins, 'electron'], 'shared/ui/ runs in a browser: no Node, no Electron.'), [
      { group: nodeOnlyPackages, message: 'shared/ui/ runs in a browser: no Node packages.' },
      { group: ['**/electron/**', '**/renderer/**', '**/central/**'], message: 'shared/ui/ depends on shared/ only: both pages import it.' },
      { group: ['**/node/*', '../node/*'], message: 'shared/ui/ runs in a browser: shared/node/ is Node-only.' },
    ]),
  },
  {
    files: ['shared/node/**'],
    rules: restrict(
      [...names(['electron', 'react', 'react-dom'], 'shared/node/ is plain Node: no DOM or Electron.'),
        ...names(['better-sqlite3', 'fastify', 'pino'], 'shared/node/ uses Node built-ins only.')],
      [{ group: ['**/electron/**', '**/renderer/**', '**/central/**'], message: 'shared/node/ depends on nothing else in the project but shared/.' }],
    ),
  },
  {
    files: ['electron/backend/**', 'electron/browser-host/**'],
    rules: restrict(names(['electron'], 'Only electron/shell/ may import electron: the backend is plain Node.'), [
      { group: ['**/renderer/**', '**/shell/**', '**/shared/ui/**'], message: 'The backend must not depend on the UI or the shell.' },
    ]),
  },
  {
    files: ['central/**'],
    rules: restrict(names(['electron'], 'central/ is a plain Node server: never Electron.'), [
      { group: ['**/electron/**', '**/renderer/**'], message: 'central/ reuses shared/ only, never the kiosk backend or UI.' },
      { group: ['**/shared/ui/**'], message: "central/'s server never draws: shared/ui/ is for the web page (central/web/)." },
    ]),
  },
  {
    files: ['renderer/**'],
    rules: restrict(names([...nodeBuiltins, 'electron'], 'renderer/ runs in a browser: no Node, no Electron.'), [
      { group: nodeOnlyPackages, message: 'renderer/ runs in a browser: no Node packages.' },
      { group: ['**/electron/**'], message: 'renderer/ reaches the backend only through the contract client.' },
      { group: ['**/shared/node/**'], message: 'renderer/ runs in a browser: shared/node/ is Node-only.' },
    ]),
  },
  {
    // Central's web page runs in a browser: the renderer's rules, and never the kiosk's UI or central's server code.
    files: ['central/web/**'],
    ignores: ['central/web/vite.config.ts'],
    rules: restrict(names([...nodeBuiltins, 'electron'], 'central/web/ runs in a browser: no Node, no Electron.'), [
      { group: nodeOnlyPackages, message: 'central/web/ runs in a browser: no Node packages.' },
      { group: ['**/electron/**', '**/renderer/**'], message: 'central/web/ reuses shared/ only, never the kiosk.' },
      { group: ['**/shared/node/**'], message: 'central/web/ runs in a browser: shared/node/ is Node-only.' },
      { regex: '^\\.\\./\\.\\./(?!\\.\\./)', message: 'central/web/ reaches central only over HTTP (central-api.ts).' },
    ]),
  },
  {
    files: ['renderer/**/*.tsx', 'tests/renderer/**', 'central/web/**/*.tsx', 'tests/central-web/**', 'shared/ui/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
