// Migration 6 adds reason answers beside the ratings of version 5, which stay as they were:
// pending ones still pending, none rewritten. Answers queue for sync in their own transaction.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { tempDataDir } from '../support/backend-fixture';

describe('migration 006: reason answers', () => {
  it('keeps the ratings and outbox of version 5, then queues each answer once and refuses a second for a rating', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 5));
    const insert = db.prepare(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, app_version, boot_id)
       VALUES (?, 'dev', ?, '2026-11-23T09:00:00.000+07:00', '2026-11-23', 'vn-3', 3, '0.1.0', 'boot')`,
    );
    for (let seq = 1; seq <= 3; seq++) insert.run(`r-${seq}`, seq);
    db.prepare("DELETE FROM sync_outbox WHERE rating_id = 'r-1'").run(); // r-1 was synced under version 5
    const ratingsBefore = db.prepare('SELECT * FROM ratings ORDER BY seq').all();

    migrate(db, migrations.slice(0, 6));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT * FROM ratings ORDER BY seq').all()).toEqual(ratingsBefore);
    expect(db.prepare('SELECT rating_id FROM sync_outbox ORDER BY seq').all()).toEqual([{ rating_id: 'r-2' }, { rating_id: 'r-3' }]);
    expect(db.prepare('SELECT count(*) AS n FROM reason_outbox').get()).toEqual({ n: 0 });

    const answer = db.prepare("INSERT INTO reason_answers (id, rating_id, device_id, created_at, reasons) VALUES (?, ?, 'dev', '2026-11-23T09:00:20.000+07:00', ?)");
    answer.run('a-1', 'r-1', '[{"code":"CHO-LAU","label":"Thời gian chờ lâu"}]');
    expect(db.prepare('SELECT answer_id FROM reason_outbox').all()).toEqual([{ answer_id: 'a-1' }]);
    expect(() => answer.run('a-2', 'r-1', '[{"code":"KHAC","label":"Lý do khác"}]')).toThrow(/UNIQUE/);
    expect(() => answer.run('a-3', 'ghost', '[{"code":"KHAC","label":"Lý do khác"}]')).toThrow(/FOREIGN KEY/);
    expect(() => answer.run('a-4', 'r-2', '[]')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM reason_answers').get()).toEqual({ n: 1 });
    db.close();
  });
});
