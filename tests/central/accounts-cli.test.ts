// Issue 16: `npm run central -- user …` from nothing, on SQLite and on PostgreSQL (DATABASE_URL):
// the first admin made with `user add`, central served by `serve` as in production, then sign in
// and out over HTTP. A password arrives on stdin or is generated and printed once — never in
// argv, a log, the audit or the database file — and every account change is audited.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { parseCentralArgs, UsageError } from '../../central/cli-args';
import { DEFAULT_PASSWORD_COST, generatePassword, hashPassword, verifyPassword } from '../../central/accounts/password-hashing';
import { readPasswordLine } from '../../central/accounts/user-commands';
import { newPasswordProblem } from '../../shared/central-accounts';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { freshPostgresSchema, onCleanup, tempDir, testPostgresUrl } from '../support/central-fixture';
import { errorCode, TestBrowser } from '../support/account-fixture';

const FIRST_ADMIN_PASSWORD = 'Trung tâm phục vụ hành chính công 2026';

interface Place {
  storage: 'sqlite' | 'postgres';
  /** Arguments and environment that make a command use this database. */
  args: string[];
  env: Record<string, string>;
  /** The files whose bytes must never hold a password (SQLite only). */
  files: () => string[];
}

async function sqlitePlace(): Promise<Place> {
  const dir = tempDir();
  return { storage: 'sqlite', args: ['--data-dir', dir], env: {}, files: () => readdirSync(dir).map((f) => join(dir, f)) };
}

