// The province admin's administration (issue 16): accounts, units, offices and devices. ONE
// implementation for both doors: the web routes (admin-routes.ts, a signed-in province admin) and
// the command line (`user …`, `unit …`, `device revoke`) call these functions, so the rules — a
// viewer's units must exist, a typed password follows the shared rules, the last active admin
// stays, every change is audited with who did it — are written once. Passwords are generated or
// taken here, hashed here, and never logged or audited; a generated one is returned once. Each
// change and its audit row are written in one transaction (the stores take the row).
import { newPasswordProblem, type AccountRole } from '../../shared/central-accounts';
import type { AccountView, AdminDevice } from '../../shared/central-admin';
import { lockoutAt } from '../../shared/sign-in-lockout';
import { AccountExistsError, LastActiveAdminError, type AccountAuditEntry } from '../accounts/account-store';
import { DEFAULT_PASSWORD_COST, generatePassword, hashPassword, type PasswordCost } from '../accounts/password-hashing';
import { unknownUnitCodes } from '../accounts/unit-scope';
import type { CentralStore } from '../store/central-store';
import { UnitRuleError, type UnitChange } from '../units';
import { AdminRefusal } from './admin-refusal';

export interface AdminDeps {
  store: CentralStore;
  now: () => Date;
  /** Tests only: a cheaper hash. */
  passwordCost?: PasswordCost | undefined;
}

/** Who is acting: a signed-in province admin (web), or the operator at the server's shell (CLI). */
export interface AdminActor {
  /** For the audit's `actor`: the account's username, or `dòng lệnh (…)` (cli-actor.ts). */
  actor: string;
  /** The signed-in account (web); null from the command line, which has no account to protect. */
  account: string | null;
  /** The client address (web), null from the CLI. */
  address: string | null;
}

export interface OneTimePassword {
  username: string;
  /** Generated here: show it once. Null when the admin typed it. */
  generated: string | null;
}

function entry(deps: AdminDeps, by: AdminActor, event: AccountAuditEntry['event'], username: string, detail: string | null): AccountAuditEntry {
  return { at: deps.now().toISOString(), event, username, actor: by.actor, address: by.address, detail };
}

/** Audit rows about a unit, office or device name the acting account (or the CLI's actor) as their username. */
const actingName = (by: AdminActor) => by.account ?? by.actor;

/** The typed password checked by the shared rules, or a generated one. */
function choosePassword(username: string, typed: string | undefined): { password: string; generated: boolean } {
  if (typed === undefined) return { password: generatePassword(), generated: true };
  const problem = newPasswordProblem(typed, username);
  if (problem !== null) throw new AdminRefusal('INVALID_INPUT', problem);
  return { password: typed, generated: false };
}

async function requireKnownUnits(deps: AdminDeps, units: readonly string[]): Promise<void> {
  const known = new Set((await deps.store.listUnits()).map((u) => u.code));
  const unknown = await unknownUnitCodes(units, async (code) => known.has(code));
  if (unknown.length > 0) throw new AdminRefusal('UNKNOWN_UNIT', unknown.join(', '));
}

export async function listAccounts(deps: AdminDeps): Promise<AccountView[]> {
  const now = deps.now();
  return (await deps.store.accounts.listAccounts()).map((a) => ({
    username: a.username,
    role: a.role,
    units: a.units,
    createdAt: a.createdAt,
    disabledAt: a.disabledAt,
    lockedUntil: lockoutAt({ failures: a.failures, lastFailureAt: a.lastFailureAt }, now).retryAt?.toISOString() ?? null,
    failures: a.failures,
  }));
}

export async function addAccount(
  deps: AdminDeps,
  by: AdminActor,
  input: { username: string; role: AccountRole; units: readonly string[]; password?: string | undefined },
): Promise<OneTimePassword> {
  await requireKnownUnits(deps, input.units);
  const choice = choosePassword(input.username, input.password);
  const passwordHash = await hashPassword(choice.password, deps.passwordCost ?? DEFAULT_PASSWORD_COST);
  const detail = `${input.role}${input.units.length > 0 ? ` ${input.units.join(',')}` : ''}`;
  try {
    await deps.store.accounts.addAccount({ username: input.username, role: input.role, units: input.units, passwordHash }, entry(deps, by, 'account-added', input.username, detail));
  } catch (error) {
    if (error instanceof AccountExistsError) throw new AdminRefusal('ACCOUNT_EXISTS', input.username);
    throw error;
  }
  return { username: input.username, generated: choice.generated ? choice.password : null };
}

/**
 * Disables an account and ends its sessions. From the web, an admin cannot disable themselves,
 * nor the last active province admin (the province would be locked out of its own page). The
 * command line may: it is the break-glass path (a leaked admin password), and whoever runs it
 * can `user add` a new admin at once.
 */
export async function disableAccount(deps: AdminDeps, by: AdminActor, username: string): Promise<void> {
  if (by.account !== null && by.account === username) throw new AdminRefusal('CANNOT_DISABLE_SELF', username);
  try {
    const done = await deps.store.accounts.disableAccount(username, entry(deps, by, 'account-disabled', username, null), { keepAnActiveAdmin: by.account !== null });
    if (!done) throw new AdminRefusal('UNKNOWN_ACCOUNT', username);
  } catch (error) {
    if (error instanceof LastActiveAdminError) throw new AdminRefusal('LAST_ADMIN', username);
    throw error;
  }
}

