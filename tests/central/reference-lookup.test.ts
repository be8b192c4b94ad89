// The report path at central (issue 15): a reference code a kiosk showed resolves at central to
// the same rating, after a real sync over loopback HTTP, on SQLite and PostgreSQL; by the admin
// API (admin token only) and `central lookup`; and migration 7 gives answers stored before it
// their code (in SQL on PostgreSQL: it must agree with the kiosk's derivation).
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { lookUpReference, MalformedReferenceError, referenceLookupResponseSchema } from '../../central/reference-lookup';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { sqliteMigrations } from '../../central/store/sqlite-migrations';
import { openPostgresPool } from '../../central/store/postgres-database';
import { postgresMigrations } from '../../central/store/postgres-migrations';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { join } from 'node:path';
import { onCleanup, request, storeFactories, tempDir, testPostgresUrl } from '../support/central-fixture';
import { runCentral } from '../support/cli-runners';
import { must } from '../support/staff-fixture';
import { enrolledKiosk, startCentral, type Central, type Kiosk } from '../support/sync-rig';

let central: Central | undefined;
let kiosk: Kiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  await central?.close();
  kiosk = undefined;
  central = undefined;
});

async function harassmentRating(k: Kiosk): Promise<{ ratingId: string; referenceCode: string }> {
  await must(k.backend, 'submitRating', { scale: 'vn-3', level: 1 });
  const rating = (await must(k.backend, 'submitRating', { scale: 'vn-3', level: 3 })) as { id: string };
  const answer = (await must(k.backend, 'submitReasons', { ratingId: rating.id, reasonCodes: ['THAI-DO', 'PHIEN-HA'] })) as { referenceCode: string | null };
  if (answer.referenceCode === null) throw new Error('no reference code');
  return { ratingId: rating.id, referenceCode: answer.referenceCode };
}

