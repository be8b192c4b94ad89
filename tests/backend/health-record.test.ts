// The kiosk side of issue 16's health record (electron/backend/sync/health-record.ts) on a real
// SQLite file: what it counts as pending (leaving out what the batch carries), the quarantine, the
// storage incidents, the sizes; and that it never stands in a batch's way.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { kioskHealthRecordSchema } from '../../shared/sync/health-record';
import { generateSigningKeyPair } from '../../shared/sync-files/signed-file';
import { insertIncident, markIncidentsSent } from '../../electron/backend/storage/incidents-repo';
import { buildHealthRecord } from '../../electron/backend/sync/health-record';
import { commitAck, nextBatch } from '../../electron/backend/sync/outbox-repo';
import { makeIncident } from '../support/incident-fixture';
import { addRatings, openTestKiosk } from '../support/sync-file-kiosk';

const NOW = new Date('2026-11-23T02:30:00.000Z');

describe('the kiosk health record', () => {
  it('counts what waits beyond the carried records, the quarantine, the incidents and the storage', async () => {
    const kiosk = openTestKiosk();
    const { db } = kiosk;
    const empty = buildHealthRecord({ db, deviceId: kiosk.deviceId, now: NOW, appVersion: '0.1.0' });
    expect(empty).toMatchObject({ recordedAt: '2026-11-23T09:30:00.000+07:00', timeZone: 'Asia/Ho_Chi_Minh', pending: { ratings: 0, reasonAnswers: 0, oldestCreatedAt: null }, lastRating: null, quarantined: 0 });

    addRatings(kiosk, 6);
    const carried = nextBatch(db, 4, 1_000_000).ratings;
    const record = buildHealthRecord({ db, deviceId: kiosk.deviceId, now: NOW, appVersion: '0.1.0', carried: { ratingIds: carried.map((r) => r.id), reasonAnswerIds: [] } });
    const rows = db.prepare('SELECT seq, created_at FROM ratings ORDER BY seq').all() as { seq: number; created_at: string }[];
    expect(record?.pending).toEqual({ ratings: 2, reasonAnswers: 0, oldestCreatedAt: rows[4]?.created_at });
    expect(record?.lastRating).toEqual({ seq: 6, createdAt: rows[5]?.created_at });
    expect(record?.schemaVersion).toBe(db.pragma('user_version', { simple: true }));
    expect(record?.storage.databaseBytes).toBeGreaterThan(0);
    expect(record?.storage.freeDiskBytes).toBeGreaterThan(0);
    // Ids that are not pending (or not ids at all) change nothing.
    expect(buildHealthRecord({ db, deviceId: kiosk.deviceId, now: NOW, appVersion: '0.1.0', carried: { ratingIds: ['x', '00000000-0000-0000-0000-000000000000'], reasonAnswerIds: ['y'] } })?.pending.ratings).toBe(6);

    // Central answers: four synced, one conflicting (quarantined), one left pending.
    const ids = carried.map((r) => r.id);
    commitAck(db, { batchId: '0193a1c3-2b4d-7e6f-8a9b-0c1d2e3f4a5b', accepted: ids.slice(0, 3) as string[], duplicate: [], conflicts: [{ id: ids[3] as string, reason: 'khác' }], receivedAt: NOW.toISOString() }, NOW.toISOString());
    const { privateKeyPkcs8: privateKey } = await generateSigningKeyPair();
    const first = await makeIncident(kiosk.deviceId, privateKey);
    insertIncident(db, first);
    insertIncident(db, await makeIncident(kiosk.deviceId, privateKey, { detectedAt: '2026-11-23T09:31:00.000+07:00' }));
    markIncidentsSent(db, [first.id], NOW.toISOString());
    const after = buildHealthRecord({ db, deviceId: kiosk.deviceId, now: NOW, appVersion: '0.1.0' });
    expect([after?.pending.ratings, after?.quarantined, after?.incidents]).toEqual([2, 1, { recorded: 2, unacknowledged: 1 }]);
    expect(kioskHealthRecordSchema.safeParse(after).success).toBe(true);
    // No personal data, no secret: only these keys.
    expect(Object.keys(after ?? {}).sort()).toEqual(['appVersion', 'incidents', 'lastRating', 'pending', 'quarantined', 'recordedAt', 'schemaVersion', 'storage', 'timeZone']);
  });

  it('a record that cannot be built is left out (null) and logged, never thrown at the batch', () => {
    const kiosk = openTestKiosk();
    const { db } = kiosk;
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    expect(buildHealthRecord({ db, deviceId: kiosk.deviceId, now: NOW, appVersion: 'x'.repeat(41), log })).toBeNull();
    expect(lines.some((l) => l.includes('health record could not be built'))).toBe(true);
  });
});
