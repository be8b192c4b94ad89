// A child process for tests/backend/storage-recovery.test.ts: rebuilds <dataDir>'s damaged
// kiosk.db and kills itself (SIGKILL, as a power cut or kill -9 would) at a chosen step of
// recovery.ts ('quarantined', 'restored', 'replayed', 'renamed'). Run by `node
// --experimental-transform-types --import ./ts-child-hooks.mjs`.
import pino from 'pino';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { rebuildDatabase } from '../../electron/backend/storage/recovery';

const [dataDir = '', step = ''] = process.argv.slice(2);
await rebuildDatabase({
  dataDir,
  reason: { code: 'not-a-database' },
  now: () => new Date(),
  secrets: fileSecretStore(dataDir),
  log: pino({ level: 'silent' }),
  step: (name) => {
    if (name === step) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('not killed\n');
