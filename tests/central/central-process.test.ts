// The central bundle as `npm run central` will run it: a real process, built by esbuild from
// central/main.ts, printing CENTRAL_URL, serving, and exiting 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, tempDir } from '../support/central-fixture';

const root = join(import.meta.dirname, '..', '..');
let bundle = '';
let outdir = '';

beforeAll(async () => {
  // Inside the repository, so the bundle's external packages resolve from node_modules.
  mkdirSync(join(root, 'test-output'), { recursive: true });
  outdir = mkdtempSync(join(root, 'test-output', 'central-bundle-'));
  bundle = join(outdir, 'central.mjs');
  await build({
    entryPoints: [join(root, 'central', 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    define: { KIOSK_APP_VERSION: JSON.stringify('9.9.9-bundle') },
    logLevel: 'warning',
  });
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function startProcess(args: string[]) {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('\n') && resolve(out.split('\n')[0] ?? ''));
    void exit.then(() => reject(new Error(`exited before printing a line: ${err}`)));
  });
  firstLine.catch(() => undefined); // awaited only by tests that expect a line
  return { child, exit, firstLine, out: () => out, err: () => err };
}

describe('central process', () => {
  it('serves until SIGTERM, then exits 0 with one line on stdout', async () => {
    const central = startProcess(['serve', '--port', '0', '--data-dir', tempDir()]);
    const line = await central.firstLine;
    expect(line).toMatch(/^CENTRAL_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect((await request(`${line.slice('CENTRAL_URL='.length)}/api/v1/health`)).body).toMatchObject({ status: 'ok', storage: 'sqlite', version: '9.9.9-bundle' });

    central.child.kill('SIGTERM');
    expect(await central.exit).toBe(0);
    expect(central.out()).toBe(`${line}\n`);
    expect(central.err()).toContain('"msg":"central stopping"');
  });

  it('exits 2 on bad arguments', async () => {
    const central = startProcess(['device', 'add', '--office', '000.00.21.H56']);
    expect(await central.exit).toBe(2);
    expect(central.err()).toMatch(/^Lỗi: Cần --counter: số quầy, một số nguyên dương\.\n/);
  });

  it('user add reads the password from the process stdin (issue 16), never from argv', async () => {
    const password = 'mật khẩu qua stdin 2026';
    const args = ['user', 'add', '--username', 'sonoivu', '--role', 'province-admin', '--password-stdin', '--data-dir', tempDir()];
    const child = spawn(process.execPath, [bundle, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end(`${password}\n`);
    expect(await exit).toBe(0);
    expect(out).toContain('USERNAME=sonoivu');
    expect(out).not.toContain(password);
    expect(child.spawnargs.join(' ')).not.toContain(password);
  });
});
