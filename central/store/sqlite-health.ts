// The devices' health records in SQLite (migration 11; the rules are central/health-records.ts).
// `ingest` runs inside ingestBatch's transaction.
import type { Database, Statement } from 'better-sqlite3';
import { toDeviceHealth, type HealthIntake } from '../health-records';

export class SqliteHealth {
  private readonly upsert: Statement;
  private readonly refuse: Statement;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(`
      INSERT INTO device_health (device_id, recorded_at, order_at_ms, received_at, via, clock_drift_ms, record) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET recorded_at = excluded.recorded_at, order_at_ms = excluded.order_at_ms, received_at = excluded.received_at,
        via = excluded.via, clock_drift_ms = excluded.clock_drift_ms, record = excluded.record
      WHERE excluded.order_at_ms >= device_health.order_at_ms`);
    this.refuse = db.prepare(`
      INSERT INTO device_health_refusals (device_id, refused_count, last_at, last_detail) VALUES (?, 1, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET refused_count = device_health_refusals.refused_count + 1,
        last_at = max(device_health_refusals.last_at, excluded.last_at), last_detail = excluded.last_detail`);
  }

  /** True when a record was stored (newer than the one held). */
  ingest(deviceId: string, intake: HealthIntake): boolean {
    if (intake.kind === 'refused') {
      this.refuse.run(deviceId, intake.receivedAt.toISOString(), intake.detail);
      return false;
    }
    const { record } = intake;
    return this.upsert.run(deviceId, record.recordedAt, intake.orderAtMs, intake.receivedAt.toISOString(), intake.via, intake.clockDriftMs, JSON.stringify(record)).changes === 1;
  }

  all(): ReturnType<typeof toDeviceHealth> {
    return toDeviceHealth(
      this.db.prepare(`SELECT device_id, record, received_at, via, clock_drift_ms FROM device_health`).all(),
      this.db.prepare(`SELECT device_id, refused_count, last_at, last_detail FROM device_health_refusals`).all(),
    );
  }
}
