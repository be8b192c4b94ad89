// `npm test`: the whole check — lint, types, build and every vitest project — in two lanes, so
// that a 2-core machine keeps both cores busy: the browser tests mostly wait (on Chromium, on a
// host process, on a thank-you screen) while the other lane computes.
//   unit: eslint → tsc → vitest on two workers: backend, renderer, central-web, central, sync, sync-files, e2e-system
//   e2e:  build (skipped when dist/ was built from the same inputs) → vitest: e2e (the screens)
//   scan: after the build, Electronegativity over the shell's bundles and sources
//         (build/electronegativity.ts): any finding at MEDIUM or above fails the check
// Each lane stops at its first failure; the check fails if any lane does, and says which
// step. At the end it prints the ten slowest test files of the run and the time against the
// budget (README, "Tests"), so a regression is seen the day it lands.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { root } from './build-if-needed.ts';

/**
 * Wall-clock budget of `npm test` on a 2-core machine (README, "Tests"): 151 s measured on a
 * fresh clone when it was set, plus room for a slower machine; over it, a warning.
 */
const CHECK_BUDGET_SECONDS = 180;
const reportDir = join(root, 'test-output', 'check');

interface Step {
  name: string;
  /** A command; 'build' is build/build-if-needed.ts, whose outcome `after` waits on. */
  run: readonly string[] | 'build';
  /** Start only after this promise (the build) has settled successfully. */
  after?: Promise<boolean>;
}

const vitest = (lane: string, projects: string[], extra: string[] = []): string[] => [
  process.execPath,
  join(root, 'node_modules', 'vitest', 'vitest.mjs'),
  'run',
  ...extra,
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(reportDir, `${lane}.json`)}`,
];
const npmRun = (script: string): string[] => ['npm', 'run', '--silent', script];

let resolveBuilt: (ok: boolean) => void = () => undefined;
const built = new Promise<boolean>((resolve) => (resolveBuilt = resolve));

const lanes: Record<string, Step[]> = {
  unit: [
    { name: 'lint', run: npmRun('lint') },
    { name: 'typecheck', run: npmRun('typecheck') },
    // Waits for the other lane's build: e2e-system starts the built host. Two workers: the e2e
    // lane mostly waits on Chromium and timers, leaving a core to share.
    {
      name: 'unit tests',
      run: vitest('unit', ['backend', 'renderer', 'central-web', 'central', 'sync', 'sync-files', 'e2e-system'], ['--maxWorkers=100%']),
      after: built,
    },
  ],
  e2e: [
    { name: 'build', run: 'build' },
    { name: 'end-to-end tests', run: vitest('e2e', ['e2e']) },
  ],
  // A lane of its own, so that its findings are reported whatever the tests do, and the tests run
  // whatever it finds. About ten seconds of one core.
  scan: [{ name: 'electronegativity', run: [process.execPath, join(root, 'build', 'electronegativity.ts')], after: built }],
};

/** Copies a child's output line by line, each line tagged with its lane. */
function tagged(lane: string, stream: NodeJS.ReadableStream, out: NodeJS.WriteStream): void {
  const tag = `${lane.padEnd(4)} │ `;
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) out.write(`${tag}${line}\n`);
  });
  stream.on('end', () => partial !== '' && out.write(`${tag}${partial}\n`));
}

const children = new Set<ReturnType<typeof spawn>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(130);
  });
}

function runCommand(lane: string, command: readonly string[]): Promise<boolean> {
  const [file = '', ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
    });
    children.add(child);
    tagged(lane, child.stdout, process.stdout);
    tagged(lane, child.stderr, process.stderr);
    child.on('error', (error) => {
      process.stderr.write(`${lane} │ ${file}: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code) => {
      children.delete(child);
      resolve(code === 0);
    });
  });
}

async function runLane(lane: string, steps: Step[]): Promise<string | undefined> {
  for (const step of steps) {
    if (step.after !== undefined && !(await step.after)) return `${step.name} (waits for the build, which failed)`;
    const started = performance.now();
    process.stdout.write(`${lane.padEnd(4)} │ ==> ${step.name}\n`);
    let ok: boolean;
    if (step.run === 'build') {
      ok = await runCommand(lane, [process.execPath, join(root, 'build', 'build-if-needed.ts')]);
      resolveBuilt(ok);
    } else {
      ok = await runCommand(lane, step.run);
    }
    process.stdout.write(`${lane.padEnd(4)} │ <== ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    if (!ok) return step.name;
  }
  return undefined;
}

const vitestReport = z.object({
  testResults: z.array(z.object({ name: z.string(), startTime: z.number(), endTime: z.number(), status: z.string() })),
});

/** The slowest test files of both lanes, from vitest's JSON reports (absent when a lane stopped early). */
function slowestFiles(count: number): string[] {
  const files = Object.keys(lanes).flatMap((lane) => {
    try {
      const report = vitestReport.parse(JSON.parse(readFileSync(join(reportDir, `${lane}.json`), 'utf8')));
      return report.testResults.map((r) => ({ lane, file: relative(root, r.name), seconds: (r.endTime - r.startTime) / 1000 }));
    } catch {
      return [];
    }
  });
  return files
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count)
    .map((f) => `  ${f.seconds.toFixed(1).padStart(6)} s  ${f.lane.padEnd(4)}  ${f.file}`);
}

rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const started = performance.now();
const failures = await Promise.all(Object.entries(lanes).map(([lane, steps]) => runLane(lane, steps)));
const seconds = (performance.now() - started) / 1000;

const slowest = slowestFiles(10);
if (slowest.length > 0) process.stdout.write(`\nThe ten slowest test files:\n${slowest.join('\n')}\n`);
const failed = Object.keys(lanes).flatMap((lane, i) => (failures[i] === undefined ? [] : [`${lane}: ${failures[i]}`]));
const timing = `${seconds.toFixed(0)} s (budget ${CHECK_BUDGET_SECONDS} s)`;
if (failed.length > 0) {
  process.stdout.write(`\nnpm test FAILED after ${timing}: ${failed.join('; ')}\n`);
  process.exit(1);
}
process.stdout.write(`\nnpm test passed in ${timing}.\n`);
if (seconds > CHECK_BUDGET_SECONDS) process.stdout.write(`Over the budget: find the cause in the slowest files above before adding more.\n`);
