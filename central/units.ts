// The province's unit hierarchy (issue 16): province → unit (district, commune; nested) → office
// (by office code) → devices (by their office code). The central server serves one province, so
// the province is the root: units without a parent sit directly under it. Pure rules here, used
// by both stores and the CLI: what a unit code is, and whether a set of changes keeps the
// hierarchy a tree. SQL lives in central/store/*-directory.ts.
import { officeCodeSchema } from '../shared/device-settings';

// The code and name rules are shared with the web page's administration forms (shared/central-units.ts).
export { unitCodeSchema, unitNameSchema } from '../shared/central-units';
/** The one-stop section's code, as kiosks and `device add` know it (e.g. 000.00.21.H56). */
export { officeCodeSchema };

export interface Unit {
  code: string;
  name: string;
  /** null: directly under the province. */
  parentCode: string | null;
}

/** One row of a unit spreadsheet (or one `unit add`): `line` names it in refusals. */
export interface UnitChange extends Unit {
  line: number;
  /** Offices (by office code) to place under this unit. */
  officeCodes: string[];
}

/** Refused changes, each naming its line (0: a CLI command); nothing was written. */
export class UnitRuleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'UnitRuleError';
  }
}

/** How deep units may nest under the province (district → commune → … is 2 or 3). */
export const MAX_UNIT_DEPTH = 8;

/**
 * Checks changes against the units that exist: every parent known (stored or in the changes),
 * no code twice in the changes, `mode: 'add'` refuses a code that exists, and the result is a
 * tree (no unit its own ancestor) no deeper than MAX_UNIT_DEPTH. Returns the changes ordered
 * parents first, so they can be written one by one; throws UnitRuleError with every problem.
 */
export function planUnitChanges(existing: readonly Unit[], changes: readonly UnitChange[], mode: 'add' | 'upsert'): UnitChange[] {
  const problems: string[] = [];
  const where = (c: UnitChange) => (c.line > 0 ? `dòng ${c.line}: ` : '');
  const stored = new Map(existing.map((u) => [u.code, u]));
  const incoming = new Map<string, UnitChange>();
  for (const c of changes) {
    if (incoming.has(c.code)) problems.push(`${where(c)}mã đơn vị ${c.code} lặp lại (đã có ở dòng ${incoming.get(c.code)?.line ?? 0})`);
    else incoming.set(c.code, c);
    if (mode === 'add' && stored.has(c.code)) problems.push(`${where(c)}đơn vị ${c.code} đã có`);
    if (c.parentCode !== null && !stored.has(c.parentCode) && !changes.some((o) => o.code === c.parentCode)) {
      problems.push(`${where(c)}không có đơn vị cấp trên ${c.parentCode}`);
    }
  }
  const parentOf = (code: string): string | null => incoming.get(code)?.parentCode ?? stored.get(code)?.parentCode ?? null;
  const depth = new Map<string, number>();
  for (const c of incoming.values()) {
    let steps = 0;
    const seen = new Set<string>([c.code]);
    for (let at = parentOf(c.code); at !== null; at = parentOf(at)) {
      steps += 1;
      if (seen.has(at)) {
        problems.push(`${where(c)}đơn vị ${c.code} sẽ nằm dưới chính nó (vòng lặp qua ${at})`);
        steps = -1;
        break;
      }
      seen.add(at);
    }
    if (steps >= MAX_UNIT_DEPTH) problems.push(`${where(c)}đơn vị ${c.code} lồng quá ${MAX_UNIT_DEPTH} cấp`);
    depth.set(c.code, steps);
  }
  if (problems.length > 0) throw new UnitRuleError(problems);
  return [...incoming.values()].sort((a, b) => (depth.get(a.code) ?? 0) - (depth.get(b.code) ?? 0));
}
