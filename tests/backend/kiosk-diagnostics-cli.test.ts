// `npm run kiosk -- diagnostics`: IT's look at the storage without the staff area (issue 12).
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/backend/dispatch';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { migrations } from '../../electron/backend/migrations';
import { openTestBackend, tempDataDir } from '../support/backend-fixture';
import { runKiosk } from '../support/cli-runners';

describe('kiosk diagnostics', () => {
  it('a sound kiosk: the folder, the database opens and passes its check, the space each part uses; exit 0', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false });
    expect(await dispatch(backend.endpoint, 'submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
    await backend.close();

    const { code, out } = await runKiosk(dataDir, 'diagnostics');
    expect(code).toBe(0);
    expect(out).toContainEqual(`Thư mục dữ liệu: ${dataDir}`);
    expect(out).toContainEqual(expect.stringMatching(/^Cơ sở dữ liệu: mở được \(kiosk\.db, [\d.,]+ (byte|KB|MB)\)$/));
    expect(out).toContainEqual('Kiểm tra toàn vẹn: ok');
    expect(out).toContainEqual('Sự cố lưu trữ: không có');
    expect(out).toContainEqual(expect.stringMatching(/^Dung lượng trống: [\d.,]+ (byte|KB|MB|GB|TB)$/));
    expect(out).toContainEqual(expect.stringMatching(/^Bản chụp dữ liệu \(snapshots\): \d+ tệp/));
    expect(out).toContainEqual(expect.stringMatching(/^Thư mục cách ly \(quarantine\): /));
    expect(out).toContainEqual(expect.stringMatching(/^Nhật ký \(logs\): /));
  });

  it('a database newer than the code: the cause and the incident code the screen shows; exit 1, the database left as it was', async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, DATABASE_FILE);
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();

    const { code, out } = await runKiosk(dataDir, 'diagnostics');
    expect(code).toBe(1);
    expect(out).toContainEqual(expect.stringMatching(/^Cơ sở dữ liệu: KHÔNG mở được — /));
    expect(out).toContainEqual('Mã sự cố: HL-DB-TOO-NEW (database-too-new)');
    expect(out).toContainEqual(expect.stringMatching(/^Dung lượng trống: /));
    const after = new BetterSqlite3(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    after.close();
  });

  it('kiosk.db that is a folder: not openable, exit 1', async () => {
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, DATABASE_FILE));
    const { code, out } = await runKiosk(dataDir, 'diagnostics');
    expect(code).toBe(1);
    expect(out).toContainEqual(expect.stringMatching(/^Mã sự cố: HL-/));
  });

  it('a data folder without a database yet: says so, creates nothing', async () => {
    const dataDir = tempDataDir();
    const { code, out } = await runKiosk(dataDir, 'diagnostics');
    expect(code).toBe(0);
    expect(out).toContainEqual(expect.stringMatching(/^Cơ sở dữ liệu: chưa có/));
    expect(() => statSync(join(dataDir, DATABASE_FILE))).toThrow();
  });
});
