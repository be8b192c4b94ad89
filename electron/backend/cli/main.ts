import { runKioskCli } from './kiosk-cli';

process.exitCode = await runKioskCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
