// Each device's rating count, highest seq, and ranges of seqs and chain positions in SQLite
// (migration 13, issue 17), kept inside ingestBatch's transaction so GET /api/v1/devices reads
// O(devices + gaps) rows. The merge rule is central/device-seq-ranges.ts; `rebuild` recounts.
import type { Database, Statement } from 'better-sqlite3';
import { mergeRuns, runsOf, type RangeSeries, type SeqRange } from '../device-seq-ranges';
import { FILL_DEVICE_STATE_SQL } from './device-state-migrations';
import type { DeviceStateRebuild } from './central-store';

const rangeOf = (row: unknown): SeqRange => {
  const r = row as { range_from: number; range_to: number };
  return { from: r.range_from, to: r.range_to };
};

export class SqliteDeviceState {
  private readonly addCounts: Statement;
  private readonly rangeEndingAt: Statement;
  private readonly rangeStartingAt: Statement;
  private readonly deleteRange: Statement;
  private readonly insertRange: Statement;

  constructor(private readonly db: Database) {
    this.addCounts = db.prepare(`
      INSERT INTO device_rating_state (device_id, rating_count, max_seq) VALUES (?, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET rating_count = rating_count + excluded.rating_count, max_seq = MAX(max_seq, excluded.max_seq)`);
    this.rangeEndingAt = db.prepare(`SELECT range_from, range_to FROM device_ranges WHERE device_id = ? AND series = ? AND range_to = ?`);
    this.rangeStartingAt = db.prepare(`SELECT range_from, range_to FROM device_ranges WHERE device_id = ? AND series = ? AND range_from = ?`);
    this.deleteRange = db.prepare(`DELETE FROM device_ranges WHERE device_id = ? AND series = ? AND range_from = ?`);
    this.insertRange = db.prepare(`INSERT INTO device_ranges (device_id, series, range_from, range_to) VALUES (?, ?, ?, ?)`);
  }

  /**
   * Inside ingestBatch's transaction: `seqs` are the ratings it inserted, `positions` the chain
   * records it inserted (none already held: the tables' unique keys see to that).
   */
  ingest(deviceId: string, seqs: readonly number[], positions: readonly number[]): void {
    if (seqs.length > 0) this.addCounts.run(deviceId, seqs.length, Math.max(...seqs));
    this.addRanges(deviceId, 'seq', seqs);
    this.addRanges(deviceId, 'chain', positions);
  }

  private addRanges(deviceId: string, series: RangeSeries, values: readonly number[]): void {
    if (values.length === 0) return;
    const runs = runsOf(values);
    const neighbours: SeqRange[] = [];
    for (const run of runs) {
      const before = this.rangeEndingAt.get(deviceId, series, run.from - 1);
      const after = this.rangeStartingAt.get(deviceId, series, run.to + 1);
      if (before !== undefined) neighbours.push(rangeOf(before));
      if (after !== undefined) neighbours.push(rangeOf(after));
    }
    const change = mergeRuns(runs, neighbours);
    for (const from of change.remove) this.deleteRange.run(deviceId, series, from);
    for (const range of change.add) this.insertRange.run(deviceId, series, range.from, range.to);
  }

  /** Every gap of every device in this series: the holes before and between its ranges (one row per hole). */
  gapRows(series: RangeSeries): unknown[] {
    return this.db
      .prepare(`
        SELECT device_id, prev + 1 AS gap_from, range_from - 1 AS gap_to
        FROM (SELECT device_id, range_from, LAG(range_to, 1, 0) OVER (PARTITION BY device_id ORDER BY range_from) AS prev
              FROM device_ranges WHERE series = ?) AS ordered
        WHERE range_from > prev + 1
        ORDER BY device_id, gap_from`)
      .all(series);
  }

  /** The highest chain position held of each device (the end of its last range). */
  chainEnds(): unknown[] {
    return this.db.prepare(`SELECT device_id, MAX(range_to) AS max_position FROM device_ranges WHERE series = 'chain' GROUP BY device_id`).all();
  }

  /** Recounts every table from the stored ratings and chain records, in one IMMEDIATE transaction. */
  rebuild(): DeviceStateRebuild {
    return this.db
      .transaction(() => {
        this.db.exec(`DELETE FROM device_ranges; DELETE FROM device_rating_state;`);
        for (const sql of FILL_DEVICE_STATE_SQL) this.db.exec(sql);
        const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
        return {
          devices: count(`SELECT COUNT(*) FROM device_rating_state`),
          ranges: count(`SELECT COUNT(*) FROM device_ranges WHERE series = 'seq'`),
          chainRanges: count(`SELECT COUNT(*) FROM device_ranges WHERE series = 'chain'`),
        };
      })
      .immediate();
  }
}