async function postgresPlace(): Promise<Place> {
  const schema = await freshPostgresSchema('acct');
  const url = `${testPostgresUrl()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { storage: 'postgres', args: [], env: { DATABASE_URL: url }, files: () => [] };
}

async function central(place: Place, argv: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = await runCentralCli([...argv, ...place.args], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: place.env,
    ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
  });
  return { code, out, err };
}

/** `serve` as in production, until the test ends; its log lines (stderr) for checking. */
async function serve(place: Place) {
  let out = '';
  let err = '';
  let announced: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (announced = resolve));
  const stop = new AbortController();
  const exited = runCentralCli(['serve', '--port', '0', ...place.args], {
    stdout: { write: (t: string) => { out += t; if (out.includes('\n')) announced(out.split('\n')[0] ?? ''); } },
    stderr: { write: (t: string) => (err += t) },
    env: place.env,
    shutdown: stop.signal,
  });
  onCleanup(async () => {
    stop.abort();
    await exited;
  });
  const url = (await firstLine).slice('CENTRAL_URL='.length);
  return { url, logs: () => err };
}

const valueOf = (out: string, name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(out)?.[1];

describe.each([
  { storage: 'sqlite', place: sqlitePlace },
  { storage: 'postgres', place: postgresPlace },
])('user commands on $storage', ({ place: makePlace }) => {
  it('from nothing: user add → serve → sign in → who am I → sign out; the password is nowhere but in the hash', async () => {
    const place = await makePlace();
    const added = await central(place, ['user', 'add', '--username', 'SoNoiVu', '--role', 'province-admin', '--password-stdin', '--by', 'cntt-so'], `${FIRST_ADMIN_PASSWORD}\n`);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('Đã tạo tài khoản sonoivu (Quản trị tỉnh).');
    expect(added.out.split('\n').filter((l) => /^[A-Z_]+=/.test(l))).toEqual(['USERNAME=sonoivu']);

    // A unit viewer with a generated password, printed once; its units must be in the hierarchy.
    const unknownUnit = await central(place, ['user', 'add', '--username', 'phuloc', '--role', 'unit-viewer', '--unit', '000.00.22.H56']);
    expect(unknownUnit).toMatchObject({ code: 2, out: '', err: expect.stringContaining('không có đơn vị 000.00.22.H56') as string });
    for (const code of ['000.00.22.H56', '000.00.23.H56']) expect((await central(place, ['unit', 'add', '--code', code, '--name', `Đơn vị ${code}`])).code).toBe(0);
    const viewer = await central(place, ['user', 'add', '--username', 'phuloc', '--role', 'unit-viewer', '--unit', '000.00.22.H56', '--unit', '000.00.23.H56', '--by', 'cntt-so']);
    expect(viewer.code, viewer.err).toBe(0);
    const generated = valueOf(viewer.out, 'PASSWORD') ?? '';
    expect(generated).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

    const server = await serve(place);
    const admin = new TestBrowser(server.url);
    expect((await admin.signIn('sonoivu', FIRST_ADMIN_PASSWORD)).body).toMatchObject({ username: 'sonoivu', role: 'province-admin', units: [] });
    expect((await admin.whoAmI()).body).toMatchObject({ username: 'sonoivu' });
    const unitViewer = new TestBrowser(server.url);
    expect((await unitViewer.signIn('phuloc', generated)).body).toMatchObject({ role: 'unit-viewer', units: ['000.00.22.H56', '000.00.23.H56'] });
    expect(errorCode(await unitViewer.request('GET', '/api/v1/session/units/000.00.21.H56/check'))).toBe('FORBIDDEN');
    expect((await admin.signOut()).status).toBe(204);
    expect(errorCode(await admin.signIn('sonoivu', `${FIRST_ADMIN_PASSWORD}!`))).toBe('SIGN_IN_FAILED');

    const list = await central(place, ['user', 'list']);
    expect(list.out).toMatch(/^phuloc\tXem đơn vị\t000\.00\.22\.H56, 000\.00\.23\.H56\tđang dùng\tsai 0 lần/m);
    expect(list.out).toMatch(/^sonoivu\tQuản trị tỉnh\tmọi đơn vị\tđang dùng\tsai 1 lần/m);

    // Nowhere: not in what the commands printed (but the one generated line), the logs, the audit, the files.
    const logs = server.logs();
    expect(logs).toContain('sign-in checked');
    for (const secret of [FIRST_ADMIN_PASSWORD, generated]) {
      expect(added.out + added.err + logs + list.out).not.toContain(secret);
      for (const file of place.files()) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
    }
    const store = place.storage === 'sqlite' ? openSqliteCentralStore(place.args[1] ?? '') : await openPostgresCentralStore({ connectionString: place.env.DATABASE_URL ?? '' });
    onCleanup(() => store.close());
    const audit = await store.accounts.auditEntries();
    expect(JSON.stringify(audit)).not.toContain(FIRST_ADMIN_PASSWORD);
    // The two units added from the shell are audited too, with the operator (no --by: the OS account) as actor.
    expect(audit.filter((e) => e.event === 'unit-added').map((e) => [e.username === e.actor, e.actor.startsWith('dòng lệnh ('), e.detail])).toEqual([
      [true, true, '000.00.22.H56 "Đơn vị 000.00.22.H56" dưới tỉnh'],
      [true, true, '000.00.23.H56 "Đơn vị 000.00.23.H56" dưới tỉnh'],
    ]);
    const accountAudit = audit.filter((e) => e.event !== 'unit-added');
    expect(accountAudit.map((e) => [e.event, e.username, e.actor])).toEqual([
      ['account-added', 'sonoivu', 'cntt-so'],
      ['account-added', 'phuloc', 'cntt-so'],
      ['sign-in', 'sonoivu', 'sonoivu'],
      ['sign-in', 'phuloc', 'phuloc'],
      ['sign-out', 'sonoivu', 'sonoivu'],
      ['sign-in-failed', 'sonoivu', 'sonoivu'],
    ]);
    expect(accountAudit[1]?.detail).toBe('unit-viewer 000.00.22.H56,000.00.23.H56');
    // The hash is scrypt at the documented cost.
    expect((await store.accounts.findAccount('sonoivu'))?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
  });

  it('user disable ends the sessions; user reset-password replaces the password, ends sessions, clears the lockout', async () => {
    const place = await makePlace();
    await central(place, ['unit', 'add', '--code', '000.00.21.H56', '--name', 'Thành phố Huế']);
    await central(place, ['user', 'add', '--username', 'hue', '--role', 'unit-viewer', '--unit', '000.00.21.H56', '--password-stdin'], `${FIRST_ADMIN_PASSWORD}\n`);
    const server = await serve(place);
    const browser = new TestBrowser(server.url);
    await browser.signIn('hue', FIRST_ADMIN_PASSWORD);
    for (let i = 0; i < 5; i++) await new TestBrowser(server.url).signIn('hue', `đoán sai ${i}`);
    expect(errorCode(await new TestBrowser(server.url).signIn('hue', FIRST_ADMIN_PASSWORD))).toBe('ACCOUNT_LOCKED');
    expect((await central(place, ['user', 'list'])).out).toMatch(/^hue\t.*\ttạm khóa đến /m);

    const reset = await central(place, ['user', 'reset-password', 'hue', '--password-stdin', '--by', 'Nguyễn Văn An'], 'mật khẩu mới của Huế 2026\r\n');
    expect(reset.code, reset.err).toBe(0);
    expect(errorCode(await browser.whoAmI())).toBe('SIGN_IN_REQUIRED');
    expect(errorCode(await new TestBrowser(server.url).signIn('hue', FIRST_ADMIN_PASSWORD))).toBe('SIGN_IN_FAILED');
    const again = new TestBrowser(server.url);
    expect((await again.signIn('hue', 'mật khẩu mới của Huế 2026')).status).toBe(200);

    const disabled = await central(place, ['user', 'disable', 'hue', '--by', 'Nguyễn Văn An']);
    expect(disabled.code, disabled.err).toBe(0);
    expect(errorCode(await again.whoAmI())).toBe('SIGN_IN_REQUIRED');
    expect(errorCode(await again.signIn('hue', 'mật khẩu mới của Huế 2026'))).toBe('ACCOUNT_DISABLED');
    expect((await central(place, ['user', 'list'])).out).toMatch(/^hue\t.*\tđã vô hiệu hóa\t/m);
    expect((await central(place, ['user', 'disable', 'khong-co'])).code).toBe(1);
  });

  it('the audit is append-only in the database itself: rows cannot be changed or erased', async () => {
    const place = await makePlace();
    await central(place, ['user', 'add', '--username', 'hue', '--role', 'province-admin']);
    const attempts = ["UPDATE account_audit SET actor = 'ai đó'", 'DELETE FROM account_audit'];
    if (place.storage === 'sqlite') {
      const db = new BetterSqlite3(join(place.args[1] ?? '', 'central.db'));
      onCleanup(() => db.close());
      for (const sql of attempts) expect(() => db.exec(sql)).toThrow('account_audit is append-only');
      expect(db.prepare('SELECT count(*) AS n FROM account_audit').get()).toEqual({ n: 1 });
    } else {
      const client = new pg.Client({ connectionString: place.env.DATABASE_URL ?? '' });
      await client.connect();
      onCleanup(() => client.end());
      for (const sql of attempts) await expect(client.query(sql)).rejects.toThrow('account_audit are append-only');
      expect((await client.query('SELECT count(*)::int AS n FROM account_audit')).rows).toEqual([{ n: 1 }]);
    }
  });

  it('refuses a weak password, a taken username and a viewer without units, changing nothing', async () => {
    const place = await makePlace();
    const weak = await central(place, ['user', 'add', '--username', 'hue', '--role', 'province-admin', '--password-stdin'], 'hue12345678901\n');
    expect(weak).toMatchObject({ code: 2, err: 'Lỗi: Mật khẩu không được chứa tên đăng nhập.\n', out: '' });
    const short = await central(place, ['user', 'add', '--username', 'hue', '--role', 'province-admin', '--password-stdin'], 'ngắn quá\n');
    expect(short.err).toBe('Lỗi: Mật khẩu cần ít nhất 12 ký tự.\n');
    const empty = await central(place, ['user', 'add', '--username', 'hue', '--role', 'province-admin', '--password-stdin'], '');
    expect(empty.code).toBe(2);
    expect((await central(place, ['user', 'list'])).out).toContain('Chưa có tài khoản nào');

    expect((await central(place, ['user', 'add', '--username', 'hue', '--role', 'province-admin'])).code).toBe(0);
    const taken = await central(place, ['user', 'add', '--username', 'HUE', '--role', 'province-admin']);
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('tài khoản hue đã có');
  });
});

describe('user command arguments', () => {
  it('has no way to give a password in argv, and says so without echoing it', async () => {
    const secret = 'bí mật trên dòng lệnh 2026';
    for (const argv of [
      ['user', 'add', '--username', 'hue', '--role', 'province-admin', '--password', secret],
      ['user', 'add', '--username', 'hue', '--role', 'province-admin', secret],
      ['user', 'reset-password', 'hue', secret],
    ]) {
      let err = '';
      const code = await runCentralCli([...argv, '--data-dir', tempDir()], { stdout: { write: () => undefined }, stderr: { write: (t: string) => (err += t) }, env: {} });
      expect(code).toBe(2);
      expect(err).not.toContain(secret);
    }
  });

  it('parses the user commands and refuses what does not make sense', () => {
    expect(parseCentralArgs(['user', 'add', '--username', ' Hue.Admin ', '--role', 'unit-viewer', '--unit', 'A', '--unit', 'B', '--unit', 'A'])).toEqual({
      command: 'user add', username: 'hue.admin', role: 'unit-viewer', units: ['A', 'B'], passwordFromStdin: false, by: undefined, dataDir: './central-data',
    });
    const refused = (argv: string[]) => {
      try {
        parseCentralArgs(argv);
      } catch (error) {
        if (error instanceof UsageError) return error.message;
      }
      return 'accepted';
    };
    expect(refused(['user', 'add', '--username', 'hue', '--role', 'unit-viewer'])).toBe('Tài khoản Xem đơn vị cần ít nhất một --unit MÃ_ĐƠN_VỊ');
    expect(refused(['user', 'add', '--username', 'hue', '--role', 'province-admin', '--unit', 'A'])).toBe('Quản trị tỉnh xem mọi đơn vị: bỏ --unit');
    expect(refused(['user', 'add', '--role', 'province-admin'])).toBe('Cần --username: tên đăng nhập');
    expect(refused(['user', 'add', '--username', 'hue', '--role', 'root'])).toContain('Cần --role province-admin');
    expect(refused(['user', 'add', '--username', 'nguyễn', '--role', 'province-admin'])).toContain('chữ không dấu');
    expect(refused(['user', 'disable'])).toContain('Cần đúng một tên đăng nhập');
    expect(refused(['user', 'rename', 'hue'])).toContain('user add, user list');
  });
});

describe('passwords', () => {
  it('rules in Vietnamese: length in typed characters, no username, not trivial', () => {
    expect(newPasswordProblem('mười hai ký', 'hue')).toBe('Mật khẩu cần ít nhất 12 ký tự');
    // "ả" typed as a + combining hook is one character: 12 typed characters pass.
    expect(newPasswordProblem('ba\u0309ng đánh giá', 'hue')).toBeNull();
    expect(newPasswordProblem('aaaaaaaaaaaaaaa', 'hue')).toBe('Mật khẩu quá đơn giản: cần ít nhất 4 ký tự khác nhau');
    expect(newPasswordProblem(' có khoảng trắng đầu', 'hue')).toBe('Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng');
    expect(newPasswordProblem('Matkhau123456', 'hue')).toBe('Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác');
    expect(newPasswordProblem('x'.repeat(60) + 'y'.repeat(60) + 'abcdefghi', 'hue')).toBe('Mật khẩu tối đa 128 ký tự');
  });

  it('scrypt at N=2^15 r=8 p=3 by default; the same password composed differently verifies; a bad hash matches nothing', async () => {
    expect(DEFAULT_PASSWORD_COST).toEqual({ N: 32768, r: 8, p: 3 });
    const cheap = { N: 1024, r: 8, p: 1 };
    const hash = await hashPassword('Bảng đánh giá 2026', cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/); // the PIN hashing's form (base64)
    expect(await hashPassword('Bảng đánh giá 2026', cheap)).not.toBe(hash);
    expect(await verifyPassword('Bảng đánh giá 2026', hash)).toBe(true);
    expect(await verifyPassword('Ba\u0309ng đánh giá 2026'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('Bảng đánh giá 2027', hash)).toBe(false);
    expect(await verifyPassword('Bảng đánh giá 2026', 'plain:Bảng đánh giá 2026')).toBe(false);
    expect(newPasswordProblem(generatePassword(), 'hue')).toBeNull();
  });

  it('reads one line from stdin, without its line ending, and refuses an endless one', async () => {
    expect(await readPasswordLine(Readable.from(['một dòng mật khẩu\r\nthừa\n']))).toBe('một dòng mật khẩu');
    expect(await readPasswordLine(Readable.from(['không có xuống dòng']))).toBe('không có xuống dòng');
    expect(await readPasswordLine(Readable.from(['x'.repeat(10_000)]))).toBeUndefined();
    expect(await readPasswordLine(undefined)).toBeUndefined();
  });
});
