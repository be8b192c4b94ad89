// The record chain's rows in PostgreSQL (migration 5), as sqlite-chain.ts: loaded and saved
// here, judged by central/chain-verification.ts. `ingestChain` runs inside ingestBatch's
// transaction, after the device row is locked: one device's batches take turns.
import type pg from 'pg';
import { z } from 'zod';
import type { SyncBatch } from '../../shared/sync/wire';
import { admitChainRecords, chainHeadRow, chainRecordsOf, findBreaks, neighbourhoodOf, type ChainBreak, type DeviceChainReport } from '../chain-verification';
import { byPosition, mergeHeads, toChainBreak, toChainHead, toChainRecord, toChainReports, type StoredChain } from './chain-rows';
import { dbInteger } from './stored-rows';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const recordColumns = `position, kind, record_id, link, content`;
const positionById = z.object({ record_id: z.string(), position: dbInteger });
const insertedPosition = z.object({ position: dbInteger });

/** The positions inserted. */
export async function ingestChain(client: Queryable, batch: SyncBatch, headVerified: boolean, receivedAt: Date): Promise<number[]> {
  if (batch.formatVersion !== 2) return [];
  const deviceId = batch.deviceId;
  const incoming = chainRecordsOf(batch);
  const positions = incoming.map((r) => r.position);
  const held = byPosition(
    (await client.query(`SELECT ${recordColumns} FROM chain_records WHERE device_id = $1 AND position = ANY($2::bigint[])`, [deviceId, positions])).rows.map(toChainRecord),
  );
  const heldPositionById = new Map<string, number>();
  const ids = await client.query(`SELECT record_id, MIN(position) AS position FROM chain_records WHERE device_id = $1 AND record_id = ANY($2::text[]) GROUP BY record_id`, [
    deviceId,
    incoming.map((r) => r.recordId),
  ]);
  for (const r of ids.rows.map((row) => positionById.parse(row))) heldPositionById.set(r.record_id, r.position);
  const admitted = admitChainRecords(incoming, held, heldPositionById);
  const inserted: number[] = [];
  if (admitted.insert.length > 0) {
    const { rows } = await client.query(
      `INSERT INTO chain_records (device_id, position, kind, record_id, link, content, received_at)
       SELECT $1, (r->>'position')::bigint, r->>'kind', r->>'recordId', r->>'link', r->>'content', $3
       FROM jsonb_array_elements($2::jsonb) AS e(r)
       ON CONFLICT DO NOTHING
       RETURNING position`,
      [deviceId, JSON.stringify(admitted.insert), receivedAt],
    );
    for (const row of rows) inserted.push(insertedPosition.parse(row).position);
  }
  const head = chainHeadRow(batch.chainHead, headVerified);
  // The same head again: nothing, unless it was stored unverified and verifies now.
  await client.query(
    `INSERT INTO chain_heads (device_id, position, link, migrated_through, migrated_link, signed_at, signature, verified, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (device_id, position, link) DO UPDATE SET verified = true
     WHERE NOT chain_heads.verified AND excluded.verified AND excluded.signature = chain_heads.signature AND excluded.signed_at = chain_heads.signed_at`,
    [deviceId, head.position, head.link, head.migratedThrough, head.migratedLink, head.signedAt, head.signature, head.verified, receivedAt],
  );

  // One head per migration anchor stated: enough to know the anchors and whether they disagree.
  const anchors = (
    await client.query(
      `SELECT DISTINCT ON (migrated_through, migrated_link) * FROM chain_heads
       WHERE device_id = $1 AND migrated_through > 0 ORDER BY migrated_through, migrated_link, position`,
      [deviceId],
    )
  ).rows.map(toChainHead);
  const around = [...neighbourhoodOf(positions, [head, ...anchors])];
  const records = (await client.query(`SELECT ${recordColumns} FROM chain_records WHERE device_id = $1 AND position = ANY($2::bigint[])`, [deviceId, around])).rows.map(toChainRecord);
  const heads = mergeHeads((await client.query(`SELECT * FROM chain_heads WHERE device_id = $1 AND position = ANY($2::bigint[])`, [deviceId, around])).rows.map(toChainHead), anchors);
  await saveChainBreaks(client, deviceId, [...admitted.breaks, ...findBreaks({ records: byPosition(records), heads }, around)], receivedAt);
  return inserted;
}

export async function saveChainBreaks(client: Queryable, deviceId: string, breaks: readonly ChainBreak[], detectedAt: Date): Promise<number> {
  if (breaks.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO chain_breaks (device_id, position, kind, detail, detected_at)
     SELECT $1, (b->>'position')::bigint, b->>'kind', b->>'detail', $3
     FROM jsonb_array_elements($2::jsonb) AS e(b)
     ON CONFLICT DO NOTHING`,
    [deviceId, JSON.stringify(breaks), detectedAt],
  );
  return rowCount ?? 0;
}

export async function loadChain(client: Queryable, deviceId: string): Promise<StoredChain> {
  const records = await client.query(`SELECT ${recordColumns} FROM chain_records WHERE device_id = $1 ORDER BY position`, [deviceId]);
  const heads = await client.query(`SELECT * FROM chain_heads WHERE device_id = $1 ORDER BY position, link COLLATE "C"`, [deviceId]);
  const breaks = await client.query(`SELECT * FROM chain_breaks WHERE device_id = $1 ORDER BY position, kind COLLATE "C"`, [deviceId]);
  return { records: records.rows.map(toChainRecord), heads: heads.rows.map(toChainHead), breaks: breaks.rows.map(toChainBreak) };
}

/** `recordEnds`, `recordGaps`: each device's highest position and holes, kept at ingest (postgres-device-state.ts, issue 17). */
export async function chainReports(client: Queryable, recordEnds: unknown[], recordGaps: unknown[]): Promise<Map<string, DeviceChainReport>> {
  // Per device, each fact an index seek (migration 13's indexes): never a scan of every head.
  const heads = await client.query(`
    SELECT d.device_id,
           (SELECT MAX(position) FROM chain_heads h WHERE h.device_id = d.device_id) AS head_position,
           (SELECT MAX(migrated_through) FROM chain_heads h WHERE h.device_id = d.device_id) AS migrated_through,
           EXISTS (SELECT 1 FROM chain_heads h WHERE h.device_id = d.device_id AND NOT h.verified) AS unverified
    FROM devices d WHERE EXISTS (SELECT 1 FROM chain_heads h WHERE h.device_id = d.device_id)`);
  const breaks = await client.query(`SELECT * FROM chain_breaks`);
  return toChainReports(heads.rows, recordEnds, recordGaps, breaks.rows);
}
