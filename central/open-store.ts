// Which store central runs on: PostgreSQL when DATABASE_URL is set (a province with many
// offices), else SQLite in <data dir>/central.db (one district, a test, a laptop).
// CENTRAL_SIGNING_KEY_FILE, when set, names the signing key file (signing-key.ts).
import { resolve } from 'node:path';
import { z } from 'zod';
import type { CentralStore, StoreOptions } from './store/central-store';
import { postgresUrlSchema } from './store/postgres-database';
import { openPostgresCentralStore } from './store/postgres-store';
import { openSqliteCentralStore } from './store/sqlite-store';
import { readSigningKeyFile, SIGNING_KEY_FILE_ENV } from './signing-key';

export const DEFAULT_DATA_DIR = './central-data';

const databaseUrlSchema = z.preprocess((v) => (v === '' ? undefined : v), postgresUrlSchema.optional());

export interface OpenStoreOptions extends StoreOptions {
  env: Record<string, string | undefined>;
  dataDir: string;
  onConnectionError?: (error: Error) => void;
}

export async function openCentralStore({ env, dataDir, onConnectionError, ...options }: OpenStoreOptions): Promise<CentralStore> {
  const databaseUrl = databaseUrlSchema.parse(env.DATABASE_URL);
  // Several central instances may share one signing key from a file (checked before anything opens).
  const keyFile = env[SIGNING_KEY_FILE_ENV];
  if (keyFile !== undefined && keyFile !== '') options.signingKey = readSigningKeyFile(keyFile);
  if (databaseUrl !== undefined) return openPostgresCentralStore({ connectionString: databaseUrl, onConnectionError }, options);
  return openSqliteCentralStore(resolve(dataDir), options);
}
