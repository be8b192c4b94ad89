// Migration 13: storage incidents. One row per signed incident, recorded once; append-only except
// sent_at, set once; the repo lists unsent ones oldest first, all of them newest first.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/backend/database';
import { migrations } from '../../electron/backend/migrations';
import { insertIncident, listIncidents, markIncidentsSent, unsentIncidents } from '../../electron/backend/storage/incidents-repo';
import { generateSigningKeyPair } from '../../shared/sync-files/signed-file';
import { tempDataDir } from '../support/backend-fixture';
import { makeIncident } from '../support/incident-fixture';

const device = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('migration 013: storage incidents', () => {
  it('adds the table to a version 12 database, STRICT, append-only except sent_at once', () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations.slice(0, 12));
    migrate(db, migrations.slice(0, 13));
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    const insert = db.prepare('INSERT INTO storage_incidents (id, at, kind, record) VALUES (?, ?, ?, ?)');
    insert.run('i1', '2026-11-23T09:00:00.000+07:00', 'database-rebuilt', '{}');
    expect(() => insert.run('i2', Buffer.from('x'), 'database-rebuilt', '{}')).toThrow(/cannot store BLOB value in TEXT column/);
    expect(() => insert.run('i1', 'x', 'database-rebuilt', '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare('INSERT INTO storage_incidents (id, at, kind) VALUES (?, ?, ?)').run('i3', 'x', 'k')).toThrow(/NOT NULL/);
    expect(() => db.prepare("UPDATE storage_incidents SET record = '{\"x\":1}' WHERE id = 'i1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE storage_incidents SET kind = 'wal-lost' WHERE id = 'i1'").run()).toThrow(/append-only/);
    db.prepare("UPDATE storage_incidents SET sent_at = '2026-11-23T10:00:00.000+07:00' WHERE id = 'i1'").run();
    expect(() => db.prepare("UPDATE storage_incidents SET sent_at = '2026-11-24T10:00:00.000+07:00' WHERE id = 'i1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE storage_incidents SET sent_at = NULL WHERE id = 'i1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM storage_incidents WHERE id = 'i1'").run()).toThrow(/append-only/);
    expect(db.prepare('SELECT sent_at FROM storage_incidents').pluck().all()).toEqual(['2026-11-23T10:00:00.000+07:00']);
    db.close();
  });

  it('the repo: records a signed incident once, lists unsent oldest first and all newest first, marks sent once', async () => {
    const db = openDatabase(join(tempDataDir(), 'kiosk.db'), migrations);
    const keys = await generateSigningKeyPair();
    const first = await makeIncident(device, keys.privateKeyPkcs8, { detectedAt: '2026-11-23T09:00:00.000+07:00', lostSeqRanges: [{ from: 4, to: 6 }], lostChainRanges: [{ from: 7, to: 9 }] });
    const second = await makeIncident(device, keys.privateKeyPkcs8, { kind: 'wal-lost', detectedAt: '2026-11-24T09:00:00.000+07:00' });
    insertIncident(db, first);
    insertIncident(db, second);
    insertIncident(db, first); // recorded once
    expect(db.prepare('SELECT count(*) FROM storage_incidents').pluck().get()).toBe(2);
    expect(db.prepare('SELECT id, at, kind FROM storage_incidents WHERE id = ?').get(first.id)).toEqual({ id: first.id, at: first.detectedAt, kind: 'database-rebuilt' });
    expect(unsentIncidents(db)).toEqual([first, second]);
    expect(listIncidents(db)).toEqual([
      { incident: second, sentAt: null },
      { incident: first, sentAt: null },
    ]);

    markIncidentsSent(db, [first.id], '2026-11-23T10:00:00.000+07:00');
    markIncidentsSent(db, [first.id, second.id], '2026-11-25T10:00:00.000+07:00'); // first keeps its first time
    expect(unsentIncidents(db)).toEqual([]);
    expect(listIncidents(db).map((s) => s.sentAt)).toEqual(['2026-11-25T10:00:00.000+07:00', '2026-11-23T10:00:00.000+07:00']);

    // Not an incident: refused before anything is written.
    expect(() => insertIncident(db, { ...first, id: 'not-a-uuid' })).toThrow();
    expect(() => insertIncident(db, { ...first, id: crypto.randomUUID(), extra: 1 } as never)).toThrow();
    expect(db.prepare('SELECT count(*) FROM storage_incidents').pluck().get()).toBe(2);
    db.close();
  });
});
