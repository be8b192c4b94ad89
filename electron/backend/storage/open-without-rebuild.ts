// Interim open path (issue 12), until storage/open-storage.ts (which also rebuilds a damaged
// database) lands: open the database and classify whatever stops it into a StorageOpening, so
// the backend never throws at start. A damaged file is reported out of service, never moved.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../database';
import { classifyStorageError } from './corruption';
import type { StorageOpening } from './storage-status';
import { storageOutage } from './storage-outage';

export function openWithoutRebuild(databaseFile: string, open: (file: string) => Database = openDatabase): StorageOpening {
  try {
    mkdirSync(dirname(databaseFile), { recursive: true });
    return { kind: 'open', db: open(databaseFile), recovered: null };
  } catch (error) {
    const verdict = classifyStorageError(error);
    const outage = storageOutage(verdict.verdict === 'corrupt' ? 'unknown' : verdict.reason, error);
    return verdict.verdict === 'corrupt' ? { ...outage, incidentCode: 'HL-DB-CORRUPT', message: 'Tệp dữ liệu bị hỏng.' } : outage;
  }
}
