// Reasons given after a negative rating reach central exactly once, like ratings: in the
// rating's batch or later on their own, through a lost response, and never as a change to the
// rating. A real kiosk backend, the real central server on 127.0.0.1, the fault proxy between.
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalRatingJson } from '../../shared/sync/wire';
import { findReasonAnswerFor, toWireReasonAnswer } from '../../electron/backend/reason-answers-repo';
import { outboxStats } from '../../electron/backend/sync/outbox-repo';
import { batchOf } from '../support/central-fixture';
import { call, must } from '../support/staff-fixture';
import { enrolledKiosk, picture, startCentral, type Central, type Kiosk } from '../support/sync-rig';

let central: Central;
let kiosk: Kiosk;
afterEach(async () => {
  await kiosk.close();
  await central.close();
});

async function negativeWithReasons(codes: string[]): Promise<{ ratingId: string; answerId: string }> {
  const rating = (await must(kiosk.backend, 'submitRating', { scale: 'vn-3', level: 3 })) as { id: string };
  const answer = (await must(kiosk.backend, 'submitReasons', { ratingId: rating.id, reasonCodes: codes })) as { id: string };
  return { ratingId: rating.id, answerId: answer.id };
}

async function setUp(): Promise<void> {
  central = await startCentral();
  kiosk = await enrolledKiosk(central);
}

