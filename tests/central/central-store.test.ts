// The stores beneath the HTTP layer: reopening, refusing a database from a newer version,
// device bookkeeping, append-only ratings, tokens kept only as hashes. SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CentralDatabaseTooNewError, DeviceAlreadyRegisteredError, type CentralStore, type StorageKind } from '../../central/store/central-store';
import { openPostgresPool } from '../../central/store/postgres-database';
import { postgresMigrations } from '../../central/store/postgres-migrations';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { openCentralDatabase } from '../../central/store/sqlite-database';
import { sqliteMigrations } from '../../central/store/sqlite-migrations';
import { CENTRAL_DB_FILE, openSqliteCentralStore } from '../../central/store/sqlite-store';
import { batchOf, manualClock, onCleanup, ratingsFor, reasonAnswer, tempDir, testPostgresUrl, wireRating } from '../support/central-fixture';
import { findPostgresBin } from '../support/postgres-server';

/** One database that can be opened several times and poked with raw SQL. */
interface StorePlace {
  open: (now?: () => Date) => Promise<CentralStore>;
  /** Creates the database as an earlier release left it: the first `version` migrations only. */
  createAtVersion: (version: number) => Promise<void>;
  sql: (statement: string) => Promise<void>;
  /** SQL that makes the database look written by schema version 99. */
  futureVersion: string;
}

function sqlitePlace(): StorePlace & { dir: string } {
  const dir = tempDir();
  return {
    dir,
    open: async (now) => {
      const store = openSqliteCentralStore(dir, now === undefined ? {} : { now });
      onCleanup(() => store.close());
      return store;
    },
    createAtVersion: async (version) => {
      openCentralDatabase(join(dir, CENTRAL_DB_FILE), sqliteMigrations.slice(0, version)).close();
    },
    sql: async (statement) => {
      const db = new BetterSqlite3(join(dir, CENTRAL_DB_FILE));
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    },
    futureVersion: 'PRAGMA user_version = 99',
  };
}

