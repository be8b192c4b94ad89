// AccountStore on PostgreSQL, shared by every central instance on the database (issue 17). A
// lockout is read FOR UPDATE inside its transaction: sign-ins to one account on any instance
// take turns; sign-ins to different accounts do not wait for each other.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { noFailures, type LockoutState } from '../../shared/sign-in-lockout';
import { inTransaction } from '../store/postgres-database';
import { AccountExistsError, LastActiveAdminError, type Account, type AccountAuditEntry, type AccountStore, type AccountSummary, type NewAccount, type StoredSession } from './account-store';
import { toAccount, toAccountSummary, toAuditEntry, toLockoutState, toStoredSession } from './account-rows';

const unitsOf = (alias: string) =>
  `COALESCE((SELECT jsonb_agg(unit_code ORDER BY unit_code COLLATE "C") FROM account_units u WHERE u.account_id = ${alias}.account_id), '[]'::jsonb)`;

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** One audit row; given a transaction's client, it commits with the change it records. */
export async function insertAudit(db: Queryable, entry: AccountAuditEntry): Promise<void> {
  await db.query(`INSERT INTO account_audit (at, event, username, actor, address, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
    entry.at, entry.event, entry.username, entry.actor, entry.address, entry.detail,
  ]);
}

const accountIdOf = `(SELECT account_id FROM accounts WHERE username = $1)`;

export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool, private readonly newId: () => string = randomUUID) {}

  async addAccount(account: NewAccount, audit: AccountAuditEntry): Promise<void> {
    const accountId = this.newId();
    await inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        `INSERT INTO accounts (account_id, username, role, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (username) DO NOTHING`,
        [accountId, account.username, account.role, account.passwordHash, audit.at],
      );
      if (rowCount !== 1) throw new AccountExistsError(account.username);
      for (const unit of account.units) {
        await client.query(`INSERT INTO account_units (account_id, unit_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [accountId, unit]);
      }
      await insertAudit(client, audit);
    });
  }

  async findAccount(username: string): Promise<Account | undefined> {
    const { rows } = await this.pool.query(`SELECT a.*, ${unitsOf('a')} AS units FROM accounts a WHERE username = $1`, [username]);
    return rows[0] === undefined ? undefined : toAccount(rows[0]);
  }

  async listAccounts(): Promise<AccountSummary[]> {
    const { rows } = await this.pool.query(`
      SELECT a.username, a.role, ${unitsOf('a')} AS units, a.created_at, a.disabled_at, l.failures, l.last_failure_at
      FROM accounts a LEFT JOIN sign_in_lockouts l ON l.username = a.username
      ORDER BY a.username COLLATE "C"`);
    return rows.map(toAccountSummary);
  }

  async disableAccount(username: string, audit: AccountAuditEntry, options: { keepAnActiveAdmin?: boolean } = {}): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (options.keepAnActiveAdmin === true) {
        // Locks every active admin's row: a concurrent disable of another admin waits, then counts again.
        const { rows } = await client.query<{ username: string }>(`SELECT username FROM accounts WHERE role = 'province-admin' AND disabled_at IS NULL FOR UPDATE`);
        if (rows.some((r) => r.username === username) && rows.length === 1) throw new LastActiveAdminError(username);
      }
      const { rowCount } = await client.query(`UPDATE accounts SET disabled_at = COALESCE(disabled_at, $2) WHERE username = $1`, [username, audit.at]);
      if (rowCount !== 1) return false;
      await client.query(`DELETE FROM account_sessions WHERE account_id = ${accountIdOf}`, [username]);
      await insertAudit(client, audit);
      return true;
    });
  }

  async setAccountUnits(username: string, units: readonly string[], audit: AccountAuditEntry): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ account_id: string }>(`SELECT account_id FROM accounts WHERE username = $1 AND role = 'unit-viewer' FOR UPDATE`, [username]);
      const accountId = rows[0]?.account_id;
      if (accountId === undefined) return false;
      await client.query(`DELETE FROM account_units WHERE account_id = $1`, [accountId]);
      for (const unit of units) await client.query(`INSERT INTO account_units (account_id, unit_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [accountId, unit]);
      await insertAudit(client, audit);
      return true;
    });
  }

  async setPassword(username: string, passwordHash: string, audit: AccountAuditEntry): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(`UPDATE accounts SET password_hash = $2, password_changed_at = $3 WHERE username = $1`, [username, passwordHash, audit.at]);
      if (rowCount !== 1) return false;
      await client.query(`DELETE FROM account_sessions WHERE account_id = ${accountIdOf}`, [username]);
      await client.query(`DELETE FROM sign_in_lockouts WHERE username = $1`, [username]);
      await insertAudit(client, audit);
      return true;
    });
  }

  async updateLockout<T>(username: string, decide: (state: LockoutState) => { state: LockoutState; result: T }): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`INSERT INTO sign_in_lockouts (username, failures, last_failure_at) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING`, [
        username, noFailures.failures, noFailures.lastFailureAt,
      ]);
      const { rows } = await client.query(`SELECT failures, last_failure_at FROM sign_in_lockouts WHERE username = $1 FOR UPDATE`, [username]);
      const { state, result } = decide(rows[0] === undefined ? noFailures : toLockoutState(rows[0]));
      await client.query(`UPDATE sign_in_lockouts SET failures = $2, last_failure_at = $3 WHERE username = $1`, [username, state.failures, state.lastFailureAt]);
      return result;
    });
  }

  async clearLockout(username: string): Promise<void> {
    await this.pool.query(`DELETE FROM sign_in_lockouts WHERE username = $1`, [username]);
  }

  async createSession(sessionHash: string, accountId: string, at: string): Promise<void> {
    await this.pool.query(`INSERT INTO account_sessions (session_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)`, [sessionHash, accountId, at]);
  }

  async findSession(sessionHash: string): Promise<StoredSession | undefined> {
    const { rows } = await this.pool.query(
      `SELECT a.account_id, a.username, a.role, ${unitsOf('a')} AS units, a.disabled_at IS NOT NULL AS disabled, s.created_at, s.last_seen_at
       FROM account_sessions s JOIN accounts a ON a.account_id = s.account_id
       WHERE s.session_hash = $1`,
      [sessionHash],
    );
    return rows[0] === undefined ? undefined : toStoredSession(rows[0]);
  }

  async touchSession(sessionHash: string, at: string): Promise<void> {
    await this.pool.query(`UPDATE account_sessions SET last_seen_at = $2 WHERE session_hash = $1 AND last_seen_at < $2`, [sessionHash, at]);
  }

  async deleteSession(sessionHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`DELETE FROM account_sessions WHERE session_hash = $1`, [sessionHash]);
    return rowCount === 1;
  }

  async deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<number> {
    const { rowCount } = await this.pool.query(`DELETE FROM account_sessions WHERE last_seen_at < $1 OR created_at < $2`, [idleBefore, createdBefore]);
    return rowCount ?? 0;
  }

  async appendAudit(entry: AccountAuditEntry): Promise<void> {
    await insertAudit(this.pool, entry);
  }

  async auditEntries(username?: string): Promise<AccountAuditEntry[]> {
    const columns = `at, event, username, actor, address, detail`;
    const { rows } =
      username === undefined
        ? await this.pool.query(`SELECT ${columns} FROM account_audit ORDER BY audit_id`)
        : await this.pool.query(`SELECT ${columns} FROM account_audit WHERE username = $1 ORDER BY audit_id`, [username]);
    return rows.map(toAuditEntry);
  }
}
