// The real central process for end-to-end tests: `dist/central/central-cli.mjs serve` on
// 127.0.0.1, SQLite in the given folder (DATABASE_URL cleared), resolved with the URL it prints.
// Every process started here is killed by killAllCentrals (afterAll).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { nodeBinary, repoRoot } from './e2e-host';

export const centralCli = join(repoRoot, 'dist', 'central', 'central-cli.mjs');
const running = new Set<ChildProcess>();

/** `serve` on `port` (0: a free one); resolves with its CENTRAL_URL, rejects if it exits first. */
export function startCentralProcess(dataDir: string, { port = 0, env = {} }: { port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const child = spawn(nodeBinary, [centralCli, 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /CENTRAL_URL=(\S+)/.exec(out)?.[1];
      if (url !== undefined) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`central exited with ${code}`)));
  });
}

export function killAllCentrals(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** The built central CLI run to its end (SQLite: DATABASE_URL cleared), `stdin` written to it; its stdout. */
export function runCentralCli(args: string[], stdin = ''): Promise<string> {
  const child = spawn(nodeBinary, [centralCli, ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`central ${args.join(' ')}: ${code}\n${err}`)))));
}

/** The machine-readable `KEY=value` lines of a CLI's output. */
export const machineLines = (stdout: string): Record<string, string> => Object.fromEntries([...stdout.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));

/** Signs in at central's page with its form, as a person does, and waits for the frame. */
export async function signInToCentral(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-user').waitFor();
}
