// Account rows as both drivers hand them back, parsed into one shape (as store/stored-rows.ts).
import { z } from 'zod';
import { accountRoles } from '../../shared/central-accounts';
import { dbBoolean, dbInstant, dbInteger } from '../store/stored-rows';
import { accountAuditEvents, type Account, type AccountAuditEntry, type AccountSummary, type StoredSession } from './account-store';
import type { LockoutState } from '../../shared/sign-in-lockout';

const fromJsonText = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const unitList = z.preprocess(fromJsonText, z.array(z.string()));

const accountRow = z.object({
  account_id: z.string(),
  username: z.string(),
  role: z.enum(accountRoles),
  units: unitList,
  password_hash: z.string(),
  created_at: dbInstant,
  disabled_at: dbInstant.nullable(),
});

export function toAccount(row: unknown): Account {
  const r = accountRow.parse(row);
  return { accountId: r.account_id, username: r.username, role: r.role, units: r.units, passwordHash: r.password_hash, createdAt: r.created_at, disabledAt: r.disabled_at };
}

const summaryRow = accountRow.omit({ account_id: true, password_hash: true }).extend({ failures: dbInteger.nullable(), last_failure_at: z.string().nullable() });

export function toAccountSummary(row: unknown): AccountSummary {
  const r = summaryRow.parse(row);
  return { username: r.username, role: r.role, units: r.units, createdAt: r.created_at, disabledAt: r.disabled_at, failures: r.failures ?? 0, lastFailureAt: r.last_failure_at };
}

const sessionRow = z.object({
  account_id: z.string(),
  username: z.string(),
  role: z.enum(accountRoles),
  units: unitList,
  disabled: dbBoolean,
  created_at: dbInstant,
  last_seen_at: dbInstant,
});

export function toStoredSession(row: unknown): StoredSession {
  const r = sessionRow.parse(row);
  return { accountId: r.account_id, username: r.username, role: r.role, units: r.units, disabled: r.disabled, createdAt: r.created_at, lastSeenAt: r.last_seen_at };
}

const lockoutRow = z.object({ failures: dbInteger, last_failure_at: z.string().nullable() });

export function toLockoutState(row: unknown): LockoutState {
  const r = lockoutRow.parse(row);
  return { failures: r.failures, lastFailureAt: r.last_failure_at };
}

const auditRow = z.object({
  at: dbInstant,
  event: z.enum(accountAuditEvents),
  username: z.string(),
  actor: z.string(),
  address: z.string().nullable(),
  detail: z.string().nullable(),
});

export function toAuditEntry(row: unknown): AccountAuditEntry {
  return auditRow.parse(row);
}
