// `npm run central -- unit …` (issue 16): the province's unit hierarchy from the command line.
//   unit add --code MÃ --name TÊN [--parent MÃ]
//   unit list
//   unit assign-office --office-code MÃ_MỘT_CỬA --unit MÃ
//   unit import TỆP.xlsx|TỆP.csv
// Parsed here (zod, Vietnamese messages; cli-args.ts hands `unit …` over), run against the store.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { CentralStore } from './store/central-store';
import { readUnitFile } from './unit-import';
import { officeCodeSchema, unitCodeSchema, unitNameSchema, UnitRuleError, type Unit } from './units';
import { centralCliActor } from './cli-actor';
import { AdminRefusal } from './admin/admin-refusal';
import { addUnit, assignOffice, importUnits, type AdminActor } from './admin/admin-service';

export const unitUsage = `  unit add --code MÃ --name TÊN [--parent MÃ_CẤP_TRÊN]
      thêm đơn vị (huyện, xã…) dưới tỉnh hoặc dưới một đơn vị khác
  unit list
      liệt kê các đơn vị theo cây; dòng cuối UNITS=…
  unit assign-office --office-code MÃ_MỘT_CỬA --unit MÃ
      đặt bộ phận một cửa (mã như khi đăng ký thiết bị, ví dụ 000.00.21.H56) vào một đơn vị
  unit import TỆP.xlsx|TỆP.csv
      nhập danh sách đơn vị; cột: "Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên",
      "Mã bộ phận một cửa" (nhiều mã cách nhau bởi dấu phẩy); lỗi nêu số dòng, có lỗi thì không ghi gì
`;

export type UnitCommand =
  | { command: 'unit add'; code: string; name: string; parentCode: string | null; dataDir: string }
  | { command: 'unit list'; dataDir: string }
  | { command: 'unit assign-office'; officeCode: string; unitCode: string; dataDir: string }
  | { command: 'unit import'; file: string; dataDir: string };

const addSchema = z.object({
  code: z.string({ error: 'Cần --code: mã đơn vị' }).pipe(unitCodeSchema),
  name: z.string({ error: 'Cần --name: tên đơn vị' }).pipe(unitNameSchema),
  parent: unitCodeSchema.optional(),
});
const assignSchema = z.object({
  'office-code': z.string({ error: 'Cần --office-code: mã bộ phận một cửa, ví dụ 000.00.21.H56' }).pipe(officeCodeSchema),
  unit: z.string({ error: 'Cần --unit: mã đơn vị' }).pipe(unitCodeSchema),
});

/** `argv` after "unit"; `dataDir` parsed by the caller's schema. Throws `usageError(message)`. */
export function parseUnitArgs(argv: readonly string[], dataDir: (value: unknown) => string, usageError: (message: string) => Error): UnitCommand {
  const [sub, ...rest] = argv;
  const text = { type: 'string' } as const;
  const parse = (options: Record<string, typeof text>, positionals: boolean) => {
    try {
      return parseArgs({ args: rest, options: { ...options, 'data-dir': text }, strict: true, allowPositionals: positionals });
    } catch (error) {
      throw usageError(`Tham số không hợp lệ (${error instanceof Error ? error.message.split('.')[0] : String(error)})`);
    }
  };
  const check = <T extends z.ZodType>(schema: T, value: unknown): z.output<T> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw usageError(parsed.error.issues[0]?.message ?? 'Tham số không hợp lệ');
  };
  if (sub === 'add') {
    const { values } = parse({ code: text, name: text, parent: text }, false);
    const v = check(addSchema, values);
    return { command: 'unit add', code: v.code, name: v.name, parentCode: v.parent ?? null, dataDir: dataDir(values['data-dir']) };
  }
  if (sub === 'list') {
    const { values } = parse({}, false);
    return { command: 'unit list', dataDir: dataDir(values['data-dir']) };
  }
  if (sub === 'assign-office') {
    const { values } = parse({ 'office-code': text, unit: text }, false);
    const v = check(assignSchema, values);
    return { command: 'unit assign-office', officeCode: v['office-code'], unitCode: v.unit, dataDir: dataDir(values['data-dir']) };
  }
  if (sub === 'import') {
    const { values, positionals } = parse({}, true);
    if (positionals.length !== 1) throw usageError('Cần đúng một tệp .xlsx hoặc .csv');
    return { command: 'unit import', file: positionals[0] ?? '', dataDir: dataDir(values['data-dir']) };
  }
  throw usageError(`Lệnh không hợp lệ: "unit ${sub ?? ''}"`);
}

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** For the audit's actor (cli-actor.ts); default: none, the OS account names the operator. */
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

/**
 * Exit code: 0 done, 1 refused (every problem on stderr, nothing written). The changes are the
 * admin service's (central/admin/admin-service.ts), as from the web page: checked, written all or
 * nothing, audited with the operator as actor.
 */
export async function runUnitCommand(command: UnitCommand, store: CentralStore, io: Io): Promise<number> {
  const deps = { store, now: io.now ?? (() => new Date()) };
  const by: AdminActor = { actor: centralCliActor(undefined, io.env ?? {}), account: null, address: null };
  try {
    switch (command.command) {
      case 'unit add':
        await addUnit(deps, by, { code: command.code, name: command.name, parentCode: command.parentCode });
        io.stdout.write(`Đã thêm đơn vị ${command.code} (${command.name})${command.parentCode === null ? ' trực thuộc tỉnh' : ` thuộc ${command.parentCode}`}.\nUNIT_CODE=${command.code}\n`);
        return 0;
      case 'unit list': {
        const units = await store.listUnits();
        io.stdout.write(`${formatUnitTree(units)}UNITS=${units.length}\n`);
        return 0;
      }
      case 'unit assign-office':
        await assignOffice(deps, by, command.officeCode, command.unitCode);
        io.stdout.write(`Đã đặt bộ phận một cửa ${command.officeCode} vào đơn vị ${command.unitCode}.\n`);
        return 0;
      case 'unit import': {
        const imported = await importUnits(deps, by, await readUnitFile(command.file), command.file);
        io.stdout.write(`Đã nhập ${imported.units} đơn vị và ${imported.offices} bộ phận một cửa từ ${command.file}.\nUNITS_IMPORTED=${imported.units}\nOFFICES_ASSIGNED=${imported.offices}\n`);
        return 0;
      }
    }
  } catch (error) {
    const problems = error instanceof UnitRuleError ? error.problems : error instanceof AdminRefusal && error.code === 'UNIT_RULES' ? (error.problems ?? []) : undefined;
    if (problems === undefined) throw error;
    io.stderr.write(`Không thực hiện được: ${problems.length === 1 ? (problems[0] ?? '') : `\n${problems.map((p) => `  - ${p}`).join('\n')}`}\nKhông có thay đổi nào được ghi.\n`);
    return 1;
  }
}

/** One line per unit, indented under its parent, Vietnamese name order. */
export function formatUnitTree(units: readonly Unit[]): string {
  const collator = new Intl.Collator('vi');
  const lines: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of units.filter((x) => x.parentCode === parent).sort((a, b) => collator.compare(a.name, b.name))) {
      lines.push(`${'  '.repeat(depth)}${u.code}  ${u.name}`);
      walk(u.code, depth + 1);
    }
  };
  walk(null, 0);
  return lines.length === 0 ? 'Chưa có đơn vị nào. Thêm bằng "unit add" hoặc "unit import".\n' : `${lines.join('\n')}\n`;
}
