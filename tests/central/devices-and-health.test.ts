// GET /api/v1/devices (admin only: last contact, counts, seq gaps) and GET /api/v1/health,
// against SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { devicesResponseSchema, healthSchema } from '../../shared/sync/wire';
import { batchOf, CENTRAL_NOW, errorBody, postBatch, ratingsFor, request, startCentral, storeFactories, type CentralHarness } from '../support/central-fixture';

const UNAUTHENTICATED = errorBody('UNAUTHENTICATED', 'Thiếu mã truy cập hoặc mã truy cập không đúng (token bị từ chối).');

async function getDevices(c: CentralHarness, token: string | undefined) {
  return request(`${c.url}/api/v1/devices`, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });
}

describe.each(storeFactories)('devices and health on $storage', (factory) => {
  it('lists every device with its last contact, counts and the seq ranges never received', async () => {
    const c = await startCentral(factory);
    const gappy = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 3, label: 'Quầy 3 – Hộ tịch' });
    const lateStart = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 5, label: null });
    const silent = await c.store.addDevice({ officeCode: '000.00.03.H56', counter: 1, label: 'Quầy 1' });
    const revoked = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 9 });
    await c.store.revokeDevice(revoked.deviceId);
    await postBatch(c, batchOf(ratingsFor(gappy.deviceId, [1, 2, 5, 6, 9, 12])), { token: gappy.token });
    c.clock.set('2026-11-23T03:00:00.000Z');
    await postBatch(c, batchOf(ratingsFor(lateStart.deviceId, [3, 4]), { appVersion: '0.2.0' }), { token: lateStart.token });
    const admin = await c.store.addAdminToken('Sở Nội vụ');

    const response = await getDevices(c, admin);

    const noChain = { headPosition: null, migratedThrough: null, verifiedThrough: 0, gaps: [], breaks: [], unverifiedHeads: false };
    // No health record (issue 16) came with these format 1 batches.
    const noIncident = { incidents: [], declaredLost: { seq: [], chain: [] }, health: null, healthRefused: null };
    const never = { lastSeenAt: null, appVersion: null, clockOffsetMs: null, ratingCount: 0, maxSeq: 0, gaps: [], chain: noChain, ...noIncident };
    expect(response).toEqual({
      status: 200,
      body: {
        devices: [
          { deviceId: silent.deviceId, officeCode: '000.00.03.H56', counter: 1, label: 'Quầy 1', revoked: false, ...never },
          {
            deviceId: gappy.deviceId, officeCode: '000.00.21.H56', counter: 3, label: 'Quầy 3 – Hộ tịch', revoked: false,
            lastSeenAt: CENTRAL_NOW, appVersion: '0.1.0', clockOffsetMs: 1520, ratingCount: 6, maxSeq: 12,
            gaps: [{ from: 3, to: 4 }, { from: 7, to: 8 }, { from: 10, to: 11 }], chain: noChain, ...noIncident,
          },
          {
            deviceId: lateStart.deviceId, officeCode: '000.00.21.H56', counter: 5, label: null, revoked: false,
            lastSeenAt: '2026-11-23T03:00:00.000Z', appVersion: '0.2.0', clockOffsetMs: 2_401_108, ratingCount: 2, maxSeq: 4,
            gaps: [{ from: 1, to: 2 }], chain: noChain, ...noIncident,
          },
          { deviceId: revoked.deviceId, officeCode: '000.00.21.H56', counter: 9, label: null, revoked: true, ...never },
        ],
      },
    });
    expect(devicesResponseSchema.safeParse(response.body).success).toBe(true);
  });

  it('closes a gap once the missing ratings arrive', async () => {
    const c = await startCentral(factory);
    const { deviceId, token } = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    const admin = await c.store.addAdminToken('IT');
    await postBatch(c, batchOf(ratingsFor(deviceId, [1, 4])), { token });
    expect(((await getDevices(c, admin)).body as { devices: { gaps: unknown }[] }).devices[0]?.gaps).toEqual([{ from: 2, to: 3 }]);

    await postBatch(c, batchOf(ratingsFor(deviceId, [2, 3])), { token });
    expect(((await getDevices(c, admin)).body as { devices: { gaps: unknown; ratingCount: number }[] }).devices[0]).toMatchObject({ gaps: [], ratingCount: 4 });
  });

  it('401 without an admin token, with an unknown one, or with a device token', async () => {
    const c = await startCentral(factory);
    const { token } = await c.store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    await c.store.addAdminToken('IT');
    for (const given of [undefined, 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', token]) {
      expect(await getDevices(c, given)).toEqual({ status: 401, body: UNAUTHENTICATED });
    }
  });

  it('answers health with the storage kind, version and central time', async () => {
    const c = await startCentral(factory);
    const response = await request(`${c.url}/api/v1/health`);
    expect(response).toEqual({ status: 200, body: { status: 'ok', storage: factory.storage, version: '9.9.9-test', time: CENTRAL_NOW } });
    expect(healthSchema.safeParse(response.body).success).toBe(true);
  });
});