function postgresPlace(): StorePlace {
  const url = testPostgresUrl();
  const schema = `s_${randomBytes(8).toString('hex')}`;
  const sql = async (statement: string) => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  onCleanup(() => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  return {
    open: async (now) => {
      const store = await openPostgresCentralStore({ connectionString: url, schema }, now === undefined ? {} : { now });
      onCleanup(() => store.close());
      return store;
    },
    createAtVersion: async (version) => {
      await (await openPostgresPool({ connectionString: url, schema }, postgresMigrations.slice(0, version))).end();
    },
    sql,
    futureVersion: `INSERT INTO central_migrations (version, name) VALUES (99, 'from the future')`,
  };
}

const places: { storage: StorageKind; place: () => StorePlace }[] = [
  { storage: 'sqlite', place: sqlitePlace },
  { storage: 'postgres', place: postgresPlace },
];

const at = { receivedAt: new Date('2026-11-23T02:20:00.412Z'), now: new Date('2026-11-23T02:20:00.412Z') };

describe.each(places)('$storage store', ({ place }) => {
  it('keeps everything across a reopen', async () => {
    const p = place();
    const first = await p.open();
    const { deviceId, token } = await first.addDevice({ officeCode: '000.00.21.H56', counter: 2 });
    await first.ingestBatch(batchOf(ratingsFor(deviceId, [1, 2])), at);
    await first.close();

    const again = await p.open();
    expect((await again.authenticateDevice(token))?.deviceId).toBe(deviceId);
    expect(await again.storedRatings(deviceId)).toHaveLength(2);
  });

  it('refuses a database written by a newer version', async () => {
    const p = place();
    await (await p.open()).close();
    await p.sql(p.futureVersion);
    await expect(p.open()).rejects.toThrow(CentralDatabaseTooNewError);
    await expect(p.open()).rejects.toThrow('Cơ sở dữ liệu trung tâm được tạo bởi phiên bản mới hơn (phiên bản dữ liệu 99');
  });

  it('records devices, revokes once and keeps the first revocation', async () => {
    const clock = manualClock('2026-11-23T01:00:00.000Z');
    const store = await place().open(clock.now);
    const a = await store.addDevice({ officeCode: '000.00.21.H56', counter: 2, label: 'Quầy 2' });
    const b = await store.addDevice({ officeCode: '000.00.03.H56', counter: 1 });

    expect(await store.revokeDevice(a.deviceId)).toBe(true);
    clock.set('2026-11-24T01:00:00.000Z');
    expect(await store.revokeDevice(a.deviceId)).toBe(true);
    expect(await store.revokeDevice('6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41')).toBe(false);

    expect(await store.listDevices()).toEqual([
      { deviceId: b.deviceId, officeCode: '000.00.03.H56', counter: 1, label: null, revoked: false, createdAt: '2026-11-23T01:00:00.000Z' },
      { deviceId: a.deviceId, officeCode: '000.00.21.H56', counter: 2, label: 'Quầy 2', revoked: true, createdAt: '2026-11-23T01:00:00.000Z' },
    ]);
    expect(await store.authenticateDevice(a.token)).toMatchObject({ deviceId: a.deviceId, revoked: true });
    expect(await store.authenticateDevice(b.token.slice(1) + 'A')).toBeUndefined();
    expect(await store.isAdminToken(b.token)).toBe(false);
  });

  it("registers a kiosk's own device id once", async () => {
    const store = await place().open();
    const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
    expect((await store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 1 })).deviceId).toBe(deviceId);
    await expect(store.addDevice({ deviceId, officeCode: '000.00.21.H56', counter: 2 })).rejects.toThrow(DeviceAlreadyRegisteredError);
    expect(await store.listDevices()).toMatchObject([{ deviceId, counter: 1 }]);
  });

  it('refuses to change or delete a stored rating, whatever the SQL', async () => {
    const p = place();
    const store = await p.open();
    const { deviceId } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    await store.ingestBatch(batchOf(ratingsFor(deviceId, [1])), at);

    await expect(p.sql(`UPDATE ratings SET level = 3`)).rejects.toThrow(/append-only/);
    await expect(p.sql(`DELETE FROM ratings`)).rejects.toThrow(/append-only/);
    expect(await store.storedRatings(deviceId)).toHaveLength(1);
  });

  it('refuses to change or delete a stored reason answer, whatever the SQL', async () => {
    const p = place();
    const store = await p.open();
    const { deviceId } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    await store.ingestBatch(batchOf([], { reasonAnswers: [reasonAnswer(deviceId, 1)] }), at);

    await expect(p.sql(`UPDATE reason_answers SET rating_id = 'x'`)).rejects.toThrow(/append-only/);
    await expect(p.sql(`DELETE FROM reason_answers`)).rejects.toThrow(/append-only/);
    expect(await store.storedReasonAnswers(deviceId)).toHaveLength(1);
  });

  it('upgrades a database of version 2 (before reason answers) with its receipts and ratings intact', async () => {
    const p = place();
    await p.createAtVersion(2);
    // Rows as version 2 wrote them; the same SQL suits both databases.
    const deviceId = '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41';
    const rating = wireRating(deviceId, 1);
    await p.sql(`
      INSERT INTO devices (device_id, office_code, counter, label, token_hash, created_at)
        VALUES ('${deviceId}', '000.00.21.H56', 1, NULL, '${'ab'.repeat(32)}', '2026-11-20T01:00:00.000Z');
      INSERT INTO batch_receipts (batch_id, device_id, received_at, sent_at, app_version, seq_from, seq_to, accepted_count, duplicate_count, conflict_count)
        VALUES ('0193a1b2-c3d4-7e5f-8a6b-000000000001', '${deviceId}', '2026-11-22T02:00:00.000Z', '2026-11-22T09:00:00.000+07:00', '0.1.0', 1, 1, 1, 0, 0);
      INSERT INTO ratings (id, device_id, seq, created_at, local_day, scale, level, officer_id, service_code, dossier_code, reasons, flags,
                           app_version, boot_id, content_hash, batch_id, received_at, clock_offset_ms, central_flags)
        VALUES ('${rating.id}', '${deviceId}', 1, '${rating.createdAt}', '2026-11-23', 'vn-3', 1, NULL, NULL, NULL, '[]', '[]',
                '0.1.0', '${rating.bootId}', '${'cd'.repeat(32)}', '0193a1b2-c3d4-7e5f-8a6b-000000000001', '2026-11-22T02:00:00.000Z', 0, '[]');
    `);

    const store = await p.open();

    expect(await store.batchReceipts(deviceId)).toEqual([
      {
        batchId: '0193a1b2-c3d4-7e5f-8a6b-000000000001',
        deviceId,
        receivedAt: '2026-11-22T02:00:00.000Z',
        sentAt: '2026-11-22T09:00:00.000+07:00',
        appVersion: '0.1.0',
        seqFrom: 1,
        seqTo: 1,
        accepted: 1,
        duplicate: 0,
        conflicts: 0,
      },
    ]);
    expect((await store.storedRatings(deviceId)).map((r) => [r.rating, r.contentHash])).toEqual([[rating, 'cd'.repeat(32)]]);
    // And the new version's records fit beside them: answers, and a receipt without seqs after the old one.
    const answers = batchOf([], { reasonAnswers: [reasonAnswer(deviceId, 1)] });
    expect((await store.ingestBatch(answers, at)).accepted).toEqual([answers.reasonAnswers[0]?.id]);
    expect((await store.batchReceipts(deviceId)).map((b) => [b.batchId, b.seqFrom, b.seqTo])).toEqual([
      ['0193a1b2-c3d4-7e5f-8a6b-000000000001', 1, 1],
      [answers.batchId, null, null],
    ]);
  });

  it('refuses a receipt with one seq bound and not the other', async () => {
    const p = place();
    const store = await p.open();
    const { deviceId } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    await expect(
      p.sql(`
        INSERT INTO batch_receipts (batch_id, device_id, received_at, sent_at, app_version, seq_from, seq_to, accepted_count, duplicate_count, conflict_count)
          VALUES ('0193a1b2-c3d4-7e5f-8a6b-000000000001', '${deviceId}', '2026-11-22T02:00:00.000Z', '2026-11-22T09:00:00.000+07:00', '0.1.0', 1, NULL, 0, 0, 0)`),
    ).rejects.toThrow(/CHECK|check constraint/);
  });
});

describe('sqlite store files', () => {
  it('hold token hashes, never the tokens', async () => {
    const p = sqlitePlace();
    const store = await p.open();
    const { token } = await store.addDevice({ officeCode: '000.00.21.H56', counter: 1 });
    const admin = await store.addAdminToken('IT');
    await store.close();

    const bytes = readdirSync(p.dir).map((f) => readFileSync(join(p.dir, f)).toString('latin1')).join('');
    expect(bytes).not.toContain(token);
    expect(bytes).not.toContain(admin);
  });
});

describe('the test PostgreSQL', () => {
  it('fails loudly, never skips, where PostgreSQL is not installed', () => {
    expect(() => findPostgresBin(join(tempDir(), 'no-postgresql'))).toThrow(/Không tìm thấy PostgreSQL .*apt-get install -y postgresql/);
  });
});
