// Issue 12 with real file systems instead of injected faults: the data folder on a small tmpfs,
// remounted read-only, or filled to the last byte. Root ignores chmod, but not a read-only mount
// or a full one. Mounting needs CAP_SYS_ADMIN: where the runner lacks it these tests are skipped
// (and say so); storage-outage.test.ts injects the same faults at the open everywhere.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { dispatch } from '../../electron/backend/dispatch';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { startKioskService, STORAGE_RETRY_MS, type KioskService } from '../../electron/backend/kiosk-service';
import { capturingLogger, TEST_PIN_HASH_COST } from '../support/backend-fixture';
import { canMount, mount, tmpfs, unmount } from '../support/tmpfs-mount';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function mounted(sizeKiB: number): string {
  const dir = tmpfs(sizeKiB);
  if (dir === undefined) throw new Error('mount failed after the probe succeeded');
  cleanups.push(() => unmount(dir));
  return dir;
}

function start(dataDir: string) {
  const fired: (() => void)[] = [];
  const service: KioskService = startKioskService({
    dataDir,
    appVersion: '9.9.9-test',
    log: capturingLogger().log,
    pinHashCost: TEST_PIN_HASH_COST,
    autoSync: false,
    timers: {
      setTimeout: (run, ms) => (ms === STORAGE_RETRY_MS ? fired.push(run) : 0),
      clearTimeout: () => undefined,
    },
  });
  cleanups.push(() => service.close());
  const retry = async () => {
    fired.shift()?.();
    await service.settled();
  };
  return { service, retry, call: (name: string, input: unknown = {}) => dispatch(service.endpoint, name, input) };
}

describe.skipIf(!canMount)('the kiosk service on a real tmpfs', () => {
  it('read-only data folder: out of service (HL-NO-WRITE), never thrown; remounted read-write → in service at the next retry', async () => {
    const dataDir = mounted(8192);
    openDatabase(join(dataDir, DATABASE_FILE)).close();
    expect(mount('-o', 'remount,ro', dataDir)).toBe(true);

    const { service, retry, call } = start(dataDir);
    await service.settled();
    expect(service.state()).toMatchObject({ kind: 'out-of-service', outage: { incidentCode: 'HL-NO-WRITE' } });
    expect(await call('getHomeScreen')).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-NO-WRITE' } });

    expect(mount('-o', 'remount,rw', dataDir)).toBe(true);
    await retry();
    expect(service.state().kind).toBe('in-service');
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
  });

  it('full disk at the first start: out of service (HL-DISK-FULL); space freed → in service at the next retry', async () => {
    const dataDir = mounted(4096);
    const filler = join(dataDir, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
    } catch {
      // ENOSPC: the disk is as full as it gets
    }
    const { service, retry, call } = start(dataDir);
    await service.settled();
    expect(service.state()).toMatchObject({ kind: 'out-of-service', outage: { incidentCode: 'HL-DISK-FULL' } });
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE' } });

    rmSync(filler);
    await retry();
    expect(service.state()).toMatchObject({ kind: 'in-service' });
    expect(await call('submitRating', { scale: 'vn-3', level: 3 })).toMatchObject({ ok: true });
  });
});
