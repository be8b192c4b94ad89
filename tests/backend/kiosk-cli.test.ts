// The kiosk CLI, run in-process on a real data folder: `configure-sync` changes land in the
// settings audit log as 'kiosk-cli', named after the OS account, the token only ever masked.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../../electron/backend/cli/kiosk-cli';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceId } from '../../electron/backend/settings-repo';
import { MASKED_SECRET } from '../../shared/device-settings';
import { tempDataDir } from '../support/backend-fixture';
import { fakeCentral } from '../support/it-admin-fixture';
import { runKiosk as kiosk } from '../support/cli-runners';

const firstToken = 'token-thiet-bi-so-mot-0123456789';
const secondToken = 'token-thiet-bi-so-hai-9876543210';


function auditRows(dataDir: string) {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return db.prepare('SELECT * FROM settings_audit ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const changes = (rows: Record<string, unknown>[]) => rows.map((r) => ({ key: r.key, old: r.old_value, new: r.new_value }));

describe('kiosk CLI: configure-sync is audited', () => {
  it('records endpoint and token changes as the OS user, via kiosk-cli, token masked', async () => {
    const dataDir = tempDataDir();
    expect((await kiosk(dataDir, 'configure-sync', '--endpoint', 'https://tinh.gov.vn/hai-long/', '--token', firstToken)).code).toBe(0);

    const first = auditRows(dataDir);
    expect(first).toHaveLength(2);
    for (const row of first) {
      expect(row).toMatchObject({ actor_role: 'it-admin', actor_officer_id: null, actor_name: `dòng lệnh (${userInfo().username})`, via: 'kiosk-cli' });
      expect(Number.isNaN(Date.parse(String(row.at)))).toBe(false);
    }
    expect(changes(first)).toEqual([
      { key: 'endpoint', old: null, new: '"https://tinh.gov.vn/hai-long"' },
      { key: 'deviceToken', old: null, new: MASKED_SECRET },
    ]);

    // A new endpoint and a new token: old → new, the token still masked on both sides.
    expect((await kiosk(dataDir, 'configure-sync', '--endpoint', 'https://tinh.gov.vn/v2', '--token', secondToken)).code).toBe(0);
    expect(changes(auditRows(dataDir).slice(2))).toEqual([
      { key: 'endpoint', old: '"https://tinh.gov.vn/hai-long"', new: '"https://tinh.gov.vn/v2"' },
      { key: 'deviceToken', old: MASKED_SECRET, new: MASKED_SECRET },
    ]);

    // The same values again change nothing, so they add no row.
    expect((await kiosk(dataDir, 'configure-sync', '--endpoint', 'https://tinh.gov.vn/v2', '--token', secondToken)).code).toBe(0);
    expect(auditRows(dataDir)).toHaveLength(4);

    // An office without network: only the endpoint changes; the token stays.
    expect((await kiosk(dataDir, 'configure-sync', '--no-network')).code).toBe(0);
    expect(changes(auditRows(dataDir).slice(4))).toEqual([{ key: 'endpoint', old: '"https://tinh.gov.vn/v2"', new: null }]);
    expect(fileSecretStore(dataDir).read('device-token')).toBe(secondToken);

    const everything = JSON.stringify(auditRows(dataDir));
    expect(everything).not.toContain(firstToken);
    expect(everything).not.toContain(secondToken);
  });

  it('refuses a bad endpoint without changing the token or writing a row', async () => {
    const dataDir = tempDataDir();
    expect((await kiosk(dataDir, 'configure-sync', '--endpoint', 'https://tinh.gov.vn/hai-long', '--token', firstToken)).code).toBe(0);
    const refused = await kiosk(dataDir, 'configure-sync', '--endpoint', 'ftp://tinh.gov.vn', '--token', secondToken);
    expect(refused.code).toBe(2);
    expect(refused.err.join('\n')).toContain('http:// hoặc https://');
    expect(fileSecretStore(dataDir).read('device-token')).toBe(firstToken);
    expect(auditRows(dataDir)).toHaveLength(2);
  });
});

describe('kiosk CLI: the audit actor', () => {
  it('names the OS account, else USER or USERNAME, else "không rõ"', () => {
    expect(cliActor({}, () => 'lan')).toEqual({ role: 'it-admin', officerId: null, name: 'dòng lệnh (lan)' });
    const noPasswdEntry = () => {
      throw new Error('ENOENT');
    };
    expect(cliActor({ USER: 'minh' }, noPasswdEntry).name).toBe('dòng lệnh (minh)');
    expect(cliActor({ USERNAME: 'CNTT-Huyen' }, () => '').name).toBe('dòng lệnh (CNTT-Huyen)');
    expect(cliActor({}, noPasswdEntry).name).toBe('dòng lệnh (không rõ)');
  });
});

describe('kiosk CLI: import-provisioning is audited', () => {
  it('applies the file and writes its audit rows via kiosk-cli, the token masked', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    const deviceId = ensureDeviceId(db);
    db.close();
    const central = await fakeCentral();
    const file = await central.provisioning(tempDataDir(), { deviceId, languages: ['vi', 'en'] });

    const run = await kiosk(dataDir, 'import-provisioning', file, '--fingerprint', central.fingerprint);
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(run.out.join('\n')).toContain('Đã áp dụng cấu hình: UBND phường Bến Thành (000.00.21.H99), quầy 5');
    const rows = auditRows(dataDir);
    expect(rows.every((r) => r.via === 'kiosk-cli' && r.actor_name === `dòng lệnh (${userInfo().username})`)).toBe(true);
    expect(changes(rows)).toEqual(
      expect.arrayContaining([
        { key: 'officeName', old: '"Bộ phận Tiếp nhận và Trả kết quả"', new: '"UBND phường Bến Thành"' },
        { key: 'languages', old: '["vi"]', new: '["vi","en"]' },
        { key: 'deviceToken', old: null, new: MASKED_SECRET },
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain(fileSecretStore(dataDir).read('device-token'));
  });
});
