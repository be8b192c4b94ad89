// Opening central's PostgreSQL database: the pool, an optional schema (tests isolate in one
// each), migrations under an advisory lock, and transactions retried on deadlock.
import pg, { type PoolClient } from 'pg';
import { z } from 'zod';
import { CentralDatabaseTooNewError } from './central-store';
import { postgresMigrations, type PostgresMigration } from './postgres-migrations';

export const postgresUrlSchema = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://');

/** Plain identifiers only: the name is spliced into SQL and into the connection options. */
export const schemaNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'Tên schema chỉ gồm a-z, 0-9, _');

export interface PostgresConfig {
  connectionString: string;
  schema?: string | undefined;
  poolSize?: number | undefined;
  /** An idle pooled connection broke (server restart): the next query reconnects. */
  onConnectionError?: ((error: Error) => void) | undefined;
}

export async function openPostgresPool(config: PostgresConfig, migrations: readonly PostgresMigration[] = postgresMigrations): Promise<pg.Pool> {
  const connectionString = postgresUrlSchema.parse(config.connectionString);
  const schema = config.schema === undefined ? undefined : schemaNameSchema.parse(config.schema);
  if (schema !== undefined) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: config.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', (error) => config.onConnectionError?.(error));
  try {
    await migrate(pool, migrations);
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * Applies pending migrations one transaction each. The advisory lock makes two servers started
 * together take turns instead of both creating the same tables.
 */
export async function migrate(pool: pg.Pool, migrations: readonly PostgresMigration[]): Promise<void> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  for (;;) {
    const done = await inTransaction(pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('hai-long-central-migrations:' || current_schema()))`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS central_migrations (
          version    integer PRIMARY KEY,
          name       text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`);
      const { rows } = await client.query(`SELECT COALESCE(MAX(version), 0) AS version FROM central_migrations`);
      const current = z.object({ version: z.number() }).parse(rows[0]).version;
      if (current > migrations.length) throw new CentralDatabaseTooNewError(current, migrations.length);
      const next = migrations[current];
      if (next === undefined) return true;
      await client.query(next.sql);
      await client.query(`INSERT INTO central_migrations (version, name) VALUES ($1, $2)`, [next.version, next.name]);
      return false;
    });
    if (done) return;
  }
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected
const MAX_ATTEMPTS = 3;

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Runs reads that must agree with each other in one REPEATABLE READ, READ ONLY transaction: all from one snapshot. */
export async function inReadSnapshot<T>(pool: pg.Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction; PostgreSQL chose it as a deadlock victim → run it again. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      const code = sqlState(error);
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw error;
    } finally {
      // A connection that could not roll back is discarded, not reused mid-transaction.
      client.release(broken);
    }
  }
}
