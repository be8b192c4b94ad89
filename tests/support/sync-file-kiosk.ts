// A kiosk data folder for sync-file tests: the real database and file secret store, ratings and
// reason answers inserted through their repos (so the outbox triggers queue them), clock pinned.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { toLocalIso } from '../../shared/local-time';
import { asksForReasons } from '../../shared/scales';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { insertRating, type RatingRow } from '../../electron/backend/ratings-repo';
import { insertReasonAnswer } from '../../electron/backend/reason-answers-repo';
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

/**
 * Answers every rating that asks for reasons and has none yet, half a minute after it. The id
 * is the rating's with 9000 for its fourth group. Returns how many answers were added.
 */
export function answerNegativeRatings(kiosk: Pick<TestKiosk, 'db' | 'deviceId'>): number {
  const unanswered = kiosk.db.prepare('SELECT * FROM ratings WHERE id NOT IN (SELECT rating_id FROM reason_answers) ORDER BY seq').all() as RatingRow[];
  const negative = unanswered.filter((r) => asksForReasons(r.scale, r.level));
  kiosk.db.transaction(() => {
    for (const r of negative) {
      insertReasonAnswer(kiosk.db, {
        id: r.id.replace(/-8000-/, '-9000-'),
        ratingId: r.id,
        deviceId: kiosk.deviceId,
        createdAt: toLocalIso(new Date(Date.parse(r.created_at) + 30_000), 'Asia/Ho_Chi_Minh'),
        reasons: [
          { code: 'CHO-LAU', label: 'Thời gian chờ lâu' },
          { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' },
        ],
      });
    }
  })();
  return negative.length;
}

export function pendingReasonAnswerCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM reason_outbox').get() as { n: number }).n;
}
