// `npm run kiosk -- …` and `npm run central -- …`: build if needed, then run the bundled CLI.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.ts';

const tools: Record<string, string> = {
  kiosk: join(root, 'dist', 'host', 'kiosk-cli.mjs'),
  central: join(root, 'dist', 'central', 'central-cli.mjs'),
};
const [tool = '', ...args] = process.argv.slice(2);
const script = tools[tool];
if (script === undefined) {
  process.stderr.write(`Unknown tool ${tool}; expected one of ${Object.keys(tools).join(', ')}\n`);
  process.exit(2);
}
buildIfNeeded();
const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
