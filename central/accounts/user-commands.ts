// `npm run central -- user …` (issue 16): web accounts from the server's shell. Whoever can run
// this on the server can read the database anyway, so the shell is where the first province
// admin comes from. A password comes from stdin (--password-stdin) or is generated and printed
// once; it never appears in argv, in a log or in the audit.
import { newPasswordProblem, accountRoleNames, MAX_PASSWORD_LENGTH } from '../../shared/central-accounts';
import { lockoutAt } from '../../shared/sign-in-lockout';
import { centralCliActor } from '../cli-actor';
import type { CentralStore } from '../store/central-store';
import { AccountExistsError, type AccountAuditEntry, type AccountSummary } from './account-store';
import { DEFAULT_PASSWORD_COST, generatePassword, hashPassword, type PasswordCost } from './password-hashing';
import type { UserCommand } from './user-command-args';
import { unknownUnitCodes } from './unit-scope';

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

type PasswordChoice = { ok: true; password: string; generated: boolean } | { ok: false; code: number };

async function choosePassword(command: { passwordFromStdin: boolean; username: string }, io: UserCommandIo): Promise<PasswordChoice> {
  if (!command.passwordFromStdin) return { ok: true, password: generatePassword(), generated: true };
  const password = await readPasswordLine(io.stdin);
  if (password === undefined) {
    io.stderr.write(`Lỗi: --password-stdin: không đọc được mật khẩu từ stdin (một dòng, tối đa ${MAX_PASSWORD_LENGTH} ký tự).\n`);
    return { ok: false, code: EXIT_USAGE };
  }
  const problem = newPasswordProblem(password, command.username);
  if (problem !== null) {
    io.stderr.write(`Lỗi: ${problem}.\n`);
    return { ok: false, code: EXIT_USAGE };
  }
  return { ok: true, password, generated: false };
}

function printPassword(io: UserCommandIo, username: string, choice: { password: string; generated: boolean }): void {
  io.stdout.write(`USERNAME=${username}\n`);
  if (choice.generated) io.stdout.write(`Mật khẩu chỉ hiển thị một lần: hãy trao tận tay người dùng.\nPASSWORD=${choice.password}\n`);
}

export async function runUserCommand(command: UserCommand, store: CentralStore, io: UserCommandIo): Promise<number> {
  const accounts = store.accounts;
  const audit = (event: AccountAuditEntry['event'], username: string, by: string | undefined, detail: string | null): AccountAuditEntry => ({
    at: io.now().toISOString(), event, username, actor: centralCliActor(by, io.env), address: null, detail,
  });
  switch (command.command) {
    case 'user add': {
      const unknown = await unknownUnitCodes(command.units);
      if (unknown.length > 0) {
        io.stderr.write(`Lỗi: không có đơn vị ${unknown.join(', ')}.\n`);
        return EXIT_USAGE;
      }
      const choice = await choosePassword(command, io);
      if (!choice.ok) return choice.code;
      const passwordHash = await hashPassword(choice.password, io.passwordCost ?? DEFAULT_PASSWORD_COST);
      try {
        await accounts.addAccount(
          { username: command.username, role: command.role, units: command.units, passwordHash },
          audit('account-added', command.username, command.by, `${command.role}${command.units.length > 0 ? ` ${command.units.join(',')}` : ''}`),
        );
      } catch (error) {
        if (!(error instanceof AccountExistsError)) throw error;
        io.stderr.write(`Lỗi: tài khoản ${command.username} đã có. Đặt lại mật khẩu bằng "user reset-password ${command.username}".\n`);
        return EXIT_FAILED;
      }
      const scope = command.units.length > 0 ? `, đơn vị ${command.units.join(', ')}` : '';
      io.stdout.write(`Đã tạo tài khoản ${command.username} (${accountRoleNames[command.role]}${scope}).\n`);
      printPassword(io, command.username, choice);
      return EXIT_OK;
    }
    case 'user list':
      io.stdout.write(formatAccounts(await accounts.listAccounts(), io.now()));
      return EXIT_OK;
    case 'user disable':
      if (!(await accounts.disableAccount(command.username, audit('account-disabled', command.username, command.by, null)))) {
        io.stderr.write(`Không có tài khoản ${command.username}. Xem danh sách bằng "user list".\n`);
        return EXIT_FAILED;
      }
      io.stdout.write(`Đã vô hiệu hóa tài khoản ${command.username}; mọi phiên đăng nhập của tài khoản đã kết thúc.\n`);
      return EXIT_OK;
    case 'user reset-password': {
      if ((await accounts.findAccount(command.username)) === undefined) {
        io.stderr.write(`Không có tài khoản ${command.username}. Xem danh sách bằng "user list".\n`);
        return EXIT_FAILED;
      }
      const choice = await choosePassword(command, io);
      if (!choice.ok) return choice.code;
      const passwordHash = await hashPassword(choice.password, io.passwordCost ?? DEFAULT_PASSWORD_COST);
      if (!(await accounts.setPassword(command.username, passwordHash, audit('password-reset', command.username, command.by, null)))) {
        io.stderr.write(`Không có tài khoản ${command.username}.\n`);
        return EXIT_FAILED;
      }
      io.stdout.write(`Đã đặt mật khẩu mới cho ${command.username}; các phiên cũ đã kết thúc, khóa do nhập sai đã được gỡ.\n`);
      printPassword(io, command.username, choice);
      return EXIT_OK;
    }
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
