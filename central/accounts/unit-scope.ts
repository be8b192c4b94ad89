// What a unit viewer may see: the unit codes on the account. `ancestorsOf` gives a unit's higher
// units from the hierarchy (the dashboard's scope passes it), so a viewer of a district sees its
// communes; the admin service (central/admin/admin-service.ts, `user add` and the web page) checks
// the codes it is given with `knownUnit` against the unit table.
import type { AccountRole } from '../../shared/central-accounts';

export interface UnitScoped {
  role: AccountRole;
  units: readonly string[];
}

export function accountMaySeeUnit(account: UnitScoped, unitCode: string, ancestorsOf: (code: string) => readonly string[] = () => []): boolean {
  if (account.role === 'province-admin') return true;
  return [unitCode, ...ancestorsOf(unitCode)].some((code) => account.units.includes(code));
}

/** The codes `knownUnit` does not know (empty: all known). Default: every code is known (no unit table yet). */
export async function unknownUnitCodes(codes: readonly string[], knownUnit: (code: string) => Promise<boolean> = async () => true): Promise<string[]> {
  const unknown: string[] = [];
  for (const code of codes) if (!(await knownUnit(code))) unknown.push(code);
  return unknown;
}
