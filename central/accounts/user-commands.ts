// `npm run central -- user …` (issue 16): web accounts from the server's shell. Whoever can run
// this on the server can read the database anyway, so the shell is where the first province
// admin comes from. A password comes from stdin (--password-stdin) or is generated and printed
// once; it never appears in argv, in a log or in the audit. The rules are the admin service's
// (central/admin/admin-service.ts), the same the web page's administration runs.
import { accountRoleNames, MAX_PASSWORD_LENGTH } from '../../shared/central-accounts';
import { lockoutAt } from '../../shared/sign-in-lockout';
import { centralCliActor } from '../cli-actor';
import type { CentralStore } from '../store/central-store';
import type { AccountSummary } from './account-store';
import type { PasswordCost } from './password-hashing';
import type { UserCommand } from './user-command-args';
import { AdminRefusal } from '../admin/admin-refusal';
import { addAccount, disableAccount, resetPassword, type AdminActor } from '../admin/admin-service';

export interface UserCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Where --password-stdin reads from (process.stdin). */
  stdin?: AsyncIterable<string | Buffer> | undefined;
  now: () => Date;
  /** Tests only. */
  passwordCost?: PasswordCost | undefined;
}

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** Enough for the longest allowed password in any encoding, and a line ending. */
const STDIN_LIMIT_BYTES = 4 * MAX_PASSWORD_LENGTH + 8;

/** The first line of stdin, without its line ending; undefined when there is none (or it is too long). */
export async function readPasswordLine(stdin: AsyncIterable<string | Buffer> | undefined): Promise<string | undefined> {
  if (stdin === undefined) return undefined;
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n') || Buffer.byteLength(text) > STDIN_LIMIT_BYTES) break;
  }
  const newline = text.indexOf('\n');
  if (newline === -1 && Buffer.byteLength(text) > STDIN_LIMIT_BYTES) return undefined;
  const line = (newline === -1 ? text : text.slice(0, newline)).replace(/\r$/, '');
  return line === '' ? undefined : line;
}

type PasswordChoice = { ok: true; typed: string | undefined } | { ok: false; code: number };

/** --password-stdin: the typed line (its rules are the admin service's); without it, central generates one. */
async function readTypedPassword(command: { passwordFromStdin: boolean }, io: UserCommandIo): Promise<PasswordChoice> {
  if (!command.passwordFromStdin) return { ok: true, typed: undefined };
  const password = await readPasswordLine(io.stdin);
  if (password === undefined) {
    io.stderr.write(`Lỗi: --password-stdin: không đọc được mật khẩu từ stdin (một dòng, tối đa ${MAX_PASSWORD_LENGTH} ký tự).\n`);
    return { ok: false, code: EXIT_USAGE };
  }
  return { ok: true, typed: password };
}

function printPassword(io: UserCommandIo, username: string, generated: string | null): void {
  io.stdout.write(`USERNAME=${username}\n`);
  if (generated !== null) io.stdout.write(`Mật khẩu chỉ hiển thị một lần: hãy trao tận tay người dùng.\nPASSWORD=${generated}\n`);
}

/** The admin service's refusals in the command line's words and exit codes. */
function refused(error: unknown, io: UserCommandIo): number {
  if (!(error instanceof AdminRefusal)) throw error;
  switch (error.code) {
    case 'INVALID_INPUT':
      io.stderr.write(`Lỗi: ${error.detail ?? error.message}.\n`);
      return EXIT_USAGE;
    case 'UNKNOWN_UNIT':
      io.stderr.write(`Lỗi: không có đơn vị ${error.detail ?? ''}. Xem danh sách bằng "unit list".\n`);
      return EXIT_USAGE;
    case 'ACCOUNT_EXISTS':
      io.stderr.write(`Lỗi: tài khoản ${error.detail ?? ''} đã có. Đặt lại mật khẩu bằng "user reset-password ${error.detail ?? ''}".\n`);
      return EXIT_FAILED;
    case 'UNKNOWN_ACCOUNT':
      io.stderr.write(`Không có tài khoản ${error.detail ?? ''}. Xem danh sách bằng "user list".\n`);
      return EXIT_FAILED;
    default:
      io.stderr.write(`Lỗi: ${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}\n`);
      return EXIT_FAILED;
  }
}

export async function runUserCommand(command: UserCommand, store: CentralStore, io: UserCommandIo): Promise<number> {
  const deps = { store, now: io.now, passwordCost: io.passwordCost };
  const by = (label: string | undefined): AdminActor => ({ actor: centralCliActor(label, io.env), account: null, address: null });
  try {
    switch (command.command) {
      case 'user add': {
        const choice = await readTypedPassword(command, io);
        if (!choice.ok) return choice.code;
        const added = await addAccount(deps, by(command.by), { username: command.username, role: command.role, units: command.units, password: choice.typed });
        const scope = command.units.length > 0 ? `, đơn vị ${command.units.join(', ')}` : '';
        io.stdout.write(`Đã tạo tài khoản ${command.username} (${accountRoleNames[command.role]}${scope}).\n`);
        printPassword(io, command.username, added.generated);
        return EXIT_OK;
      }
      case 'user list':
        io.stdout.write(formatAccounts(await store.accounts.listAccounts(), io.now()));
        return EXIT_OK;
      case 'user disable':
        await disableAccount(deps, by(command.by), command.username);
        io.stdout.write(`Đã vô hiệu hóa tài khoản ${command.username}; mọi phiên đăng nhập của tài khoản đã kết thúc.\n`);
        return EXIT_OK;
      case 'user reset-password': {
        if ((await store.accounts.findAccount(command.username)) === undefined) throw new AdminRefusal('UNKNOWN_ACCOUNT', command.username);
        const choice = await readTypedPassword(command, io);
        if (!choice.ok) return choice.code;
        const reset = await resetPassword(deps, by(command.by), command.username, choice.typed);
        io.stdout.write(`Đã đặt mật khẩu mới cho ${command.username}; các phiên cũ đã kết thúc, khóa do nhập sai đã được gỡ.\n`);
        printPassword(io, command.username, reset.generated);
        return EXIT_OK;
      }
    }
  } catch (error) {
    return refused(error, io);
  }
}

export function formatAccounts(accounts: readonly AccountSummary[], now: Date): string {
  if (accounts.length === 0) return 'Chưa có tài khoản nào. Tạo quản trị tỉnh đầu tiên: user add --username TÊN --role province-admin\n';
  const lines = accounts.map((a) => {
    const retryAt = lockoutAt({ failures: a.failures, lastFailureAt: a.lastFailureAt }, now).retryAt;
    const state = a.disabledAt !== null ? 'đã vô hiệu hóa' : retryAt !== null ? `tạm khóa đến ${retryAt.toISOString()}` : 'đang dùng';
    const units = a.role === 'province-admin' ? 'mọi đơn vị' : a.units.join(', ');
    return `${a.username}\t${accountRoleNames[a.role]}\t${units}\t${state}\tsai ${a.failures} lần\ttạo ${a.createdAt}`;
  });
  return `Tên đăng nhập\tVai trò\tĐơn vị\tTrạng thái\tĐăng nhập sai\tNgày tạo\n${lines.join('\n')}\n`;
}
