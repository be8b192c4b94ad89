// `npm run central -- …` in-process: provisioning devices and admin tokens, serving on SQLite
// and on PostgreSQL (DATABASE_URL), and refusing bad arguments with exit code 2.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCentralCli, type CentralCliIo } from '../../central/cli';
import { usage } from '../../central/cli-args';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { batchOf, freshPostgresSchema, manualClock, onCleanup, ratingsFor, request, tempDir, testPostgresUrl } from '../support/central-fixture';

function terminal(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let lineSeen: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (lineSeen = resolve));
  const io: CentralCliIo = {
    stdout: { write: (t: string) => { out.push(t); if (t.includes('\n')) lineSeen(out.join('').split('\n')[0] ?? ''); } },
    stderr: { write: (t: string) => err.push(t) },
    env,
    now: manualClock('2026-11-23T02:20:00.412Z').now,
    version: '9.9.9-cli',
  };
  return { io, out: () => out.join(''), err: () => err.join(''), firstLine };
}

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const t = terminal(env);
  const code = await runCentralCli(args, t.io);
  return { code, out: t.out(), err: t.err() };
}

function valueOf(output: string, key: string): string {
  const value = new RegExp(`^${key}=(.+)$`, 'm').exec(output)?.[1];
  if (value === undefined) throw new Error(`${key} missing in: ${output}`);
  return value;
}

