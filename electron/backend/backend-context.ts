import type { Database } from 'better-sqlite3';
import type { Logger } from './logger';
import type { PinHashCost } from './staff/pin-hashing';

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
  /** scrypt strength for new PIN hashes: PIN_HASH_COST unless a test injects a cheaper one. */
  pinHashCost: PinHashCost;
}
