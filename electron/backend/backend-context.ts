import type { Database } from 'better-sqlite3';
import type { Logger } from './logger';

/** What every domain's handlers get. Time, ids and identity are injected so tests pin them. */
export interface BackendContext {
  db: Database;
  log: Logger;
  now: () => Date;
  newRatingId: () => string;
  /** Ids of everything else (officers, shifts): random UUIDs unless a test pins them. */
  newId: () => string;
  deviceId: string;
  /** Random per launch: tells ratings of one run apart, e.g. to spot crash loops. */
  bootId: string;
  appVersion: string;
}
