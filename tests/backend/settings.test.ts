import { describe, expect, it } from 'vitest';
import { resolveDataDir, osUserDataDir } from '../../electron/backend/data-dir';
import { ensureDeviceId, readKioskSettings, saveKioskSettings } from '../../electron/backend/settings-repo';
import { defaultKioskSettings } from '../../shared/settings';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';

describe('kiosk settings', () => {
  it('start from the defaults: vn-3 and Asia/Ho_Chi_Minh', () => {
    const { context } = openTestBackend({ dataDir: tempDataDir() });
    expect(readKioskSettings(context.db)).toEqual(defaultKioskSettings);
    expect(defaultKioskSettings).toMatchObject({ scaleId: 'vn-3', timeZone: 'Asia/Ho_Chi_Minh' });
  });

  it('save valid values and refuse invalid ones without writing', () => {
    const { context } = openTestBackend({ dataDir: tempDataDir() });
    saveKioskSettings(context.db, { officeName: 'UBND xã Tân Phú', counterNumber: 3, scaleId: 'vn-5' });
    expect(readKioskSettings(context.db)).toMatchObject({ officeName: 'UBND xã Tân Phú', counterNumber: 3, scaleId: 'vn-5' });
    for (const bad of [{ officeName: '  ' }, { counterNumber: 0 }, { timeZone: 'Mars/Olympus' }, { thankYouSeconds: 1 }]) {
      expect(() => saveKioskSettings(context.db, bad)).toThrow();
    }
    expect(readKioskSettings(context.db)).toMatchObject({ officeName: 'UBND xã Tân Phú', counterNumber: 3 });
  });

  it('fall back to the defaults, with a warning, when the stored value no longer parses', () => {
    const { context } = openTestBackend({ dataDir: tempDataDir() });
    context.db.prepare("INSERT INTO settings (key, value) VALUES ('kiosk', '{\"scaleId\":\"vn-7\"}')").run();
    const issues: string[] = [];
    expect(readKioskSettings(context.db, (i) => issues.push(i))).toEqual(defaultKioskSettings);
    expect(issues).toHaveLength(1);
  });

  it('keep one device id forever', () => {
    const dataDir = tempDataDir();
    const first = openTestBackend({ dataDir, log: capturingLogger().log });
    const id = first.context.deviceId;
    expect(ensureDeviceId(first.context.db, () => 'never-used')).toBe(id);
    first.close();
    expect(openTestBackend({ dataDir }).context.deviceId).toBe(id);
  });
});

describe('data folder', () => {
  it('prefers --data-dir, then KIOSK_DATA_DIR, then the OS user-data folder', () => {
    expect(resolveDataDir({ flag: '/a', env: { KIOSK_DATA_DIR: '/b' }, userDataDir: '/c' })).toBe('/a');
    expect(resolveDataDir({ flag: undefined, env: { KIOSK_DATA_DIR: '/b' }, userDataDir: '/c' })).toBe('/b');
    expect(resolveDataDir({ flag: undefined, env: {}, userDataDir: '/c' })).toBe('/c');
    expect(() => resolveDataDir({ flag: ' ', env: {}, userDataDir: '/c' })).toThrow(/không được để trống/);
  });

  it('has an XDG / AppData equivalent of userData for browser mode', () => {
    expect(osUserDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/hai-long-kiosk');
    expect(osUserDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.hai-long-kiosk$/);
  });
});
