// Vite builds the renderer; vitest runs its projects (backend, renderer, central, sync, e2e) from here.
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const define = { KIOSK_APP_VERSION: JSON.stringify(version) };
// How the backend, central and sync tests run:
//  - in worker threads rather than child processes: a test file starts in about half the time;
//  - with their throwaway SQLite files on tmpfs where the machine has one with 1 GiB free: fsync
//    costs nothing there and nothing else changes (same files, same pragmas, synchronous=FULL).
//    The crash rounds (e2e-system) write under test-output/ on the real disk; so do the benchmarks.
const roomyTmpfs = (dir: string) => {
  if (!existsSync(dir)) return false;
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize >= 2 ** 30;
};
const unitTests = { pool: 'threads', ...(roomyTmpfs('/dev/shm') ? { env: { TMPDIR: '/dev/shm' } } : {}) } as const;

/** End-to-end files that drive the whole system rather than one screen (project e2e-system). */
const systemFlows = ['tests/e2e/crash-safety.test.ts', 'tests/e2e/sync-to-central.test.ts'];

export default defineConfig({
  root: 'renderer',
  base: './', // relative asset URLs: the same build loads from app://kiosk/ (Electron) and http:// (browser mode)
  plugins: [react()],
  define,
  // The citizen screen starts from the entry chunk alone (budget: tests/e2e/bundle-budget.test.ts);
  // the staff area (KioskApp.tsx) and the contract's schemas with zod (api/kiosk-client.ts) are
  // chunks loaded on demand. Everything is loaded from disk or loopback, so the big staff chunk
  // (recharts) needs no warning.
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
    // zod in a chunk named after it (else it rides in a chunk named after a shared module).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, includeDependenciesRecursively: false }] } } },
  },
  test: {
    root: '.',
    projects: [
      {
        define,
        test: { name: 'backend', environment: 'node', include: ['tests/backend/**/*.test.ts', 'tests/architecture/**/*.test.ts'], ...unitTests },
      },
      {
        plugins: [react()],
        define,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.tsx'],
          setupFiles: ['tests/support/renderer-setup.ts'],
          pool: 'threads',
        },
      },
      {
        // Central's web page (issue 16, central/web/): its components in jsdom, like the renderer's.
        plugins: [react()],
        test: {
          name: 'central-web',
          environment: 'jsdom',
          include: ['tests/central-web/**/*.test.tsx'],
          setupFiles: ['tests/support/renderer-setup.ts'],
          pool: 'threads',
          // Whole views with charts in jsdom take 1–2 s alone and 5–7 s on two cores busy with the
          // other lane; the timeout guards against a hang, it is not a speed target (that is bench).
          testTimeout: 20_000,
        },
      },
      {
        define,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: systemFlows,
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One browser at a time in this project: its files run one after another.
          fileParallelism: false,
        },
      },
      {
        define,
        // Whole-system flows: the crash rounds (host processes killed over and over, a page every
        // tenth round) and sync to a real central. Their own project so `npm test` runs them in
        // the other lane, beside the screens (build/check.ts). The IT admin's flow stays with the
        // screens: its progress bar is watched frame by frame, which a busy core blurs.
        test: { name: 'e2e-system', environment: 'node', include: systemFlows, testTimeout: 600_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: 'central',
          environment: 'node',
          include: ['tests/central/**/*.test.ts'],
          // One throwaway PostgreSQL per run, shared with sync-files (or CENTRAL_TEST_DATABASE_URL), handed over by inject().
          globalSetup: ['tests/support/postgres-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          ...unitTests,
        },
      },
      {
        define,
        test: {
          name: 'sync',
          environment: 'node',
          include: ['tests/sync/**/*.test.ts'],
          testTimeout: 300_000,
          ...unitTests,
        },
      },
      {
        define,
        test: {
          name: 'sync-files',
          environment: 'node',
          include: ['tests/sync-files/**/*.test.ts'],
          globalSetup: ['tests/support/postgres-server.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
          ...unitTests,
        },
      },
      {
        define,
        // `npm run bench` only; never part of npm test.
        test: { name: 'bench', environment: 'node', include: ['tests/bench/**/*.measure.ts'], testTimeout: 1_800_000 },
      },
    ],
  },
});
