// Migration 2 adds the sync outbox and must queue every rating stored under version 1.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

describe('migration 002: sync outbox', () => {
  it('queues every rating stored before it, and every rating stored after it', () => {
    const file = join(tempDataDir(), 'kiosk.db');
    const v1 = openDatabase(file, migrations.slice(0, 1));
    const insert = v1.prepare(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
       VALUES (?, 'dev', ?, '2026-11-23T09:00:00.000+07:00', '2026-11-23', 'vn-3', 1, '0.1.0', 'boot')`,
    );
    for (let seq = 1; seq <= 3; seq++) insert.run(`old-${seq}`, seq);
    expect(v1.pragma('user_version', { simple: true })).toBe(1);

    migrate(v1, migrations.slice(0, 2));
    expect(v1.pragma('user_version', { simple: true })).toBe(2);
    expect(v1.prepare('SELECT rating_id, seq FROM sync_outbox ORDER BY seq').all()).toEqual([
      { rating_id: 'old-1', seq: 1 },
      { rating_id: 'old-2', seq: 2 },
      { rating_id: 'old-3', seq: 3 },
    ]);
    insert.run('new-4', 4);
    expect(v1.prepare('SELECT rating_id FROM sync_outbox WHERE seq = 4').get()).toEqual({ rating_id: 'new-4' });
    expect(v1.prepare('SELECT count(*) AS n FROM sync_quarantine').get()).toEqual({ n: 0 });
    v1.close();
  });

  it('refuses an outbox row for a rating that does not exist', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'));
    expect(() => db.prepare("INSERT INTO sync_outbox (rating_id, seq) VALUES ('ghost', 1)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
