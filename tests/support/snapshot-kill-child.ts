// A child process for tests/backend/storage-snapshots.test.ts: takes a snapshot of
// <dataDir>/kiosk.db and kills itself (SIGKILL, as a power cut or kill -9 would) at a chosen
// step: 'mid-backup' (after the first page was copied) or 'before-rename' (verified and fsynced,
// not yet under its final name). Run by `node --experimental-transform-types --import
// ./ts-child-hooks.mjs`.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { takeSnapshot } from '../../electron/backend/storage/snapshots';

const [dataDir = '', step = ''] = process.argv.slice(2);
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};
const db = new BetterSqlite3(join(dataDir, 'kiosk.db'));
if (step === 'mid-backup') {
  const backup = db.backup.bind(db);
  db.backup = (destination, options) =>
    backup(destination, {
      ...options,
      progress: ({ totalPages, remainingPages }) => (remainingPages < totalPages ? die() : 1),
    });
}
if (step === 'before-rename') {
  fs.renameSync = die;
  syncBuiltinESMExports();
}
await takeSnapshot(db, dataDir, () => new Date());
process.stdout.write('not killed\n');
