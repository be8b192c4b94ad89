// Migration 12: the record chain. Everything stored before it is chained once — every rating in
// seq order, then every reason answer in insertion order — positions 1..N, migrated = 1, links
// that verify from GENESIS; the table is append-only, and chainHeadState reports the migrated end.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import type { RatingRow } from '../../electron/backend/ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from '../../electron/backend/reason-answers-repo';
import { chainHeadState } from '../../electron/backend/record-chain-repo';
import { verifyLocalChain } from '../../electron/backend/record-chain-check';
import { toWireRating } from '../../electron/backend/sync/wire-rating';
import { recordLink } from '../../shared/node/record-chain';
import { GENESIS_LINK } from '../../shared/sync/chain';
import { tempDataDir } from '../support/backend-fixture';

const device = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const ratingId = (seq: number) => `01900000-0000-7000-8000-00000000000${seq}`;
const answerId = (n: number) => `01900000-0000-7000-9000-00000000000${n}`;

describe('migration 012: the record chain', () => {
  it('chains the ratings of version 11 in seq order, then the reason answers in insertion order, once, append-only', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 11));
    const rating = db.prepare(
      `INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, reasons, flags, app_version, boot_id)
       VALUES (?, ?, ?, ?, '2026-11-23', 'vn-3', ?, ?, ?, '[]', '0.1.0', '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')`,
    );
    // Inserted out of seq order: the chain follows seq, not the insertion.
    rating.run(ratingId(3), device, 3, '2026-11-23T09:00:30.000+07:00', 1, null, '[]');
    rating.run(ratingId(1), device, 1, '2026-11-23T09:00:10.000+07:00', 1, 'CB-01', '["thời gian chờ lâu"]');
    rating.run(ratingId(2), device, 2, '2026-11-23T09:00:20.000+07:00', 3, null, '[]');
    db.prepare("DELETE FROM sync_outbox WHERE rating_id = ?").run(ratingId(1)); // seq 1 was synced before: chained all the same
    const answer = db.prepare(`INSERT INTO reason_answers (id, rating_id, device_id, created_at, reasons) VALUES (?, ?, ?, ?, ?)`);
    answer.run(answerId(2), ratingId(3), device, '2026-11-23T09:00:45.000+07:00', '[{"code":"THAI-DO","label":"Thái độ cán bộ chưa tốt"}]');
    answer.run(answerId(1), ratingId(1), device, '2026-11-23T09:00:40.000+07:00', '[{"code":"CHO-LAU","label":"Thời gian chờ lâu"}]');
    const ratingsBefore = db.prepare('SELECT * FROM ratings ORDER BY seq').all();
    expect(hasChainTable(db)).toBe(false);

    migrate(db, migrations.slice(0, 12));
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare('SELECT * FROM ratings ORDER BY seq').all()).toEqual(ratingsBefore);

    const chain = db.prepare('SELECT * FROM record_chain ORDER BY position').all() as { position: number; kind: string; record_id: string; link: string; migrated: number }[];
    expect(chain.map((c) => [c.position, c.kind, c.record_id, c.migrated])).toEqual([
      [1, 'rating', ratingId(1), 1],
      [2, 'rating', ratingId(2), 1],
      [3, 'rating', ratingId(3), 1],
      [4, 'reason-answer', answerId(2), 1],
      [5, 'reason-answer', answerId(1), 1],
    ]);
    // Each link is the hash of the previous one and the record's format-1 wire form.
    let previous = GENESIS_LINK;
    for (const c of chain) {
      const record =
        c.kind === 'rating'
          ? toWireRating(db.prepare('SELECT * FROM ratings WHERE id = ?').get(c.record_id) as RatingRow)
          : toWireReasonAnswer(db.prepare('SELECT * FROM reason_answers WHERE id = ?').get(c.record_id) as ReasonAnswerRow);
      previous = recordLink(previous, c.position, c.kind as 'rating' | 'reason-answer', record);
      expect(c.link).toBe(previous);
    }
    expect(chainHeadState(db)).toEqual({ position: 5, link: previous, migratedThrough: 5, migratedLink: previous });
    expect(verifyLocalChain(db)).toEqual({ ok: true, position: 5 });

    expect(() => db.prepare("UPDATE record_chain SET link = ? WHERE position = 2").run('0'.repeat(64))).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM record_chain WHERE position = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO record_chain (position, kind, record_id, link) VALUES (0, 'rating', 'x', ?)").run('a'.repeat(64))).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO record_chain (position, kind, record_id, link) VALUES (6, 'vote', 'x', ?)").run('a'.repeat(64))).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO record_chain (position, kind, record_id, link) VALUES (6, 'rating', 'x', 'short')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO record_chain (position, kind, record_id, link) VALUES (6, 'rating', ?, ?)").run(ratingId(1), 'a'.repeat(64))).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) AS n FROM record_chain').get()).toEqual({ n: 5 });
    db.close();
  });

  it('on a kiosk with nothing stored yet: an empty chain, nothing migrated', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 11));
    migrate(db, migrations.slice(0, 12));
    expect(db.prepare('SELECT count(*) AS n FROM record_chain').get()).toEqual({ n: 0 });
    expect(chainHeadState(db)).toEqual({ position: 0, link: GENESIS_LINK, migratedThrough: null, migratedLink: null });
    expect(verifyLocalChain(db)).toEqual({ ok: true, position: 0 });
    db.close();
  });
});

function hasChainTable(db: Parameters<typeof verifyLocalChain>[0]): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'record_chain'").pluck().get() === 1;
}
