// The kiosk's brain, in plain Node: opens the data folder and implements the contract.
// The Electron shell and the browser host both start exactly this; tests load it directly.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { contract, type Handlers } from '../../shared/contract';
import type { BackendContext } from './backend-context';
import { openDatabase } from './database';
import { homeScreenHandlers } from './home-screen';
import { createLogger, type Logger } from './logger';
import { ratingIntakeHandlers } from './rating-intake';
import { ensureDeviceId } from './settings-repo';

export const DATABASE_FILE = 'kiosk.db';

export interface KioskBackend {
  handlers: Handlers;
  context: BackendContext;
  close: () => void;
}

export interface BackendOptions {
  dataDir: string;
  appVersion: string;
  log?: Logger;
  now?: () => Date;
  newRatingId?: () => string;
}

export function openKioskBackend(options: BackendOptions): KioskBackend {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? createLogger(options.dataDir);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const context: BackendContext = {
    db,
    log,
    now: options.now ?? (() => new Date()),
    newRatingId: options.newRatingId ?? (() => uuidv7()),
    deviceId: ensureDeviceId(db),
    bootId: randomUUID(),
    appVersion: options.appVersion,
  };
  const handlers = implementContract(homeScreenHandlers(context), ratingIntakeHandlers(context));
  log.info({ deviceId: context.deviceId, bootId: context.bootId, appVersion: options.appVersion }, 'backend started');
  return { handlers, context, close: () => db.close() };
}

/** Combine each domain's handlers; a method implemented twice or not at all fails at start. */
export function implementContract(...parts: Partial<Handlers>[]): Handlers {
  const handlers: Partial<Handlers> = {};
  for (const part of parts) {
    for (const name of Object.keys(part) as (keyof Handlers)[]) {
      if (name in handlers) throw new Error(`Handler registered twice: ${name}`);
      Object.assign(handlers, { [name]: part[name] });
    }
  }
  const missing = Object.keys(contract).filter((name) => !(name in handlers));
  if (missing.length > 0) throw new Error(`Contract methods without a handler: ${missing.join(', ')}`);
  return handlers as Handlers;
}