/** A new password (typed or generated), the account's sessions ended and its lockout cleared. */
export async function resetPassword(deps: AdminDeps, by: AdminActor, username: string, typed?: string): Promise<OneTimePassword> {
  if ((await deps.store.accounts.findAccount(username)) === undefined) throw new AdminRefusal('UNKNOWN_ACCOUNT', username);
  const choice = choosePassword(username, typed);
  const passwordHash = await hashPassword(choice.password, deps.passwordCost ?? DEFAULT_PASSWORD_COST);
  if (!(await deps.store.accounts.setPassword(username, passwordHash, entry(deps, by, 'password-reset', username, null)))) throw new AdminRefusal('UNKNOWN_ACCOUNT', username);
  return { username, generated: choice.generated ? choice.password : null };
}

/** A unit viewer's units, replaced (a province admin sees everything and has none). */
export async function setViewerUnits(deps: AdminDeps, by: AdminActor, username: string, units: readonly string[]): Promise<void> {
  const account = await deps.store.accounts.findAccount(username);
  if (account === undefined) throw new AdminRefusal('UNKNOWN_ACCOUNT', username);
  if (account.role !== 'unit-viewer') throw new AdminRefusal('NOT_A_VIEWER', username);
  await requireKnownUnits(deps, units);
  const detail = `${account.units.join(',')} → ${units.join(',')}`;
  if (!(await deps.store.accounts.setAccountUnits(username, units, entry(deps, by, 'account-units-changed', username, detail)))) throw new AdminRefusal('NOT_A_VIEWER', username);
}

/** Runs a unit change; the store checks it inside its transaction (central/units.ts), all or nothing. */
async function unitRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnitRuleError) throw new AdminRefusal('UNIT_RULES', undefined, error.problems);
    throw error;
  }
}

export async function addUnit(deps: AdminDeps, by: AdminActor, unit: { code: string; name: string; parentCode: string | null }): Promise<void> {
  const audit = entry(deps, by, 'unit-added', actingName(by), `${unit.code} "${unit.name}" dưới ${unit.parentCode ?? 'tỉnh'}`);
  await unitRules(() => deps.store.changeUnits([{ line: 0, ...unit, officeCodes: [] }], 'add', audit));
}

/** Renames and/or moves a known unit (parentCode null: directly under the province); a cycle or too deep a tree is refused. */
export async function changeUnit(deps: AdminDeps, by: AdminActor, code: string, change: { name?: string | undefined; parentCode?: string | null | undefined }): Promise<void> {
  const unit = (await deps.store.listUnits()).find((u) => u.code === code);
  if (unit === undefined) throw new AdminRefusal('UNKNOWN_UNIT', code);
  const next = { code, name: change.name ?? unit.name, parentCode: change.parentCode === undefined ? unit.parentCode : change.parentCode };
  const what = [
    ...(next.name !== unit.name ? [`tên "${unit.name}" → "${next.name}"`] : []),
    ...(next.parentCode !== unit.parentCode ? [`cấp trên ${unit.parentCode ?? 'tỉnh'} → ${next.parentCode ?? 'tỉnh'}`] : []),
  ];
  const audit = entry(deps, by, 'unit-changed', actingName(by), `${code}: ${what.join('; ') || 'không đổi'}`);
  await unitRules(() => deps.store.changeUnits([{ line: 0, ...next, officeCodes: [] }], 'upsert', audit));
}

export async function assignOffice(deps: AdminDeps, by: AdminActor, officeCode: string, unitCode: string): Promise<void> {
  await unitRules(() => deps.store.assignOffice(officeCode, unitCode, entry(deps, by, 'office-assigned', actingName(by), `${officeCode} → ${unitCode}`)));
}

/** A spreadsheet's checked rows (unit-import.ts), written all or nothing. */
export async function importUnits(deps: AdminDeps, by: AdminActor, changes: readonly UnitChange[], source: string): Promise<{ units: number; offices: number }> {
  const offices = changes.reduce((n, c) => n + c.officeCodes.length, 0);
  const audit = entry(deps, by, 'units-imported', actingName(by), `${changes.length} đơn vị, ${offices} bộ phận một cửa từ ${source.slice(0, 200)}`);
  await unitRules(() => deps.store.changeUnits(changes, 'upsert', audit));
  return { units: changes.length, offices };
}

/** Every device with its office and the unit that office is placed under. */
export async function listDevices(deps: AdminDeps): Promise<AdminDevice[]> {
  const [summaries, snapshot] = [await deps.store.deviceSummaries(), await deps.store.directorySnapshot()];
  const offices = new Map(snapshot.offices.map((o) => [o.officeCode, o]));
  const units = new Map(snapshot.units.map((u) => [u.code, u]));
  return summaries.map((d) => {
    const office = offices.get(d.officeCode);
    const unitCode = office?.unitCode ?? null;
    return {
      deviceId: d.deviceId,
      officeCode: d.officeCode,
      officeName: office?.name ?? null,
      unitCode,
      unitName: unitCode === null ? null : (units.get(unitCode)?.name ?? null),
      counter: d.counter,
      label: d.label,
      revoked: d.revoked,
      lastSeenAt: d.lastSeenAt,
      ratingCount: d.ratingCount,
    };
  });
}

/** The device's token stops working at once (its ratings stay). Revoking twice keeps the first time. */
export async function revokeDevice(deps: AdminDeps, by: AdminActor, deviceId: string): Promise<void> {
  if (!(await deps.store.revokeDevice(deviceId, entry(deps, by, 'device-revoked', actingName(by), deviceId)))) throw new AdminRefusal('UNKNOWN_DEVICE', deviceId);
}