describe('reason answers over HTTP sync', () => {
  it('travel with their rating, with the labels the citizen saw; the rating is unchanged', async () => {
    await setUp();
    await must(kiosk.backend, 'submitRating', { scale: 'vn-3', level: 1 });
    const { ratingId, answerId } = await negativeWithReasons(['THAI-DO', 'CHO-LAU']);
    expect(outboxStats(kiosk.backend.context.db)).toMatchObject({ pendingCount: 2, pendingReasonAnswers: 1 });

    await kiosk.backend.sync.trigger('manual');
    expect(outboxStats(kiosk.backend.context.db)).toMatchObject({ pendingCount: 0, pendingReasonAnswers: 0 });
    const answers = await central.store.storedReasonAnswers(kiosk.deviceId);
    expect(answers.map((a) => a.answer)).toEqual([
      {
        id: answerId,
        deviceId: kiosk.deviceId,
        ratingId,
        createdAt: expect.stringMatching(/\+07:00$/) as unknown,
        reasons: [
          { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' },
          { code: 'CHO-LAU', label: 'Thời gian chờ lâu' },
        ],
      },
    ]);
    const shot = await picture(kiosk, central);
    expect(shot.centralIds).toEqual(shot.kioskIds);
    expect(shot.contentMismatches).toEqual([]);
    const stored = await central.store.storedRatings(kiosk.deviceId);
    expect(stored.find((s) => s.rating.id === ratingId)?.rating.reasons).toEqual([]);
  });

  it('travel alone when the rating was synced before the citizen answered, and survive a lost response once', async () => {
    await setUp();
    const rating = (await must(kiosk.backend, 'submitRating', { scale: 'vn-3', level: 3 })) as { id: string };
    await kiosk.backend.sync.trigger('manual');
    const ratingAtCentral = canonicalRatingJson((await central.store.storedRatings(kiosk.deviceId))[0]?.rating ?? ({} as never));

    const answer = (await must(kiosk.backend, 'submitReasons', { ratingId: rating.id, reasonCodes: ['KHAC'] })) as { id: string };
    central.proxy.plan(['response-lost']);
    await kiosk.backend.sync.trigger('manual');
    // Central committed it, the kiosk never heard: still pending, and sent again.
    expect(outboxStats(kiosk.backend.context.db).pendingReasonAnswers).toBe(1);
    await kiosk.restart();
    await kiosk.backend.sync.trigger('manual');
    expect(outboxStats(kiosk.backend.context.db).pendingReasonAnswers).toBe(0);

    expect((await central.store.storedReasonAnswers(kiosk.deviceId)).map((a) => a.answer.id)).toEqual([answer.id]);
    const receipts = await central.store.batchReceipts(kiosk.deviceId);
    expect(receipts.map((r) => [r.seqFrom, r.seqTo, r.accepted, r.duplicate])).toEqual([
      [1, 1, 1, 0],
      [null, null, 1, 0],
      [null, null, 0, 1],
    ]);
    expect(canonicalRatingJson((await central.store.storedRatings(kiosk.deviceId))[0]?.rating ?? ({} as never))).toBe(ratingAtCentral);
  });
});

describe('a conflicting reason answer', () => {
  it('is quarantined, not resent, and counted for IT staff; central keeps its own', async () => {
    await setUp();
    const { ratingId, answerId } = await negativeWithReasons(['CHO-LAU']);
    const row = findReasonAnswerFor(kiosk.backend.context.db, ratingId);
    if (row === undefined) throw new Error('the answer was not stored');
    // Central already holds a different answer under the same id (a bug elsewhere, or tampering).
    const other = { ...toWireReasonAnswer(row), reasons: [{ code: 'KHAC', label: 'Lý do khác' }] };
    await central.store.ingestBatch(batchOf([], { reasonAnswers: [other] }), { receivedAt: new Date(), now: new Date() });

    await kiosk.backend.sync.trigger('manual');
    expect(outboxStats(kiosk.backend.context.db)).toMatchObject({ pendingCount: 0, pendingReasonAnswers: 0, quarantinedCount: 1 });
    expect(kiosk.backend.context.db.prepare('SELECT answer_id, reason FROM reason_quarantine').all()).toEqual([
      { answer_id: answerId, reason: expect.any(String) as unknown },
    ]);
    expect((await central.store.storedReasonAnswers(kiosk.deviceId)).map((a) => a.answer.reasons)).toEqual([[{ code: 'KHAC', label: 'Lý do khác' }]]);
  });
});

describe('submitReasons', () => {
  it('refuses what the citizen screen never asks: a satisfied rating, an older one, an unknown reason, a second answer', async () => {
    await setUp();
    const satisfied = (await must(kiosk.backend, 'submitRating', { scale: 'vn-3', level: 2 })) as { id: string };
    expect(await call(kiosk.backend, 'submitReasons', { ratingId: satisfied.id, reasonCodes: ['KHAC'] })).toMatchObject({ ok: false, error: { code: 'REASONS_NOT_ASKED' } });
    const older = (await must(kiosk.backend, 'submitRating', { scale: 'vn-3', level: 3 })) as { id: string };
    const newest = (await must(kiosk.backend, 'submitRating', { scale: 'vn-3', level: 3 })) as { id: string };
    expect(await call(kiosk.backend, 'submitReasons', { ratingId: older.id, reasonCodes: ['KHAC'] })).toMatchObject({ ok: false, error: { code: 'REASONS_NOT_ASKED' } });
    expect(await call(kiosk.backend, 'submitReasons', { ratingId: '01900000-0000-7000-8000-000000000999', reasonCodes: ['KHAC'] })).toMatchObject({ ok: false, error: { code: 'REASONS_NOT_ASKED' } });
    expect(await call(kiosk.backend, 'submitReasons', { ratingId: newest.id, reasonCodes: ['KHAC', 'NOT-IN-LIST'] })).toMatchObject({
      ok: false,
      error: { code: 'REASON_UNKNOWN', message: 'Lý do không có trong danh sách hiện tại. Màn hình sẽ tải lại.' },
    });
    expect(await call(kiosk.backend, 'submitReasons', { ratingId: newest.id, reasonCodes: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await must(kiosk.backend, 'submitReasons', { ratingId: newest.id, reasonCodes: ['KHAC'] });
    expect(await call(kiosk.backend, 'submitReasons', { ratingId: newest.id, reasonCodes: ['THAI-DO'] })).toMatchObject({ ok: false, error: { code: 'REASONS_ALREADY_GIVEN' } });

    const db = kiosk.backend.context.db;
    expect(db.prepare('SELECT count(*) AS n FROM reason_answers').get()).toEqual({ n: 1 });
    expect(() => db.prepare("UPDATE reason_answers SET reasons = '[]'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM reason_answers').run()).toThrow(/append-only/);
  });
});
