// The two command-line tools run in-process on a data folder, as `npm run kiosk` / `npm run
// central` would run them, with what they print captured for the test.
import { runCentralCli } from '../../central/cli';
import { runKioskCli } from '../../electron/backend/cli/kiosk-cli';

/** `npm run kiosk -- …argv --data-dir dataDir`: exit code and the lines printed on each stream. */
export async function runKiosk(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKioskCli([...argv, '--data-dir', dataDir], { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: {} });
  return { code, out, err };
}

/** `npm run central -- …argv --data-dir dataDir`: exit code and everything written on each stream. */
export async function runCentral(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCentralCli([...argv, '--data-dir', dataDir], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
  });
  return { code, out, err };
}
