// Issue 17: several central instances over one PostgreSQL, as a province runs them behind a load
// balancer (docs/central-instances.md). Two real servers on one schema: they start at once on an
// empty database (migrations once, one signing key), kiosks send each batch to both at once and
// retry on the other, and every rating is stored exactly once, the acks agree, the devices'
// counts and gaps are right on both; a device's rate limit counts across both instances.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildCentralServer } from '../../central/central-server';
import { centralSigningKey } from '../../central/signing-key';
import type { CentralStore } from '../../central/store/central-store';
import { postgresMigrations } from '../../central/store/postgres-migrations';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { devicesResponseSchema, syncAckSchema, type SyncAck } from '../../shared/sync/wire';
import {
  batchOf,
  capturingLogger,
  CENTRAL_NOW,
  freshPostgresSchema,
  manualClock,
  onCleanup,
  postBatch,
  ratingsFor,
  request,
  testPostgresUrl,
} from '../support/central-fixture';
import type { RateLimits } from '../../central/rate-limits';

interface Instance {
  url: string;
  store: CentralStore;
}

/** Two central instances started at the same moment on one empty schema, sharing the clock. */
async function twoInstances(rateLimits: Partial<RateLimits> = {}) {
  const url = testPostgresUrl();
  const schema = await freshPostgresSchema('inst');
  const clock = manualClock(CENTRAL_NOW);
  const stores = await Promise.all([0, 1].map(() => openPostgresCentralStore({ connectionString: url, schema }, { now: clock.now })));
  const instances: Instance[] = [];
  for (const store of stores) {
    onCleanup(() => store.close());
    const server = buildCentralServer({ store, log: capturingLogger().log, now: clock.now, version: 'test', rateLimits });
    await server.listen({ host: '127.0.0.1', port: 0 });
    onCleanup(() => server.close());
    const address = server.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('server has no port');
    instances.push({ url: `http://127.0.0.1:${address.port}`, store });
  }
  const [a, b] = instances as [Instance, Instance];
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET search_path = ${schema}`);
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  };
  return { a, b, clock, sql };
}

const ackOf = (answer: { status: number; body: unknown }): SyncAck => {
  expect(answer.status).toBe(200);
  return syncAckSchema.parse(answer.body);
};

describe('two central instances on one PostgreSQL', () => {
  it('start at once on an empty database: every migration applied once, and one signing key for both', async () => {
    const { a, b, sql } = await twoInstances();
    expect(await sql(`SELECT version FROM central_migrations ORDER BY version`)).toEqual(postgresMigrations.map((m) => ({ version: m.version })));
    // Each instance creates the key on first use; both race several times at once.
    const keys = await Promise.all([a, b, a, b, a, b].map((i) => centralSigningKey(i.store)));
    expect(new Set(keys.map((k) => k.publicKey)).size).toBe(1);
    expect(await sql(`SELECT count(*)::int AS n FROM central_signing_key`)).toEqual([{ n: 1 }]);
  });

  it('store each rating exactly once when kiosks send every batch to both at once and retry on the other', async () => {
    const { a, b } = await twoInstances();
    const devices = await Promise.all([1, 2, 3, 4].map((counter) => a.store.addDevice({ officeCode: '000.00.21.H56', counter })));
    const admin = await b.store.addAdminToken('IT tỉnh');
    // Five batches of eight per kiosk; the first kiosk's third batch never arrives (a gap 17–24).
    const batchesOf = (deviceId: string, index: number) =>
      [0, 1, 2, 3, 4].filter((n) => index !== 0 || n !== 2).map((n) => batchOf(ratingsFor(deviceId, Array.from({ length: 8 }, (_, i) => n * 8 + i + 1))));
    const plans = devices.map((d, index) => ({ ...d, batches: batchesOf(d.deviceId, index) }));

    await Promise.all(
      plans.map(async ({ token, batches }) => {
        for (const batch of batches) {
          const [fromA, fromB] = (await Promise.all([postBatch(a, batch, { token }), postBatch(b, batch, { token })])).map(ackOf) as [SyncAck, SyncAck];
          const ids = batch.ratings.map((r) => r.id);
          // One instance stored the batch, the other found it stored: never both, never a conflict.
          expect([...fromA.accepted, ...fromB.accepted].sort()).toEqual([...ids].sort());
          expect([...fromA.duplicate, ...fromB.duplicate].sort()).toEqual([...ids].sort());
          expect([...fromA.conflicts, ...fromB.conflicts]).toEqual([]);
        }
      }),
    );
    // Retries crossing instances, all at once: nothing new.
    const retries = await Promise.all(plans.flatMap(({ token, batches }) => batches.flatMap((batch) => [postBatch(b, batch, { token }), postBatch(a, batch, { token })])));
    for (const ack of retries.map(ackOf)) expect(ack.accepted).toEqual([]);

    for (const [index, { deviceId }] of plans.entries()) {
      const seqs = (await a.store.storedRatings(deviceId)).map((r) => r.rating.seq);
      const expected = Array.from({ length: 40 }, (_, i) => i + 1).filter((seq) => index !== 0 || seq < 17 || seq > 24);
      expect(seqs).toEqual(expected);
    }
    const listed = await Promise.all([a, b].map(async (i) => devicesResponseSchema.parse((await request(`${i.url}/api/v1/devices`, { headers: { Authorization: `Bearer ${admin}` } })).body)));
    expect(listed[0]).toEqual(listed[1]);
    const counts = listed[0]?.devices.map((d) => ({ counter: d.counter, ratingCount: d.ratingCount, maxSeq: d.maxSeq, gaps: d.gaps }));
    expect(counts).toEqual([
      { counter: 1, ratingCount: 32, maxSeq: 40, gaps: [{ from: 17, to: 24 }] },
      { counter: 2, ratingCount: 40, maxSeq: 40, gaps: [] },
      { counter: 3, ratingCount: 40, maxSeq: 40, gaps: [] },
      { counter: 4, ratingCount: 40, maxSeq: 40, gaps: [] },
    ]);
    // The kept state is what a recount writes.
    await a.store.rebuildDeviceState();
    expect(devicesResponseSchema.parse((await request(`${b.url}/api/v1/devices`, { headers: { Authorization: `Bearer ${admin}` } })).body)).toEqual(listed[0]);
  });

  it("count a device's batches together: the limit holds across instances, and a new window opens after a minute", async () => {
    const { a, b, clock } = await twoInstances({ perDevicePerMinute: 3, perAddressPerMinute: 100 });
    const { deviceId, token } = await a.store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    const send = (instance: Instance, seq: number) => postBatch(instance, batchOf(ratingsFor(deviceId, [seq])), { token });
    expect((await send(a, 1)).status).toBe(200);
    expect((await send(b, 2)).status).toBe(200);
    expect((await send(a, 3)).status).toBe(200);
    const fourth = await send(b, 4);
    expect(fourth).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect((await send(a, 4)).status).toBe(429);
    clock.set('2026-11-23T02:21:00.500Z');
    expect((await send(b, 4)).status).toBe(200);
    expect((await a.store.storedRatings(deviceId)).map((r) => r.rating.seq)).toEqual([1, 2, 3, 4]);
  });
});
