// AccountStore on central's SQLite file. better-sqlite3 is synchronous: each method is one
// IMMEDIATE transaction, so a lockout is read and written without another sign-in (or the CLI,
// another process) in between.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { noFailures, type LockoutState } from '../../shared/sign-in-lockout';
import { AccountExistsError, LastActiveAdminError, type Account, type AccountAuditEntry, type AccountStore, type AccountSummary, type NewAccount, type StoredSession } from './account-store';
import { toAccount, toAccountSummary, toAuditEntry, toLockoutState, toStoredSession } from './account-rows';

const unitsOf = (alias: string) =>
  `(SELECT json_group_array(unit_code) FROM (SELECT unit_code FROM account_units u WHERE u.account_id = ${alias}.account_id ORDER BY unit_code))`;

/** One audit row, inside the caller's transaction (an administration change and its row commit together). */
export function insertSqliteAudit(db: Database, entry: AccountAuditEntry): void {
  db.prepare(`INSERT INTO account_audit (at, event, username, actor, address, detail) VALUES (?, ?, ?, ?, ?, ?)`).run(
    entry.at, entry.event, entry.username, entry.actor, entry.address, entry.detail,
  );
}

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: Database, private readonly newId: () => string = randomUUID) {}

  private audit(entry: AccountAuditEntry): void {
    insertSqliteAudit(this.db, entry);
  }

  async addAccount(account: NewAccount, audit: AccountAuditEntry): Promise<void> {
    const accountId = this.newId();
    this.db
      .transaction(() => {
        const { changes } = this.db
          .prepare(`
            INSERT INTO accounts (account_id, username, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (username) DO NOTHING`)
          .run(accountId, account.username, account.role, account.passwordHash, audit.at, audit.at);
        if (changes !== 1) throw new AccountExistsError(account.username);
        const addUnit = this.db.prepare(`INSERT INTO account_units (account_id, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING`);
        for (const unit of account.units) addUnit.run(accountId, unit);
        this.audit(audit);
      })
      .immediate();
  }

  async findAccount(username: string): Promise<Account | undefined> {
    const row = this.db.prepare(`SELECT a.*, ${unitsOf('a')} AS units FROM accounts a WHERE username = ?`).get(username);
    return row === undefined ? undefined : toAccount(row);
  }

  async listAccounts(): Promise<AccountSummary[]> {
    const rows = this.db
      .prepare(`
        SELECT a.username, a.role, ${unitsOf('a')} AS units, a.created_at, a.disabled_at, l.failures, l.last_failure_at
        FROM accounts a LEFT JOIN sign_in_lockouts l ON l.username = a.username
        ORDER BY a.username`)
      .all();
    return rows.map(toAccountSummary);
  }

  async disableAccount(username: string, audit: AccountAuditEntry, options: { keepAnActiveAdmin?: boolean } = {}): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (options.keepAnActiveAdmin === true) {
          const others = this.db
            .prepare(`SELECT count(*) FROM accounts WHERE role = 'province-admin' AND disabled_at IS NULL AND username <> ?`)
            .pluck()
            .get(username) as number;
          const target = this.db.prepare(`SELECT role = 'province-admin' AND disabled_at IS NULL FROM accounts WHERE username = ?`).pluck().get(username);
          if (target === 1 && others === 0) throw new LastActiveAdminError(username);
        }
        const { changes } = this.db.prepare(`UPDATE accounts SET disabled_at = COALESCE(disabled_at, ?) WHERE username = ?`).run(audit.at, username);
        if (changes !== 1) return false;
        this.db.prepare(`DELETE FROM account_sessions WHERE account_id = (SELECT account_id FROM accounts WHERE username = ?)`).run(username);
        this.audit(audit);
        return true;
      })
      .immediate();
  }

  async setAccountUnits(username: string, units: readonly string[], audit: AccountAuditEntry): Promise<boolean> {
    return this.db
      .transaction(() => {
        const accountId = this.db.prepare(`SELECT account_id FROM accounts WHERE username = ? AND role = 'unit-viewer'`).pluck().get(username) as string | undefined;
        if (accountId === undefined) return false;
        this.db.prepare(`DELETE FROM account_units WHERE account_id = ?`).run(accountId);
        const addUnit = this.db.prepare(`INSERT INTO account_units (account_id, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING`);
        for (const unit of units) addUnit.run(accountId, unit);
        this.audit(audit);
        return true;
      })
      .immediate();
  }

  async setPassword(username: string, passwordHash: string, audit: AccountAuditEntry): Promise<boolean> {
    return this.db
      .transaction(() => {
        const { changes } = this.db.prepare(`UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE username = ?`).run(passwordHash, audit.at, username);
        if (changes !== 1) return false;
        this.db.prepare(`DELETE FROM account_sessions WHERE account_id = (SELECT account_id FROM accounts WHERE username = ?)`).run(username);
        this.db.prepare(`DELETE FROM sign_in_lockouts WHERE username = ?`).run(username);
        this.audit(audit);
        return true;
      })
      .immediate();
  }

  async updateLockout<T>(username: string, decide: (state: LockoutState) => { state: LockoutState; result: T }): Promise<T> {
    return this.db
      .transaction(() => {
        const row = this.db.prepare(`SELECT failures, last_failure_at FROM sign_in_lockouts WHERE username = ?`).get(username);
        const { state, result } = decide(row === undefined ? noFailures : toLockoutState(row));
        this.db
          .prepare(`
            INSERT INTO sign_in_lockouts (username, failures, last_failure_at) VALUES (?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at`)
          .run(username, state.failures, state.lastFailureAt);
        return result;
      })
      .immediate();
  }

  async clearLockout(username: string): Promise<void> {
    this.db.prepare(`DELETE FROM sign_in_lockouts WHERE username = ?`).run(username);
  }

  async createSession(sessionHash: string, accountId: string, at: string): Promise<void> {
    this.db.prepare(`INSERT INTO account_sessions (session_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)`).run(sessionHash, accountId, at, at);
  }

  async findSession(sessionHash: string): Promise<StoredSession | undefined> {
    const row = this.db
      .prepare(`
        SELECT a.account_id, a.username, a.role, ${unitsOf('a')} AS units, a.disabled_at IS NOT NULL AS disabled, s.created_at, s.last_seen_at
        FROM account_sessions s JOIN accounts a ON a.account_id = s.account_id
        WHERE s.session_hash = ?`)
      .get(sessionHash);
    return row === undefined ? undefined : toStoredSession(row);
  }

  async touchSession(sessionHash: string, at: string): Promise<void> {
    this.db.prepare(`UPDATE account_sessions SET last_seen_at = ? WHERE session_hash = ? AND last_seen_at < ?`).run(at, sessionHash, at);
  }

  async deleteSession(sessionHash: string): Promise<boolean> {
    return this.db.prepare(`DELETE FROM account_sessions WHERE session_hash = ?`).run(sessionHash).changes === 1;
  }

  async deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<number> {
    return this.db.prepare(`DELETE FROM account_sessions WHERE last_seen_at < ? OR created_at < ?`).run(idleBefore, createdBefore).changes;
  }

  async appendAudit(entry: AccountAuditEntry): Promise<void> {
    this.audit(entry);
  }

  async auditEntries(username?: string): Promise<AccountAuditEntry[]> {
    const columns = `at, event, username, actor, address, detail`;
    const rows =
      username === undefined
        ? this.db.prepare(`SELECT ${columns} FROM account_audit ORDER BY audit_id`).all()
        : this.db.prepare(`SELECT ${columns} FROM account_audit WHERE username = ? ORDER BY audit_id`).all(username);
    return rows.map(toAuditEntry);
  }
}
