// The unit tree as the admin forms list it (issue 16): every unit once, parents before their
// children, indented by depth, in Vietnamese name order as the directory answers it.
import type { DirectoryOffice, DirectoryResponse, DirectoryUnit } from '../../../shared/central-directory';

export interface UnitOption {
  code: string;
  name: string;
  parentCode: string | null;
  depth: number;
  offices: DirectoryOffice[];
}

export function unitOptions(directory: DirectoryResponse): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (unit: DirectoryUnit, parentCode: string | null, depth: number) => {
    out.push({ code: unit.code, name: unit.name, parentCode, depth, offices: unit.offices });
    for (const child of unit.units) walk(child, unit.code, depth + 1);
  };
  for (const unit of directory.units) walk(unit, null, 0);
  return out;
}

/** A unit's name in a <select>, indented so the tree shows (non-breaking spaces survive in options). */
export const indented = (unit: UnitOption) => `${'\u00a0\u00a0\u00a0'.repeat(unit.depth)}${unit.name} (${unit.code})`;

/** The codes below a unit (itself included): where it cannot be moved. */
export function unitAndBelow(units: readonly UnitOption[], code: string): Set<string> {
  const out = new Set<string>([code]);
  // `units` lists parents before children (unitOptions), so one pass finds every descendant.
  for (const u of units) if (u.parentCode !== null && out.has(u.parentCode)) out.add(u.code);
  return out;
}

/** First error message per field of a zod-style issue list ({ path, message }). */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= issue.message;
  }
  return out;
}
