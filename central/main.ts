// Entry of the central bundle (`npm run central -- …`): the real process around runCentralCli.
import { runCentralCli } from './cli';
import { builtWebPageDir } from './web-page';

// Injected by esbuild's define when bundled; "dev" when run from source.
const version = typeof KIOSK_APP_VERSION === 'string' ? KIOSK_APP_VERSION : 'dev';

process.exitCode = await runCentralCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, version, webPageDir: builtWebPageDir(import.meta.url) });
