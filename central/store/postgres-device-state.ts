// Each device's rating count, highest seq and seq ranges in PostgreSQL (migration 12, issue 17),
// as sqlite-device-state.ts. `ingestDeviceState` runs inside ingestBatch's transaction after the
// device's row is locked (SELECT … FOR NO KEY UPDATE): batches of one device take turns, so two
// instances adding adjacent ranges of the same device never both read the range they merge with.
// A rebuild locks both tables (EXCLUSIVE): an ingest's first write to them waits for it, and one
// that wrote first makes the rebuild wait for its commit — each rating is counted once either way.
import type pg from 'pg';
import { z } from 'zod';
import { mergeRuns, neighbourKeys, runsOf } from '../device-seq-ranges';
import type { DeviceStateRebuild } from './central-store';
import { FILL_DEVICE_STATE_SQL } from './device-state-migrations';
import { dbInteger } from './stored-rows';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const rangeRow = z.object({ seq_from: dbInteger, seq_to: dbInteger });
const countRow = z.object({ count: dbInteger });

/** Inside ingestBatch's transaction, the device row locked: `seqs` are the ratings it inserted. */
export async function ingestDeviceState(client: Queryable, deviceId: string, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await client.query(
    `INSERT INTO device_rating_state (device_id, rating_count, max_seq) VALUES ($1, $2, $3)
     ON CONFLICT (device_id) DO UPDATE SET rating_count = device_rating_state.rating_count + excluded.rating_count,
                                           max_seq = GREATEST(device_rating_state.max_seq, excluded.max_seq)`,
    [deviceId, seqs.length, Math.max(...seqs)],
  );
  const runs = runsOf(seqs);
  const keys = neighbourKeys(runs);
  const { rows } = await client.query(
    `SELECT seq_from, seq_to FROM device_seq_ranges WHERE device_id = $1 AND (seq_to = ANY($2::bigint[]) OR seq_from = ANY($3::bigint[]))`,
    [deviceId, keys.endsAt, keys.startsAt],
  );
  const change = mergeRuns(runs, rows.map((row) => rangeRow.parse(row)).map((r) => ({ from: r.seq_from, to: r.seq_to })));
  if (change.remove.length > 0) await client.query(`DELETE FROM device_seq_ranges WHERE device_id = $1 AND seq_from = ANY($2::bigint[])`, [deviceId, change.remove]);
  await client.query(
    `INSERT INTO device_seq_ranges (device_id, seq_from, seq_to) SELECT $1, f, t FROM unnest($2::bigint[], $3::bigint[]) AS r(f, t)`,
    [deviceId, change.add.map((r) => r.from), change.add.map((r) => r.to)],
  );
}

/** Every gap of every device: the holes before and between its ranges. */
export async function deviceGapRows(client: Queryable): Promise<unknown[]> {
  const { rows } = await client.query(`
    SELECT device_id, prev + 1 AS gap_from, seq_from - 1 AS gap_to
    FROM (SELECT device_id, seq_from, LAG(seq_to, 1, 0::bigint) OVER (PARTITION BY device_id ORDER BY seq_from) AS prev FROM device_seq_ranges) AS ordered
    WHERE seq_from > prev + 1
    ORDER BY device_id COLLATE "C", gap_from`);
  return rows;
}

/** Recounts both tables from the stored ratings in one transaction (see the file's opening). */
export async function rebuildDeviceState(client: pg.PoolClient): Promise<DeviceStateRebuild> {
  await client.query(`LOCK TABLE device_rating_state, device_seq_ranges IN EXCLUSIVE MODE`);
  await client.query(`DELETE FROM device_seq_ranges`);
  await client.query(`DELETE FROM device_rating_state`);
  for (const sql of FILL_DEVICE_STATE_SQL) await client.query(sql);
  const count = async (table: string) => countRow.parse((await client.query(`SELECT COUNT(*) AS count FROM ${table}`)).rows[0]).count;
  return { devices: await count('device_rating_state'), ranges: await count('device_seq_ranges') };
}
