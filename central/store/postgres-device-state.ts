// Each device's rating count, highest seq, and ranges of seqs and chain positions in PostgreSQL
// (migration 13, issue 17), as sqlite-device-state.ts. `ingestDeviceState` runs inside
// ingestBatch's transaction after the device's row is locked (SELECT … FOR NO KEY UPDATE):
// batches of one device take turns, so two instances adding adjacent ranges of the same device
// never both read the range they merge with. A rebuild takes the same lock on every device's row:
// it waits for the batches being stored to commit, and batches arriving meanwhile wait for it
// before they read or write anything, so each rating is counted once either way.
import type pg from 'pg';
import { z } from 'zod';
import { mergeRuns, neighbourKeys, runsOf, type RangeSeries } from '../device-seq-ranges';
import type { DeviceStateRebuild } from './central-store';
import { FILL_DEVICE_STATE_SQL } from './device-state-migrations';
import { dbInteger } from './stored-rows';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const rangeRow = z.object({ range_from: dbInteger, range_to: dbInteger });
const countRow = z.object({ count: dbInteger });

/** Inside ingestBatch's transaction, the device row locked: the seqs and chain positions it inserted. */
export async function ingestDeviceState(client: Queryable, deviceId: string, seqs: readonly number[], positions: readonly number[]): Promise<void> {
  if (seqs.length > 0) {
    await client.query(
      `INSERT INTO device_rating_state (device_id, rating_count, max_seq) VALUES ($1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE SET rating_count = device_rating_state.rating_count + excluded.rating_count,
                                             max_seq = GREATEST(device_rating_state.max_seq, excluded.max_seq)`,
      [deviceId, seqs.length, Math.max(...seqs)],
    );
  }
  await addRanges(client, deviceId, 'seq', seqs);
  await addRanges(client, deviceId, 'chain', positions);
}

async function addRanges(client: Queryable, deviceId: string, series: RangeSeries, values: readonly number[]): Promise<void> {
  if (values.length === 0) return;
  const runs = runsOf(values);
  const keys = neighbourKeys(runs);
  const { rows } = await client.query(
    `SELECT range_from, range_to FROM device_ranges
     WHERE device_id = $1 AND series = $2 AND (range_to = ANY($3::bigint[]) OR range_from = ANY($4::bigint[]))`,
    [deviceId, series, keys.endsAt, keys.startsAt],
  );
  const change = mergeRuns(runs, rows.map((row) => rangeRow.parse(row)).map((r) => ({ from: r.range_from, to: r.range_to })));
  if (change.remove.length > 0) {
    await client.query(`DELETE FROM device_ranges WHERE device_id = $1 AND series = $2 AND range_from = ANY($3::bigint[])`, [deviceId, series, change.remove]);
  }
  await client.query(
    `INSERT INTO device_ranges (device_id, series, range_from, range_to) SELECT $1, $2, f, t FROM unnest($3::bigint[], $4::bigint[]) AS r(f, t)`,
    [deviceId, series, change.add.map((r) => r.from), change.add.map((r) => r.to)],
  );
}

/** Every gap of every device in this series: the holes before and between its ranges. */
export async function deviceGapRows(client: Queryable, series: RangeSeries): Promise<unknown[]> {
  const { rows } = await client.query(
    `SELECT device_id, prev + 1 AS gap_from, range_from - 1 AS gap_to
     FROM (SELECT device_id, range_from, LAG(range_to, 1, 0::bigint) OVER (PARTITION BY device_id ORDER BY range_from) AS prev
           FROM device_ranges WHERE series = $1) AS ordered
     WHERE range_from > prev + 1
     ORDER BY device_id COLLATE "C", gap_from`,
    [series],
  );
  return rows;
}

/** The highest chain position held of each device (the end of its last range). */
export async function deviceChainEnds(client: Queryable): Promise<unknown[]> {
  return (await client.query(`SELECT device_id, MAX(range_to) AS max_position FROM device_ranges WHERE series = 'chain' GROUP BY device_id`)).rows;
}

/** Recounts every table from the stored ratings and chain records in one transaction (see the file's opening). */
export async function rebuildDeviceState(client: pg.PoolClient): Promise<DeviceStateRebuild> {
  // In one order (device_id), as ingest takes them one at a time: no deadlock.
  await client.query(`SELECT 1 FROM devices ORDER BY device_id FOR NO KEY UPDATE`);
  await client.query(`DELETE FROM device_ranges`);
  await client.query(`DELETE FROM device_rating_state`);
  for (const sql of FILL_DEVICE_STATE_SQL) await client.query(sql);
  const count = async (sql: string) => countRow.parse((await client.query(sql)).rows[0]).count;
  return {
    devices: await count(`SELECT COUNT(*) AS count FROM device_rating_state`),
    ranges: await count(`SELECT COUNT(*) AS count FROM device_ranges WHERE series = 'seq'`),
    chainRanges: await count(`SELECT COUNT(*) AS count FROM device_ranges WHERE series = 'chain'`),
  };
}
