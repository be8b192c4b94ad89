// The kiosks' health records at central (issue 16; the ground for issue 17's fleet health): the
// rules both stores apply, so SQLite and PostgreSQL keep the same record. The SQL is in
// store/sqlite-health.ts and store/postgres-health.ts.
//  - The device is the batch's, which the route checked against the token (a sync file: against
//    the device's signature): a health record names no device, so no kiosk can write another's.
//  - Newest wins by the kiosk's own `recordedAt`, taken as no later than its arrival (a kiosk
//    whose clock ran ahead cannot hold its record against later ones): a sync file carried for
//    days never replaces a newer record that came by HTTP. Of two with the same stamp, the one
//    stored last wins (a drain's batches may share a millisecond: the last says what is left).
//  - The clock drift is measured only over HTTP: recordedAt − central's receive time.
//  - A health record off its schema is refused on its own and counted; the batch is stored.
import { z } from 'zod';
import { readHealthRecord, type KioskHealthRecord } from '../shared/sync/health-record';
import { deviceHealthSchema, type DeviceHealth, type DeviceSummary, type SyncBatch } from '../shared/sync/wire';
import type { IngestTimes } from './store/central-store';

/** What a batch does to its device's health: store a record (if newer), count a refusal, or nothing. */
export type HealthIntake =
  | { kind: 'record'; record: KioskHealthRecord; orderAtMs: number; receivedAt: Date; via: 'http' | 'sync-file'; clockDriftMs: number | null }
  | { kind: 'refused'; detail: string; receivedAt: Date };

export function healthIntake(batch: SyncBatch, times: IngestTimes): HealthIntake | undefined {
  if (batch.formatVersion !== 2 || batch.health === undefined) return undefined;
  const reading = readHealthRecord(batch.health);
  if (!reading.ok) return { kind: 'refused', detail: reading.detail, receivedAt: times.receivedAt };
  const via = times.via ?? 'http';
  const recordedAtMs = Date.parse(reading.record.recordedAt);
  return {
    kind: 'record',
    record: reading.record,
    orderAtMs: Math.min(recordedAtMs, times.receivedAt.getTime()),
    receivedAt: times.receivedAt,
    via,
    clockDriftMs: via === 'http' ? recordedAtMs - times.receivedAt.getTime() : null,
  };
}

const iso = z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString());
const healthRow = z.object({
  device_id: z.string(),
  record: z.union([z.string(), z.record(z.string(), z.unknown())]).transform((v): unknown => (typeof v === 'string' ? JSON.parse(v) : v)),
  received_at: iso,
  via: z.enum(['http', 'sync-file']),
  clock_drift_ms: z.union([z.number(), z.string()]).nullable().transform((v) => (v === null ? null : Number(v))),
});
const refusedRow = z.object({
  device_id: z.string(),
  refused_count: z.union([z.number(), z.string()]).transform(Number),
  last_at: iso,
  last_detail: z.string(),
});

export type DeviceHealthRefused = NonNullable<DeviceSummary['healthRefused']>;

/** Rows of device_health (and device_health_refusals) as the devices answer shows them, by device. */
export function toDeviceHealth(healthRows: unknown[], refusedRows: unknown[]): { health: Map<string, DeviceHealth>; refused: Map<string, DeviceHealthRefused> } {
  const health = new Map<string, DeviceHealth>();
  for (const row of healthRows) {
    const r = healthRow.parse(row);
    health.set(r.device_id, deviceHealthSchema.parse({ record: r.record, receivedAt: r.received_at, via: r.via, clockDriftMs: r.clock_drift_ms }));
  }
  const refused = new Map<string, DeviceHealthRefused>();
  for (const row of refusedRows) {
    const r = refusedRow.parse(row);
    refused.set(r.device_id, { count: r.refused_count, lastAt: r.last_at, detail: r.last_detail });
  }
  return { health, refused };
}

/** Each summary with its device's health and refusals (null: none). */
export function withDeviceHealth(summaries: DeviceSummary[], stored: ReturnType<typeof toDeviceHealth>): DeviceSummary[] {
  return summaries.map((s) => ({ ...s, health: stored.health.get(s.deviceId) ?? null, healthRefused: stored.refused.get(s.deviceId) ?? null }));
}
