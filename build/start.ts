// `npm start` / `npm run start:browser`: build if the sources changed, then run the kiosk in
// Electron, or in browser mode when Electron's binary cannot be had (or --browser is given).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.ts';

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

/** Resolving the `electron` package downloads its binary on first use; that fails offline. */
function electronBinary(): string | undefined {
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const path = probe.stdout.trim();
  return probe.status === 0 && path !== '' && existsSync(path) ? path : undefined;
}

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
}

buildIfNeeded();
const electron = forceBrowser ? undefined : electronBinary();
if (electron !== undefined) {
  run(electron, [join(root, 'dist', 'electron', 'main.cjs'), ...passThrough]);
} else {
  if (!forceBrowser) {
    process.stderr.write('Electron chưa có trên máy này (không tải được tệp chạy) — chạy chế độ trình duyệt.\n');
  }
  run(process.execPath, [join(root, 'dist', 'host', 'browser-host.mjs'), ...passThrough]);
}
