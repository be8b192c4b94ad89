// `npm run central -- user …` (issue 16), parsed like the other central commands (cli-args.ts).
// Never a password on the command line: argv is visible to every user of the machine (`ps`).
import { z } from 'zod';
import { accountRoles, unitCodeSchema, usernameSchema } from '../../shared/central-accounts';
import { check, parse, UsageError } from '../cli-args';
import { DEFAULT_DATA_DIR } from '../open-store';

export type UserCommand =
  | { command: 'user add'; username: string; role: (typeof accountRoles)[number]; units: string[]; passwordFromStdin: boolean; by: string | undefined; dataDir: string }
  | { command: 'user list'; dataDir: string }
  | { command: 'user disable'; username: string; by: string | undefined; dataDir: string }
  | { command: 'user reset-password'; username: string; passwordFromStdin: boolean; by: string | undefined; dataDir: string };

const dataDir = z.string().trim().min(1, 'Thư mục dữ liệu không được để trống').default(DEFAULT_DATA_DIR);
const by = z.string().trim().min(1, 'Tên sau --by không được để trống').max(200, 'Tên sau --by tối đa 200 ký tự').optional();
const addSchema = z.object({
  username: z.string({ error: 'Cần --username: tên đăng nhập' }).pipe(usernameSchema),
  role: z.enum(accountRoles, { error: 'Cần --role province-admin (Quản trị tỉnh) hoặc --role unit-viewer (Xem đơn vị)' }),
  unit: z.array(unitCodeSchema).default([]),
  'password-stdin': z.boolean().default(false),
  by,
  'data-dir': dataDir,
});
const oneAccountSchema = z.object({ 'password-stdin': z.boolean().default(false), by, 'data-dir': dataDir });

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

// Positionals are taken (-1) and counted here, so a stray word — perhaps a password typed where it
// must not be — is refused without being repeated in the message.
function oneUsername(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Cần đúng một tên đăng nhập (mật khẩu không bao giờ ghi trên dòng lệnh: dùng --password-stdin)');
  return check(usernameSchema, positionals[0]);
}

function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError('Thừa tham số (mật khẩu không bao giờ ghi trên dòng lệnh: dùng --password-stdin)');
}

/** argv after `user`. */
export function parseUserArgs(argv: readonly string[]): UserCommand {
  const [sub] = argv;
  const rest = argv.slice(1);
  if (sub === 'add') {
    const { values, positionals } = parse(rest, { username: text, role: text, unit: { type: 'string', multiple: true }, 'password-stdin': flag, by: text, 'data-dir': text }, -1);
    noPositionals(positionals);
    const v = check(addSchema, values);
    const units = [...new Set(v.unit)];
    if (v.role === 'unit-viewer' && units.length === 0) throw new UsageError('Tài khoản Xem đơn vị cần ít nhất một --unit MÃ_ĐƠN_VỊ');
    if (v.role === 'province-admin' && units.length > 0) throw new UsageError('Quản trị tỉnh xem mọi đơn vị: bỏ --unit');
    return { command: 'user add', username: v.username, role: v.role, units, passwordFromStdin: v['password-stdin'], by: v.by, dataDir: v['data-dir'] };
  }
  if (sub === 'list') {
    const { values, positionals } = parse(rest, { 'data-dir': text }, -1);
    noPositionals(positionals);
    return { command: 'user list', dataDir: check(z.object({ 'data-dir': dataDir }), values)['data-dir'] };
  }
  if (sub === 'disable') {
    const { values, positionals } = parse(rest, { by: text, 'data-dir': text }, -1);
    const v = check(oneAccountSchema, values);
    return { command: 'user disable', username: oneUsername(positionals), by: v.by, dataDir: v['data-dir'] };
  }
  if (sub === 'reset-password') {
    const { values, positionals } = parse(rest, { 'password-stdin': flag, by: text, 'data-dir': text }, -1);
    const v = check(oneAccountSchema, values);
    return { command: 'user reset-password', username: oneUsername(positionals), passwordFromStdin: v['password-stdin'], by: v.by, dataDir: v['data-dir'] };
  }
  throw new UsageError(`Lệnh không hợp lệ: "user ${(sub ?? '').slice(0, 40)}" (user add, user list, user disable, user reset-password)`);
}
