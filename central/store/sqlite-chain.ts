// The record chain's rows in SQLite (migration 5): loaded and saved here, judged by
// central/chain-verification.ts. `ingest` runs inside ingestBatch's transaction.
import type { Database, Statement } from 'better-sqlite3';
import type { SyncBatch } from '../../shared/sync/wire';
import { admitChainRecords, chainHeadRow, chainRecordsOf, findBreaks, neighbourhoodOf, type ChainBreak, type DeviceChainReport } from '../chain-verification';
import { byPosition, mergeHeads, toChainBreak, toChainHead, toChainRecord, toChainReports, type StoredChain } from './chain-rows';

export class SqliteChain {
  private readonly recordAt: Statement;
  private readonly positionOfId: Statement;
  private readonly insertRecord: Statement;
  private readonly insertHead: Statement;
  private readonly recordsAt: Statement;
  private readonly headsAt: Statement;
  private readonly anchorHeads: Statement;
  private readonly insertBreak: Statement;

  constructor(private readonly db: Database) {
    this.recordAt = db.prepare(`SELECT position, kind, record_id, link, content FROM chain_records WHERE device_id = ? AND position = ?`);
    this.positionOfId = db.prepare(`SELECT position FROM chain_records WHERE device_id = ? AND record_id = ? ORDER BY position LIMIT 1`).pluck();
    this.insertRecord = db.prepare(`
      INSERT INTO chain_records (device_id, position, kind, record_id, link, content, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`);
    // The same head again: nothing, unless it was stored unverified and verifies now.
    this.insertHead = db.prepare(`
      INSERT INTO chain_heads (device_id, position, link, migrated_through, migrated_link, signed_at, signature, verified, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (device_id, position, link) DO UPDATE SET verified = 1
      WHERE chain_heads.verified = 0 AND excluded.verified = 1 AND excluded.signature = chain_heads.signature AND excluded.signed_at = chain_heads.signed_at`);
    this.recordsAt = db.prepare(`
      SELECT position, kind, record_id, link, content FROM chain_records
      WHERE device_id = ? AND position IN (SELECT value FROM json_each(?))`);
    this.headsAt = db.prepare(`SELECT * FROM chain_heads WHERE device_id = ? AND position IN (SELECT value FROM json_each(?))`);
    // One head per migration anchor stated: enough to know the anchors and whether they disagree.
    this.anchorHeads = db.prepare(`
      SELECT * FROM chain_heads WHERE rowid IN (
        SELECT MIN(rowid) FROM chain_heads WHERE device_id = ? AND migrated_through > 0 GROUP BY migrated_through, migrated_link)`);
    this.insertBreak = db.prepare(`INSERT INTO chain_breaks (device_id, position, kind, detail, detected_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  }

  /** Inside ingestBatch's transaction: the batch's chained records and head, then the breaks around them. The positions inserted. */
  ingest(batch: SyncBatch, headVerified: boolean, receivedAt: string): number[] {
    if (batch.formatVersion !== 2) return [];
    const deviceId = batch.deviceId;
    const incoming = chainRecordsOf(batch);
    const held = new Map<number, ReturnType<typeof toChainRecord>>();
    const heldPositionById = new Map<string, number>();
    for (const r of incoming) {
      const row = this.recordAt.get(deviceId, r.position);
      if (row !== undefined) held.set(r.position, toChainRecord(row));
      const position = this.positionOfId.get(deviceId, r.recordId) as number | bigint | undefined;
      if (position !== undefined) heldPositionById.set(r.recordId, Number(position));
    }
    const admitted = admitChainRecords(incoming, held, heldPositionById);
    const inserted: number[] = [];
    for (const r of admitted.insert) {
      if (this.insertRecord.run(deviceId, r.position, r.kind, r.recordId, r.link, r.content, receivedAt).changes === 1) inserted.push(r.position);
    }
    const head = chainHeadRow(batch.chainHead, headVerified);
    this.insertHead.run(deviceId, head.position, head.link, head.migratedThrough, head.migratedLink, head.signedAt, head.signature, head.verified ? 1 : 0, receivedAt);

    const anchors = this.anchorHeads.all(deviceId).map(toChainHead);
    const around = [...neighbourhoodOf(incoming.map((r) => r.position), [head, ...anchors])];
    const records = this.recordsAt.all(deviceId, JSON.stringify(around)).map(toChainRecord);
    const heads = mergeHeads(this.headsAt.all(deviceId, JSON.stringify(around)).map(toChainHead), anchors);
    this.saveBreaks(deviceId, [...admitted.breaks, ...findBreaks({ records: byPosition(records), heads }, around)], receivedAt);
    return inserted;
  }

  saveBreaks(deviceId: string, breaks: readonly ChainBreak[], detectedAt: string): number {
    let added = 0;
    for (const b of breaks) added += this.insertBreak.run(deviceId, b.position, b.kind, b.detail, detectedAt).changes;
    return added;
  }

  load(deviceId: string): StoredChain {
    return {
      records: this.db.prepare(`SELECT position, kind, record_id, link, content FROM chain_records WHERE device_id = ? ORDER BY position`).all(deviceId).map(toChainRecord),
      heads: this.db.prepare(`SELECT * FROM chain_heads WHERE device_id = ? ORDER BY position, link`).all(deviceId).map(toChainHead),
      breaks: this.db.prepare(`SELECT * FROM chain_breaks WHERE device_id = ? ORDER BY position, kind`).all(deviceId).map(toChainBreak),
    };
  }

  /** `recordEnds`, `recordGaps`: each device's highest position and holes, kept at ingest (sqlite-device-state.ts, issue 17). */
  reports(recordEnds: unknown[], recordGaps: unknown[]): Map<string, DeviceChainReport> {
    // Per device, each fact an index seek (migration 13's indexes): never a scan of every head.
    const heads = this.db
      .prepare(`
        SELECT d.device_id,
               (SELECT MAX(position) FROM chain_heads h WHERE h.device_id = d.device_id) AS head_position,
               (SELECT MAX(migrated_through) FROM chain_heads h WHERE h.device_id = d.device_id) AS migrated_through,
               EXISTS (SELECT 1 FROM chain_heads h WHERE h.device_id = d.device_id AND h.verified = 0) AS unverified
        FROM devices d WHERE EXISTS (SELECT 1 FROM chain_heads h WHERE h.device_id = d.device_id)`)
      .all();
    const breaks = this.db.prepare(`SELECT * FROM chain_breaks`).all();
    return toChainReports(heads, recordEnds, recordGaps, breaks);
  }
}
