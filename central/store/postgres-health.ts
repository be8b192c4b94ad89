// The devices' health records in PostgreSQL (migration 11), as sqlite-health.ts. `ingestHealth`
// runs inside ingestBatch's transaction, after the device row is locked (one device's batches take turns).
import type pg from 'pg';
import { toDeviceHealth, type HealthIntake } from '../health-records';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** True when a record was stored (newer than the one held). */
export async function ingestHealth(client: Queryable, deviceId: string, intake: HealthIntake): Promise<boolean> {
  if (intake.kind === 'refused') {
    await client.query(
      `INSERT INTO device_health_refusals (device_id, refused_count, last_at, last_detail) VALUES ($1, 1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE SET refused_count = device_health_refusals.refused_count + 1,
         last_at = greatest(device_health_refusals.last_at, excluded.last_at), last_detail = excluded.last_detail`,
      [deviceId, intake.receivedAt, intake.detail],
    );
    return false;
  }
  const { record } = intake;
  const { rowCount } = await client.query(
    `INSERT INTO device_health (device_id, recorded_at, order_at_ms, received_at, via, clock_drift_ms, record) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (device_id) DO UPDATE SET recorded_at = excluded.recorded_at, order_at_ms = excluded.order_at_ms, received_at = excluded.received_at,
       via = excluded.via, clock_drift_ms = excluded.clock_drift_ms, record = excluded.record
     WHERE excluded.order_at_ms >= device_health.order_at_ms`,
    [deviceId, record.recordedAt, intake.orderAtMs, intake.receivedAt, intake.via, intake.clockDriftMs, JSON.stringify(record)],
  );
  return rowCount === 1;
}

export async function allDeviceHealth(client: Queryable): Promise<ReturnType<typeof toDeviceHealth>> {
  const health = await client.query(`SELECT device_id, record, received_at, via, clock_drift_ms FROM device_health`);
  const refused = await client.query(`SELECT device_id, refused_count, last_at, last_detail FROM device_health_refusals`);
  return toDeviceHealth(health.rows, refused.rows);
}