describe.each(storeFactories)('$storage: a code shown at the kiosk resolves at central', ({ open }) => {
  it('after a real sync, by the store and by the admin API (admin token only)', async () => {
    central = await startCentral(() => open());
    kiosk = await enrolledKiosk(central);
    const { ratingId, referenceCode } = await harassmentRating(kiosk);
    // Not yet synced: nothing to find.
    expect((await lookUpReference(central.store, referenceCode)).matches).toEqual([]);
    await kiosk.backend.sync.trigger('manual');

    const found = await lookUpReference(central.store, referenceCode.toLowerCase().replace(/-/g, ''));
    expect(found).toEqual({
      referenceCode,
      matches: [
        {
          ratingId,
          deviceId: kiosk.deviceId,
          officeCode: '000.00.21.H56',
          counter: 1,
          deviceLabel: null,
          rating: { createdAt: expect.any(String) as unknown, scale: 'vn-3', level: 3, officerId: null, serviceCode: null, dossierCode: null, flags: expect.any(Array) as unknown },
          reasons: [
            { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt' },
            { code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu' },
          ],
          answeredAt: expect.any(String) as unknown,
          receivedAt: expect.any(String) as unknown,
        },
      ],
    });
    // The same rating the kiosk resolves.
    kiosk.backend.staff.open({ subject: { kind: 'role', role: 'section-head' }, role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận', mustChangePin: false });
    expect(((await must(kiosk.backend, 'findRatingByReference', { referenceCode })) as { ratings: { ratingId: string }[] }).ratings.map((r) => r.ratingId)).toEqual([ratingId]);

    const adminToken = await central.store.addAdminToken('Thanh tra tỉnh');
    const api = await request(`${central.url}/api/v1/references/${encodeURIComponent(referenceCode)}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(api.status).toBe(200);
    expect(referenceLookupResponseSchema.parse(api.body).matches.map((m) => m.ratingId)).toEqual([ratingId]);
    const unknown = await request(`${central.url}/api/v1/references/HL-00000-00000`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(unknown).toMatchObject({ status: 200, body: { referenceCode: 'HL-00000-00000', matches: [] } });
    expect(await request(`${central.url}/api/v1/references/HL-12`, { headers: { authorization: `Bearer ${adminToken}` } })).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED' } } });
    // A device's own token, or none, reads nothing: a code reveals a rating.
    expect(await request(`${central.url}/api/v1/references/${referenceCode}`)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await request(`${central.url}/api/v1/references/${referenceCode}`, { headers: { authorization: 'Bearer not-an-admin-token-0000000000' } })).toMatchObject({ status: 401 });
  });
});

describe('central lookup (CLI)', () => {
  it('prints the rating a code names, and refuses a malformed code with the usage exit code', async () => {
    const dir = tempDir();
    central = await startCentral(async () => openSqliteCentralStore(dir));
    kiosk = await enrolledKiosk(central);
    const { ratingId, referenceCode } = await harassmentRating(kiosk);
    await kiosk.backend.sync.trigger('manual');

    const printed = await runCentral(dir, 'lookup', referenceCode.toLowerCase());
    expect(printed.code).toBe(0);
    expect(printed.out).toContain(`REFERENCE=${referenceCode} FOUND=1`);
    expect(printed.out).toContain(`RATING=${ratingId} DEVICE=${kiosk.deviceId} OFFICE=000.00.21.H56 COUNTER=1`);
    expect(printed.out).toContain('LEVEL=3');
    expect(printed.out).toContain('Gây phiền hà, sách nhiễu (PHIEN-HA)');
    expect(await runCentral(dir, 'lookup', 'HL-00000-00000')).toMatchObject({ code: 0, out: expect.stringContaining('FOUND=0') as unknown });
    expect(await runCentral(dir, 'lookup', 'HL-UUUUU-00000')).toMatchObject({ code: 2, err: expect.stringContaining('Mã phản ánh không đúng dạng') as unknown });
    expect(await runCentral(dir, 'lookup')).toMatchObject({ code: 2, err: expect.stringContaining('Cần đúng một mã phản ánh') as unknown });
  });
});

describe('migration 7 fills the codes of answers stored before it', () => {
  const ratingIds = [randomUUID(), randomUUID(), '0190f5a2-6c3e-7b1a-9f00-1234567890ab'];
  const deviceId = randomUUID();
  const answerIds = ratingIds.map(() => randomUUID());
  const seed = (q: (sql: string) => unknown) => {
    q(`INSERT INTO devices (device_id, office_code, counter, label, token_hash, created_at) VALUES ('${deviceId}', '000.00.21.H56', 1, NULL, '${'a'.repeat(64)}', '2026-11-20T00:00:00.000Z')`);
    ratingIds.forEach((id, i) =>
      q(`INSERT INTO reason_answers (id, device_id, rating_id, created_at, reasons, content_hash, batch_id, received_at)
         VALUES ('${answerIds[i] ?? ''}', '${deviceId}', '${id}', '2026-11-20T09:00:00.000+07:00', '[{"code":"PHIEN-HA","label":"Gây phiền hà, sách nhiễu"}]', '${'b'.repeat(64)}', 'batch-1', '2026-11-20T02:00:00.000Z')`),
    );
  };

  it('SQLite', async () => {
    const dir = tempDir();
    const db = openCentralDatabase(join(dir, CENTRAL_DB_FILE), sqliteMigrations.slice(0, 6));
    seed((sql) => db.exec(sql));
    db.close();
    const store = openSqliteCentralStore(dir);
    onCleanup(() => store.close());
    for (const id of ratingIds) expect((await store.findByReference(referenceCodeOf(id))).map((f) => f.answer.answer.ratingId)).toEqual([id]);
  });

  it('PostgreSQL: its SQL derivation agrees with the kiosk’s', async () => {
    const url = testPostgresUrl();
    const schema = `r_${randomBytes(8).toString('hex')}`;
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    onCleanup(async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });
    await (await openPostgresPool({ connectionString: url, schema }, postgresMigrations.slice(0, 6))).end();
    await client.connect();
    const queued: string[] = [];
    seed((sql) => queued.push(sql));
    for (const sql of queued) await client.query(sql);
    const store = await openPostgresCentralStore({ connectionString: url, schema });
    onCleanup(() => store.close());
    for (const id of ratingIds) expect((await store.findByReference(referenceCodeOf(id))).map((f) => f.answer.answer.ratingId)).toEqual([id]);
    // The function the migration used, on more ids than the rows above.
    const sample = Array.from({ length: 200 }, () => randomUUID());
    const { rows } = await client.query<{ id: string; code: string }>('SELECT id, hl_reference_code(id) AS code FROM unnest($1::text[]) AS id', [sample]);
    expect(rows.map((r) => r.code)).toEqual(sample.map((id) => referenceCodeOf(id)));
    // Still append-only after the fill.
    await expect(client.query(`UPDATE reason_answers SET reference = 'HL-00000-00000'`)).rejects.toThrow(/append-only/);
  });
});

describe('lookUpReference', () => {
  it('refuses what cannot be a code before asking the store', async () => {
    const store = openSqliteCentralStore(tempDir());
    onCleanup(() => store.close());
    await expect(lookUpReference(store, '%')).rejects.toThrow(MalformedReferenceError);
  });
});
