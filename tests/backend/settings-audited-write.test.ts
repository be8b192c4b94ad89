// The one audited settings write (`saveSettingsAudited`): only changed settings are written and
// get a row, the token only ever masked, and the caller's extra work is atomic with both.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { saveSettingsAudited, type AuditActor } from '../../electron/backend/it-admin/settings-audit-repo';
import type { SecretName, SecretStore } from '../../electron/backend/secret-store';
import { isKioskSetUp, readKioskSettings, readProvisioningInfo, readSyncSettings, savePinnedCentralKey, readPinnedCentralKey } from '../../electron/backend/settings-repo';
import { MASKED_SECRET } from '../../shared/device-settings';
import { defaultKioskSettings } from '../../shared/settings';
import { tempDataDir } from '../support/backend-fixture';

const actor: AuditActor = { role: 'it-admin', officerId: null, name: 'Cán bộ CNTT' };
const token = 'token-thiet-bi-so-mot-0123456789';
const at = new Date('2026-11-29T02:00:00.000Z');

function memorySecrets(): SecretStore & { writes: number } {
  const values = new Map<SecretName, string>();
  const store = {
    writes: 0,
    read: (name: SecretName) => values.get(name),
    write: (name: SecretName, value: string) => {
      store.writes += 1;
      values.set(name, value);
    },
  };
  return store;
}

function database(): Database {
  return openDatabase(join(tempDataDir(), 'kiosk.db'));
}

const rows = (db: Database) =>
  (db.prepare('SELECT at, actor_role, actor_name, via, key, old_value, new_value FROM settings_audit ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
    key: r.key,
    old: r.old_value,
    new: r.new_value,
    via: r.via,
    at: r.at,
  }));

const settingsRows = (db: Database) => db.prepare('SELECT key, value FROM settings ORDER BY key').all();

describe('saveSettingsAudited', () => {
  it('writes and audits only what changed; a second identical save writes nothing and adds no row', () => {
    const db = database();
    const secrets = memorySecrets();
    const changes = {
      kiosk: { officeName: 'UBND xã Tân Phú', counterNumber: 3 },
      sync: { endpoint: 'https://tinh.gov.vn/hai-long' },
      officeIdentity: { officeCode: 'TP-01', kioskLabel: null },
      deviceToken: token,
    };
    const first = saveSettingsAudited(db, { secrets, changes, actor, via: 'setup-screen', at });
    expect(first.changed.map((c) => c.key)).toEqual(['officeCode', 'officeName', 'counterNumber', 'endpoint', 'deviceToken']);
    expect(rows(db)).toEqual([
      { key: 'officeCode', old: null, new: '"TP-01"', via: 'setup-screen', at: at.toISOString() },
      { key: 'officeName', old: JSON.stringify(defaultKioskSettings.officeName), new: '"UBND xã Tân Phú"', via: 'setup-screen', at: at.toISOString() },
      { key: 'counterNumber', old: '1', new: '3', via: 'setup-screen', at: at.toISOString() },
      { key: 'endpoint', old: null, new: '"https://tinh.gov.vn/hai-long"', via: 'setup-screen', at: at.toISOString() },
      { key: 'deviceToken', old: null, new: MASKED_SECRET, via: 'setup-screen', at: at.toISOString() },
    ]);
    expect(isKioskSetUp(db)).toBe(true);
    expect(secrets.read('device-token')).toBe(token);

    const before = settingsRows(db);
    const again = saveSettingsAudited(db, { secrets, changes, actor, via: 'kiosk-cli', at: new Date('2026-11-30T02:00:00.000Z') });
    expect(again.changed).toEqual([]);
    expect(rows(db)).toHaveLength(5);
    expect(settingsRows(db)).toEqual(before);
    // The office identity did not change: provisionedAt keeps the moment it was set.
    expect(readProvisioningInfo(db)?.provisionedAt).toBe(at.toISOString());
    expect(secrets.writes).toBe(1);
    db.close();
  });

  it('never stores a token in clear: a replaced token is masked on both sides', () => {
    const db = database();
    const secrets = memorySecrets();
    saveSettingsAudited(db, { secrets, changes: { deviceToken: token }, actor, via: 'kiosk-cli', at });
    saveSettingsAudited(db, { secrets, changes: { deviceToken: `${token}-moi` }, actor, via: 'kiosk-cli', at });
    expect(rows(db).map((r) => [r.key, r.old, r.new])).toEqual([
      ['deviceToken', null, MASKED_SECRET],
      ['deviceToken', MASKED_SECRET, MASKED_SECRET],
    ]);
    const all = JSON.stringify(db.prepare('SELECT * FROM settings_audit').all());
    expect(all).not.toContain(token);
    db.close();
  });

  it("a failure in the caller's extra work rolls back the settings, their rows and that work; the token is kept", () => {
    const db = database();
    const secrets = memorySecrets();
    saveSettingsAudited(db, { secrets, changes: { kiosk: { officeName: 'UBND xã Tân Phú' }, deviceToken: token }, actor, via: 'setup-screen', at });
    const settingsBefore = settingsRows(db);
    const rowsBefore = rows(db);
    expect(() =>
      saveSettingsAudited(db, {
        secrets,
        changes: { kiosk: { officeName: 'UBND xã Khác', counterNumber: 9 }, sync: { endpoint: 'https://khac.gov.vn/' }, deviceToken: `${token}-moi` },
        actor,
        via: 'provisioning-file',
        at,
        alongside: (changed) => {
          expect(changed.map((c) => c.key)).toEqual(['officeName', 'counterNumber', 'endpoint', 'deviceToken']);
          savePinnedCentralKey(db, 'khoa-trung-tam');
          throw new Error('setup codes refused');
        },
      }),
    ).toThrow('setup codes refused');
    expect(settingsRows(db)).toEqual(settingsBefore);
    expect(rows(db)).toEqual(rowsBefore);
    expect(readPinnedCentralKey(db)).toBeUndefined();
    expect(readKioskSettings(db).officeName).toBe('UBND xã Tân Phú');
    expect(readSyncSettings(db).endpoint).toBeNull();
    expect(secrets.read('device-token')).toBe(token);
    db.close();
  });

  it('an invalid value is refused before anything is written (no row, old token)', () => {
    const db = database();
    const secrets = memorySecrets();
    expect(() =>
      saveSettingsAudited(db, { secrets, changes: { kiosk: { officeName: 'UBND' }, sync: { endpoint: 'not a url' }, deviceToken: token }, actor, via: 'kiosk-cli', at }),
    ).toThrow();
    expect(rows(db)).toEqual([]);
    expect(isKioskSetUp(db)).toBe(false);
    expect(secrets.read('device-token')).toBeUndefined();
    db.close();
  });

  it('inside a caller transaction it is a savepoint: the outer rollback undoes it too', () => {
    const db = database();
    const secrets = memorySecrets();
    expect(() =>
      db
        .transaction(() => {
          saveSettingsAudited(db, { secrets, changes: { kiosk: { counterNumber: 4 } }, actor, via: 'kiosk-cli', at });
          throw new Error('outer');
        })
        .immediate(),
    ).toThrow('outer');
    expect(rows(db)).toEqual([]);
    expect(readKioskSettings(db).counterNumber).toBe(1);
    db.close();
  });
});
