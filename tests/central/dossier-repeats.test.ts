// "Central reports repeats across kiosks" (issue 15): dossier codes rated more than once, on one
// device or several — the store query, GET /api/v1/dossier-repeats (admin only) and
// `central dossier-repeats`, on SQLite and PostgreSQL; a code arriving in a batch is stored.
import { describe, expect, it } from 'vitest';
import { dossierRepeatsResponseSchema } from '../../central/store/dossier-repeats';
import { runCentral } from '../support/cli-runners';
import { openCentralStore } from '../../central/open-store';
import { batchOf, CENTRAL_NOW, errorBody, postBatch, request, startCentral, storeFactories, tempDir, wireRating } from '../support/central-fixture';

const CODE = '000.00.12.H34-261122-0001';
const OTHER = '000.00.12.H34-261122-0002';

describe.each(storeFactories)('dossier repeats on $storage', (factory) => {
  it('lists codes rated more than once across devices, most first, with devices and first/last times; admin only', async () => {
    const c = await startCentral(factory);
    const counter3 = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 3 });
    const counter5 = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 5 });
    const at = (seq: number) => wireRating(counter3.deviceId, seq).createdAt;
    // Counter 3: CODE once, OTHER twice (the kiosk allowed repeats), a code seen once, none.
    await postBatch(c, batchOf([
      wireRating(counter3.deviceId, 1, { dossierCode: CODE }),
      wireRating(counter3.deviceId, 2, { dossierCode: OTHER }),
      wireRating(counter3.deviceId, 3, { dossierCode: OTHER }),
      wireRating(counter3.deviceId, 4, { dossierCode: 'HS-ONCE' }),
      wireRating(counter3.deviceId, 5),
    ]), { token: counter3.token });
    // Counter 5: the same receipt at the next counter, twice (an earlier and a later time).
    await postBatch(c, batchOf([
      wireRating(counter5.deviceId, 1, { dossierCode: CODE, createdAt: '2026-11-23T07:59:00.000+07:00' }),
      wireRating(counter5.deviceId, 2, { dossierCode: CODE, createdAt: '2026-11-23T09:30:00.000+07:00' }),
    ]), { token: counter5.token });

    const devicesOf = (...ids: string[]) => [...ids].sort();
    const expected = [
      { dossierCode: CODE, ratings: 3, devices: devicesOf(counter3.deviceId, counter5.deviceId), firstAt: '2026-11-23T07:59:00.000+07:00', lastAt: '2026-11-23T09:30:00.000+07:00' },
      { dossierCode: OTHER, ratings: 2, devices: [counter3.deviceId], firstAt: at(2), lastAt: at(3) },
    ];
    expect(await c.store.dossierRepeats()).toEqual(expected);
    // The code arrived as sent, on the stored rating.
    expect((await c.store.storedRatings(counter5.deviceId)).map((r) => r.rating.dossierCode)).toEqual([CODE, CODE]);

    const admin = await c.store.addAdminToken('Thanh tra');
    const response = await request(`${c.url}/api/v1/dossier-repeats`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(response).toEqual({ status: 200, body: { repeats: expected } });
    expect(dossierRepeatsResponseSchema.safeParse(response.body).success).toBe(true);
    // A device's own token is not an admin token.
    expect(await request(`${c.url}/api/v1/dossier-repeats`, { headers: { Authorization: `Bearer ${counter3.token}` } })).toEqual({
      status: 401,
      body: errorBody('UNAUTHENTICATED', 'Thiếu mã truy cập hoặc mã truy cập không đúng (token bị từ chối).'),
    });
    expect((await request(`${c.url}/api/v1/dossier-repeats`, {})).status).toBe(401);
  });

  it('answers an empty list when no code repeats', async () => {
    const c = await startCentral(factory);
    const device = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    await postBatch(c, batchOf([wireRating(device.deviceId, 1, { dossierCode: CODE }), wireRating(device.deviceId, 2)]), { token: device.token });
    expect(await c.store.dossierRepeats()).toEqual([]);
  });
});

describe('central dossier-repeats (the command)', () => {
  it('prints one row per repeated code and DOSSIER_REPEATS=', async () => {
    const dir = tempDir();
    expect(await runCentral(dir, 'dossier-repeats')).toEqual({ code: 0, out: 'Không có mã hồ sơ nào được đánh giá quá một lần.\nDOSSIER_REPEATS=0\n', err: '' });
    const store = await openCentralStore({ env: {}, dataDir: dir });
    const device = await store.addDevice({ officeCode: '000.00.21.H56', counter: 2 });
    const now = new Date(CENTRAL_NOW);
    await store.ingestBatch(batchOf([wireRating(device.deviceId, 1, { dossierCode: CODE }), wireRating(device.deviceId, 2, { dossierCode: CODE })]), { receivedAt: now, now });
    await store.close();
    const printed = await runCentral(dir, 'dossier-repeats');
    expect(printed.code).toBe(0);
    expect(printed.out.split('\n')).toEqual([
      expect.stringMatching(/^Mã hồ sơ +Số đánh giá +Số thiết bị +Lần đầu +Lần cuối +Thiết bị$/),
      expect.stringMatching(new RegExp(`^${CODE.replaceAll('.', '\\.')} +2 +1 +2026-11-23 08:00:01 +2026-11-23 08:00:02 +${device.deviceId}$`)),
      'DOSSIER_REPEATS=1',
      '',
    ]);
  });
});
