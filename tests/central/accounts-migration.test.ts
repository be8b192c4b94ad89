// Issue 16: the accounts migration on a central database in use — devices and ratings already
// stored — on SQLite and PostgreSQL. Counted from its position, so it still holds after the lead
// renumbers it behind the directory's migration.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { accountsPostgresMigration, accountsSqliteMigration } from '../../central/accounts/account-migrations';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { sqliteMigrations } from '../../central/store/sqlite-migrations';
import { openPostgresPool } from '../../central/store/postgres-database';
import { postgresMigrations } from '../../central/store/postgres-migrations';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import type { CentralStore } from '../../central/store/central-store';
import { onCleanup, tempDir, testPostgresUrl } from '../support/central-fixture';
import { addTestAccount, ADMIN_PASSWORD } from '../support/account-fixture';

const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
const insertDevice = `INSERT INTO devices (device_id, office_code, counter, token_hash, created_at) VALUES ('${deviceId}', '000.00.21.H56', 1, '${'a'.repeat(64)}', '2026-11-01T00:00:00.000Z')`;

async function sqliteBefore(): Promise<() => Promise<CentralStore>> {
  const dir = tempDir();
  const db = openCentralDatabase(join(dir, CENTRAL_DB_FILE), sqliteMigrations.slice(0, sqliteMigrations.indexOf(accountsSqliteMigration)));
  db.exec(insertDevice);
  db.close();
  return async () => openSqliteCentralStore(dir);
}

async function postgresBefore(): Promise<() => Promise<CentralStore>> {
  const url = testPostgresUrl();
  const schema = `m_${randomBytes(8).toString('hex')}`;
  onCleanup(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  const pool = await openPostgresPool({ connectionString: url, schema }, postgresMigrations.slice(0, postgresMigrations.indexOf(accountsPostgresMigration)));
  await pool.query(insertDevice);
  await pool.end();
  return () => openPostgresCentralStore({ connectionString: url, schema });
}

describe.each([
  { storage: 'sqlite', before: sqliteBefore },
  { storage: 'postgres', before: postgresBefore },
])('the accounts migration on $storage', ({ before }) => {
  it('adds the account tables and keeps what was stored', async () => {
    const open = await before();
    const store = await open();
    onCleanup(() => store.close());
    expect((await store.listDevices()).map((d) => d.deviceId)).toEqual([deviceId]);
    expect(await store.accounts.listAccounts()).toEqual([]);
    await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
    expect((await store.accounts.listAccounts()).map((a) => a.username)).toEqual(['sonoivu']);
  });
});
