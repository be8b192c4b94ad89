// What central keeps about web accounts (issue 16): accounts and their unit scope, the per-account
// sign-in lockout, sessions (hashed ids) and the audit. In the database, not in memory, so
// several central instances on one PostgreSQL share them (issue 17). Two implementations,
// sqlite-accounts-repo.ts and postgres-accounts-repo.ts; tests run against both.
import type { AccountRole } from '../../shared/central-accounts';
import type { LockoutState } from '../../shared/sign-in-lockout';

export interface NewAccount {
  username: string;
  role: AccountRole;
  /** Unit codes (unit-viewer); empty for a province admin. */
  units: readonly string[];
  passwordHash: string;
}

export interface Account {
  accountId: string;
  username: string;
  role: AccountRole;
  units: string[];
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

/** `user list`: an account without its hash, with its lockout. */
export interface AccountSummary {
  username: string;
  role: AccountRole;
  units: string[];
  createdAt: string;
  disabledAt: string | null;
  failures: number;
  lastFailureAt: string | null;
}

/** A live session as found by its hashed id, with its account as it is now. */
export interface StoredSession {
  accountId: string;
  username: string;
  role: AccountRole;
  units: string[];
  disabled: boolean;
  createdAt: string;
  lastSeenAt: string;
}

export const accountAuditEvents = [
  'sign-in',
  'sign-in-failed',
  /** Refused unchecked: the account was waiting out a lockout. */
  'sign-in-locked',
  /** The right password for a disabled account. */
  'sign-in-disabled',
  /** A failure that started a wait. */
  'locked',
  'sign-out',
  'account-added',
  'account-disabled',
  'password-reset',
  // Issue 16, administration (central/admin/): the account concerned, or for a unit, office or
  // device the acting account itself (the CLI's actor text from the command line); what in `detail`.
  'account-units-changed',
  'unit-added',
  'unit-changed',
  'units-imported',
  'office-assigned',
  'device-revoked',
  // Issue 17, alert rules (central/alerts/): the acting account; the rule in `detail`.
  'alert-rule-added',
  'alert-rule-removed',
] as const;
export type AccountAuditEvent = (typeof accountAuditEvents)[number];

/** One audit row: never a password, hash or session id. */
export interface AccountAuditEntry {
  at: string;
  event: AccountAuditEvent;
  /** The account concerned, as typed for a failed sign-in (it may not exist). */
  username: string;
  /** Who did it: the account itself on the web, `dòng lệnh (…)` from the CLI. */
  actor: string;
  /** The client address (after the trusted proxy), null from the CLI. */
  address: string | null;
  detail: string | null;
}

export interface AccountStore {
  /** Adds the account and its audit row in one transaction; throws AccountExistsError when the username is taken. */
  addAccount(account: NewAccount, audit: AccountAuditEntry): Promise<void>;
  findAccount(username: string): Promise<Account | undefined>;
  listAccounts(): Promise<AccountSummary[]>;
  /**
   * Disables the account and ends all its sessions, with the audit row, in one transaction.
   * False (nothing written) when no such account; disabling twice keeps the first time.
   * With `keepAnActiveAdmin`, throws LastActiveAdminError (nothing written) rather than disable
   * the last active province admin, checked inside the transaction (two admins disabling each
   * other at once cannot both succeed).
   */
  disableAccount(username: string, audit: AccountAuditEntry, options?: { keepAnActiveAdmin?: boolean }): Promise<boolean>;
  /** Replaces a unit viewer's units, audited, in one transaction. False (nothing written) when no such unit viewer. */
  setAccountUnits(username: string, units: readonly string[], audit: AccountAuditEntry): Promise<boolean>;
  /** New password hash; ends the account's sessions and clears its lockout; audited. False when no such account. */
  setPassword(username: string, passwordHash: string, audit: AccountAuditEntry): Promise<boolean>;
  /**
   * Reads the username's lockout, lets `decide` choose the next state and a result, stores the
   * state, atomically: two sign-ins (in this process or another instance) never both read the
   * same count. `decide` must be pure and synchronous. Usernames without an account have a
   * lockout too (an answer must not tell which accounts exist).
   */
  updateLockout<T>(username: string, decide: (state: LockoutState) => { state: LockoutState; result: T }): Promise<T>;
  /** Ends the username's run of failures (its own right password). */
  clearLockout(username: string): Promise<void>;
  createSession(sessionHash: string, accountId: string, at: string): Promise<void>;
  findSession(sessionHash: string): Promise<StoredSession | undefined>;
  /** Moves last_seen_at forward (never back). */
  touchSession(sessionHash: string, at: string): Promise<void>;
  /** True when a session was ended. */
  deleteSession(sessionHash: string): Promise<boolean>;
  /** Sessions idle since before `idleBefore` or created before `createdBefore`; the number removed. */
  deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<number>;
  appendAudit(entry: AccountAuditEntry): Promise<void>;
  /** Oldest first; for `user list` readers and tests. */
  auditEntries(username?: string): Promise<AccountAuditEntry[]>;
}

export class AccountExistsError extends Error {
  constructor(readonly username: string) {
    super(`Tài khoản ${username} đã có`);
    this.name = 'AccountExistsError';
  }
}

export class LastActiveAdminError extends Error {
  constructor(readonly username: string) {
    super(`${username} là quản trị tỉnh cuối cùng còn hoạt động`);
    this.name = 'LastActiveAdminError';
  }
}