describe('central CLI', () => {
  it('adds a device and shows its token once', async () => {
    const dir = tempDir();
    const result = await run(['device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--label', 'Quầy 3 – Hộ tịch', '--data-dir', dir]);

    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toMatch(
      /^Đã thêm thiết bị cho quầy 3 của đơn vị 000\.00\.21\.H56 \(Quầy 3 – Hộ tịch\)\. Mã truy cập chỉ hiển thị một lần: hãy nhập ngay vào máy đánh giá\.\nDEVICE_ID=[0-9a-f-]{36}\nDEVICE_TOKEN=hl_[A-Za-z0-9_-]{43}\n$/,
    );
    const store = openSqliteCentralStore(dir);
    onCleanup(() => store.close());
    expect(await store.authenticateDevice(valueOf(result.out, 'DEVICE_TOKEN'))).toEqual({
      deviceId: valueOf(result.out, 'DEVICE_ID'),
      officeCode: '000.00.21.H56',
      counter: 3,
      label: 'Quầy 3 – Hộ tịch',
      revoked: false,
      createdAt: '2026-11-23T02:20:00.412Z',
    });
  });

  it("registers a kiosk under its own device id, once", async () => {
    const dir = tempDir();
    const id = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
    const args = ['device', 'add', '--device-id', id, '--office', '000.00.21.H56', '--counter', '3', '--data-dir', dir];

    const first = await run(args);
    expect(first.code).toBe(0);
    expect(valueOf(first.out, 'DEVICE_ID')).toBe(id);

    expect(await run(args)).toEqual({ code: 1, out: '', err: `Không thực hiện được lệnh: Thiết bị ${id} đã được đăng ký từ trước\n` });
  });

  it('lists devices as a table, then shows a revoked one as revoked', async () => {
    const dir = tempDir();
    const first = await run(['device', 'add', '--office', '000.00.21.H56', '--counter', '3', '--label', 'Hộ tịch', '--data-dir', dir]);
    const second = await run(['device', 'add', '--office', '000.00.21.H56', '--counter', '12', '--data-dir', dir]);
    const a = valueOf(first.out, 'DEVICE_ID');
    const b = valueOf(second.out, 'DEVICE_ID');
    const store = openSqliteCentralStore(dir);
    await store.ingestBatch(batchOf(ratingsFor(a, [1, 2, 5, 9])), { receivedAt: new Date('2026-11-23T02:20:00.412Z'), now: new Date('2026-11-23T02:20:00.412Z') });
    await store.close();

    expect(await run(['device', 'list', '--data-dir', dir])).toEqual({
      code: 0,
      err: '',
      out:
        'Mã thiết bị                           Đơn vị         Quầy  Nhãn     Trạng thái  Liên lạc lần cuối    Số đánh giá  Seq lớn nhất  Seq còn thiếu  Phiên bản  Chờ gửi  Lệch đồng hồ  Ổ đĩa còn trống\n' +
        `${a}  000.00.21.H56  3     Hộ tịch  hoạt động   2026-11-23 09:20:00  4            9             3–4, 6–8       0.1.0      —        —             —\n` +
        `${b}  000.00.21.H56  12             hoạt động   chưa bao giờ         0            0             —              —          —        —             —\n`,
    });

    expect(await run(['device', 'revoke', b, '--data-dir', dir])).toEqual({
      code: 0,
      err: '',
      out: `Đã thu hồi thiết bị ${b}: máy đánh giá này không gửi được dữ liệu nữa.\n`,
    });
    expect((await run(['device', 'list', '--data-dir', dir])).out).toContain(`${b}  000.00.21.H56  12             đã thu hồi  chưa bao giờ`);
  });

  it('says so when there are no devices yet', async () => {
    expect(await run(['device', 'list', '--data-dir', tempDir()])).toEqual({
      code: 0,
      err: '',
      out: 'Chưa có thiết bị nào. Thêm bằng: npm run central -- device add --office MÃ_ĐƠN_VỊ --counter SỐ_QUẦY\n',
    });
  });

  it('fails with exit code 1 when revoking a device that does not exist', async () => {
    const id = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
    expect(await run(['device', 'revoke', id, '--data-dir', tempDir()])).toEqual({
      code: 1,
      out: '',
      err: `Không có thiết bị ${id}. Xem danh sách bằng "device list".\n`,
    });
  });

  it('creates an admin token that central accepts', async () => {
    const dir = tempDir();
    const result = await run(['admin', 'add', '--label', 'Sở Nội vụ', '--data-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Đã tạo mã quản trị "Sở Nội vụ"\. Mã chỉ hiển thị một lần\.\nADMIN_TOKEN=hl_[A-Za-z0-9_-]{43}\n$/);
    const store = openSqliteCentralStore(dir);
    onCleanup(() => store.close());
    expect(await store.isAdminToken(valueOf(result.out, 'ADMIN_TOKEN'))).toBe(true);
  });

  it.each([
    [[], 0],
    [['help'], 0],
  ])('prints the usage for %j', async (args, code) => {
    expect(await run(args)).toEqual({ code, out: usage, err: '' });
  });

  it.each([
    [['device', 'add', '--office', '000.00.21.H56'], 'Cần --counter: số quầy, một số nguyên dương'],
    [['device', 'add', '--office', '000.00.21.H56', '--counter', '0'], 'Số quầy phải là số nguyên dương'],
    [['device', 'add', '--office', '000.00.21.H56', '--counter', 'ba'], 'Số quầy phải là số nguyên dương'],
    [['device', 'add', '--counter', '3'], 'Cần --office: mã đơn vị, ví dụ 000.00.21.H56'],
    [['device', 'add', '--office', 'X', '--counter', '3', '--device-id', '42'], 'Mã thiết bị không hợp lệ (cần dạng UUID, như máy đánh giá hiển thị)'],
    [['device', 'add', '--office', 'X', '--counter', '3', '--port', '1'], "Tham số không hợp lệ (Unknown option '--port')"],
    [['device', 'revoke', 'quầy-3'], 'Mã thiết bị không hợp lệ (cần dạng UUID, xem "device list")'],
    [['device', 'revoke'], 'Cần đúng một mã thiết bị'],
    [['device', 'list', 'extra'], "Tham số không hợp lệ (Unexpected argument 'extra')"],
    [['admin', 'add'], 'Cần --label: tên người hoặc hệ thống dùng mã quản trị'],
    [['serve', '--port', 'abc'], 'Cổng phải là số từ 0 đến 65535'],
    [['serve', '--port', '70000'], 'Cổng phải là số từ 0 đến 65535'],
    [['serve', '--data-dir', ' '], 'Thư mục dữ liệu không được để trống'],
    [['launch'], 'Lệnh không hợp lệ: "launch"'],
  ])('refuses %j with exit code 2', async (args, message) => {
    expect(await run(args)).toEqual({ code: 2, out: '', err: `Lỗi: ${message}.\n\n${usage}` });
  });

  it('serves on SQLite: one CENTRAL_URL line, health, then a clean stop', async () => {
    const dir = tempDir();
    const t = terminal();
    const stop = new AbortController();
    const exited = runCentralCli(['serve', '--port', '0', '--data-dir', dir], { ...t.io, shutdown: stop.signal });

    const line = await t.firstLine;
    expect(line).toMatch(/^CENTRAL_URL=http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('CENTRAL_URL='.length);
    expect(await request(`${url}/api/v1/health`)).toEqual({
      status: 200,
      body: { status: 'ok', storage: 'sqlite', version: '9.9.9-cli', time: '2026-11-23T02:20:00.412Z' },
    });

    stop.abort();
    expect(await exited).toBe(0);
    expect(t.out()).toBe(`${line}\n`);
    const logs = t.err().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(logs.map((l) => l.msg)).toEqual(['central listening', 'central stopping']);
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
  });

  it('serves on PostgreSQL when DATABASE_URL is set, and provisions there too', async () => {
    const schema = await freshPostgresSchema('cli');
    const databaseUrl = `${testPostgresUrl()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const added = await run(['device', 'add', '--office', '000.00.21.H56', '--counter', '1'], { DATABASE_URL: databaseUrl });
    expect(added.code).toBe(0);

    const t = terminal({ DATABASE_URL: databaseUrl });
    const stop = new AbortController();
    const exited = runCentralCli(['serve', '--port', '0'], { ...t.io, shutdown: stop.signal });
    const url = (await t.firstLine).slice('CENTRAL_URL='.length);
    expect((await request(`${url}/api/v1/health`)).body).toMatchObject({ storage: 'postgres' });
    stop.abort();
    expect(await exited).toBe(0);

    expect((await run(['device', 'list'], { DATABASE_URL: databaseUrl })).out).toContain(valueOf(added.out, 'DEVICE_ID'));
  });

  it('fails with exit code 1 when the port is taken', async () => {
    const dir = tempDir();
    const first = terminal();
    const stop = new AbortController();
    const exited = runCentralCli(['serve', '--port', '0', '--data-dir', dir], { ...first.io, shutdown: stop.signal });
    const port = /:(\d+)$/.exec(await first.firstLine)?.[1] ?? '';

    const second = await run(['serve', '--port', port, '--data-dir', join(dir, 'other')]);
    expect(second.code).toBe(1);
    expect(second.out).toBe('');
    expect(second.err).toMatch(/^Không khởi động được máy chủ trung tâm: .*EADDRINUSE/m);

    stop.abort();
    expect(await exited).toBe(0);
  });
});
