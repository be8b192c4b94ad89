// Each device's rating count, highest seq and seq ranges in SQLite (migration 12, issue 17), kept
// inside ingestBatch's transaction so GET /api/v1/devices reads O(devices + gaps) rows.
// The merge rule is central/device-seq-ranges.ts; `rebuild` recounts from the ratings.
import type { Database, Statement } from 'better-sqlite3';
import { mergeRuns, runsOf, type SeqRange } from '../device-seq-ranges';
import { FILL_DEVICE_STATE_SQL } from './device-state-migrations';
import type { DeviceStateRebuild } from './central-store';

const rangeOf = (row: unknown): SeqRange => {
  const r = row as { seq_from: number; seq_to: number };
  return { from: r.seq_from, to: r.seq_to };
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
    this.rangeEndingAt = db.prepare(`SELECT seq_from, seq_to FROM device_seq_ranges WHERE device_id = ? AND seq_to = ?`);
    this.rangeStartingAt = db.prepare(`SELECT seq_from, seq_to FROM device_seq_ranges WHERE device_id = ? AND seq_from = ?`);
    this.deleteRange = db.prepare(`DELETE FROM device_seq_ranges WHERE device_id = ? AND seq_from = ?`);
    this.insertRange = db.prepare(`INSERT INTO device_seq_ranges (device_id, seq_from, seq_to) VALUES (?, ?, ?)`);
  }

  /** Inside ingestBatch's transaction: `seqs` are the ratings it inserted (none already held). */
  ingest(deviceId: string, seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    this.addCounts.run(deviceId, seqs.length, Math.max(...seqs));
    const runs = runsOf(seqs);
    const neighbours: SeqRange[] = [];
    for (const run of runs) {
      const before = this.rangeEndingAt.get(deviceId, run.from - 1);
      const after = this.rangeStartingAt.get(deviceId, run.to + 1);
      if (before !== undefined) neighbours.push(rangeOf(before));
      if (after !== undefined) neighbours.push(rangeOf(after));
    }
    const change = mergeRuns(runs, neighbours);
    for (const from of change.remove) this.deleteRange.run(deviceId, from);
    for (const range of change.add) this.insertRange.run(deviceId, range.from, range.to);
  }

  /** Every gap of every device: the holes before and between its ranges (a gap row per hole). */
  gapRows(): unknown[] {
    return this.db
      .prepare(`
        SELECT device_id, prev + 1 AS gap_from, seq_from - 1 AS gap_to
        FROM (SELECT device_id, seq_from, LAG(seq_to, 1, 0) OVER (PARTITION BY device_id ORDER BY seq_from) AS prev FROM device_seq_ranges) AS ordered
        WHERE seq_from > prev + 1
        ORDER BY device_id, gap_from`)
      .all();
  }

  /** Recounts both tables from the stored ratings, in one IMMEDIATE transaction. */
  rebuild(): DeviceStateRebuild {
    return this.db
      .transaction(() => {
        this.db.exec(`DELETE FROM device_seq_ranges; DELETE FROM device_rating_state;`);
        for (const sql of FILL_DEVICE_STATE_SQL) this.db.exec(sql);
        const count = (table: string) => this.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
        return { devices: count('device_rating_state'), ranges: count('device_seq_ranges') };
      })
      .immediate();
  }
}
