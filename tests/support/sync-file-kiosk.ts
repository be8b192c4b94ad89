// A kiosk data folder for sync-file tests: the real database and file secret store, ratings
// inserted through the ratings repo (so the outbox trigger queues them), clock pinned.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { toLocalIso } from '../../shared/local-time';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { insertRating } from '../../electron/backend/ratings-repo';
import { fileSecretStore, type SecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceId } from '../../electron/backend/settings-repo';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

export function tempFolder(prefix = 'hai-long-sync-files-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestKiosk {
  dataDir: string;
  db: Database;
  secrets: SecretStore;
  deviceId: string;
}

export function openTestKiosk(dataDir = tempFolder()): TestKiosk {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  cleanups.push(() => db.close());
  return { dataDir, db, secrets: fileSecretStore(dataDir), deviceId: ensureDeviceId(db) };
}

const start = Date.parse('2026-11-23T01:00:00.000Z');

/** Appends `count` ratings (seq continues), one per 7 s, levels cycling on vn-3. */
export function addRatings(kiosk: Pick<TestKiosk, 'db' | 'deviceId'>, count: number): void {
  const insertAll = kiosk.db.transaction(() => {
    const { n } = kiosk.db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number };
    for (let i = n; i < n + count; i += 1) {
      const at = new Date(start + i * 7000 + 123);
      insertRating(kiosk.db, {
        id: `01900000-0000-7000-8000-${(i + 1).toString().padStart(12, '0')}`.replace(/^0190/, kiosk.deviceId.slice(0, 4)),
        device_id: kiosk.deviceId,
        created_at: toLocalIso(at, 'Asia/Ho_Chi_Minh'),
        local_day: toLocalIso(at, 'Asia/Ho_Chi_Minh').slice(0, 10),
        scale: 'vn-3',
        level: (i % 3) + 1,
        officer_id: null,
        service_code: i % 5 === 0 ? 'HO-TICH' : null,
        dossier_code: null,
        reasons: i % 3 === 2 ? ['thời gian chờ lâu'] : [],
        flags: [],
        app_version: '0.1.0',
        boot_id: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      });
    }
  });
  insertAll();
}

export function pendingCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
}
