// Rows as the two drivers hand them back (better-sqlite3: numbers, 0/1, JSON text; pg: bigint
// as string, Date, parsed jsonb), parsed into one shape so that both stores answer alike.
import { keyChangeMethods, type RecordedKeyChange } from './key-change-rules';
import { z } from 'zod';
import { wireRatingSchema, wireReasonAnswerSchema, type DeviceSummary } from '../../shared/sync/wire';
import type { BatchReceipt, CentralDevice, SigningKeyText, StoredRating, StoredReasonAnswer, SyncFileImport } from './central-store';
import { centralFlags } from './intake-rules';
import { EMPTY_CHAIN_REPORT, type DeviceChainReport } from '../chain-verification';
import { withIncidents, type IncidentRow } from '../incidents';

export const dbInteger = z.union([z.number(), z.string(), z.bigint()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) ctx.addIssue({ code: 'custom', message: `not a safe integer: ${String(v)}` });
  return n;
});

export const dbBoolean = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);

export const dbInstant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v).toISOString());

const fromJsonText = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const dbStringArray = z.preprocess(fromJsonText, z.array(z.string()));
const dbCentralFlags = z.preprocess(fromJsonText, z.array(z.enum(centralFlags)));
const dbReasons = z.preprocess(fromJsonText, z.array(z.object({ code: z.string(), label: z.string() })));

const centralDeviceRow = z.object({
  device_id: z.string(),
  office_code: z.string(),
  counter: dbInteger,
  label: z.string().nullable(),
  revoked: dbBoolean,
  created_at: dbInstant,
});

const deviceSummaryRow = centralDeviceRow.omit({ created_at: true }).extend({
  last_seen_at: dbInstant.nullable(),
  app_version: z.string().nullable(),
  clock_offset_ms: dbInteger.nullable(),
  rating_count: dbInteger,
  max_seq: dbInteger,
});

export const gapRow = z.object({ device_id: z.string(), gap_from: dbInteger, gap_to: dbInteger });

const storedRatingRow = z.object({
  id: z.string(),
  device_id: z.string(),
  seq: dbInteger,
  created_at: z.string(),
  local_day: z.string(),
  scale: z.string(),
  level: dbInteger,
  officer_id: z.string().nullable(),
  service_code: z.string().nullable(),
  dossier_code: z.string().nullable(),
  reasons: dbStringArray,
  flags: dbStringArray,
  app_version: z.string(),
  boot_id: z.string(),
  content_hash: z.string(),
  batch_id: z.string(),
  received_at: dbInstant,
  clock_offset_ms: dbInteger,
  central_flags: dbCentralFlags,
});

const batchReceiptRow = z.object({
  batch_id: z.string(),
  device_id: z.string(),
  received_at: dbInstant,
  sent_at: z.string(),
  app_version: z.string(),
  seq_from: dbInteger.nullable(),
  seq_to: dbInteger.nullable(),
  accepted_count: dbInteger,
  duplicate_count: dbInteger,
  conflict_count: dbInteger,
});

export function toCentralDevice(row: unknown): CentralDevice {
  const r = centralDeviceRow.parse(row);
  return { deviceId: r.device_id, officeCode: r.office_code, counter: r.counter, label: r.label, revoked: r.revoked, createdAt: r.created_at };
}

/** Joins each device with its gap rows (only gaps come from SQL, never every rating). */
export function toDeviceSummaries(
  deviceRows: unknown[],
  gapRows: unknown[],
  chains: ReadonlyMap<string, DeviceChainReport> = new Map(),
  incidents: ReadonlyMap<string, IncidentRow[]> = new Map(),
): DeviceSummary[] {
  const gaps = new Map<string, { from: number; to: number }[]>();
  for (const g of gapRows.map((row) => gapRow.parse(row))) {
    const list = gaps.get(g.device_id) ?? [];
    list.push({ from: g.gap_from, to: g.gap_to });
    gaps.set(g.device_id, list);
  }
  return deviceRows.map((row) => {
    const r = deviceSummaryRow.parse(row);
    return withIncidents({
      deviceId: r.device_id,
      officeCode: r.office_code,
      counter: r.counter,
      label: r.label,
      revoked: r.revoked,
      lastSeenAt: r.last_seen_at,
      appVersion: r.app_version,
      clockOffsetMs: r.clock_offset_ms,
      ratingCount: r.rating_count,
      maxSeq: r.max_seq,
      gaps: gaps.get(r.device_id) ?? [],
      chain: chains.get(r.device_id) ?? EMPTY_CHAIN_REPORT,
    }, incidents.get(r.device_id) ?? []);
  });
}

export function toStoredRating(row: unknown): StoredRating {
  const r = storedRatingRow.parse(row);
  const rating = wireRatingSchema.parse({
    id: r.id,
    deviceId: r.device_id,
    seq: r.seq,
    createdAt: r.created_at,
    localDay: r.local_day,
    scale: r.scale,
    level: r.level,
    officerId: r.officer_id,
    serviceCode: r.service_code,
    dossierCode: r.dossier_code,
    reasons: r.reasons,
    flags: r.flags,
    appVersion: r.app_version,
    bootId: r.boot_id,
  });
  return {
    rating,
    contentHash: r.content_hash,
    batchId: r.batch_id,
    receivedAt: r.received_at,
    clockOffsetMs: r.clock_offset_ms,
    centralFlags: r.central_flags,
  };
}

const storedReasonAnswerRow = z.object({
  id: z.string(),
  device_id: z.string(),
  rating_id: z.string(),
  created_at: z.string(),
  reasons: dbReasons,
  content_hash: z.string(),
  batch_id: z.string(),
  received_at: dbInstant,
});

export function toStoredReasonAnswer(row: unknown): StoredReasonAnswer {
  const r = storedReasonAnswerRow.parse(row);
  const answer = wireReasonAnswerSchema.parse({ id: r.id, deviceId: r.device_id, ratingId: r.rating_id, createdAt: r.created_at, reasons: r.reasons });
  return { answer, contentHash: r.content_hash, batchId: r.batch_id, receivedAt: r.received_at };
}

export function toBatchReceipt(row: unknown): BatchReceipt {
  const r = batchReceiptRow.parse(row);
  return {
    batchId: r.batch_id,
    deviceId: r.device_id,
    receivedAt: r.received_at,
    sentAt: r.sent_at,
    appVersion: r.app_version,
    seqFrom: r.seq_from,
    seqTo: r.seq_to,
    accepted: r.accepted_count,
    duplicate: r.duplicate_count,
    conflicts: r.conflict_count,
  };
}

const signingKeyRow = z.object({ public_key: z.string(), private_key_pkcs8: z.string() });

export function toSigningKey(row: unknown): SigningKeyText {
  const r = signingKeyRow.parse(row);
  return { publicKey: r.public_key, privateKeyPkcs8: r.private_key_pkcs8 };
}

const syncFileImportRow = z.object({
  device_id: z.string(),
  file_number: dbInteger,
  payload_sha256: z.string(),
  received_at: dbInstant,
  ack: z.preprocess(fromJsonText, z.unknown()),
});

export function toSyncFileImport(row: unknown): SyncFileImport {
  const r = syncFileImportRow.parse(row);
  return { deviceId: r.device_id, fileNumber: r.file_number, payloadSha256: r.payload_sha256, receivedAt: r.received_at, ack: r.ack };
}

const keyChangeRow = z.object({
  device_id: z.string(),
  changed_at: dbInstant,
  actor: z.string(),
  method: z.enum(keyChangeMethods),
  old_public_key: z.string().nullable(),
  old_fingerprint: z.string().nullable(),
  new_public_key: z.string(),
  new_fingerprint: z.string(),
});

export function toKeyChange(row: unknown): RecordedKeyChange {
  const r = keyChangeRow.parse(row);
  return {
    deviceId: r.device_id, changedAt: r.changed_at, actor: r.actor, method: r.method,
    oldPublicKey: r.old_public_key, oldFingerprint: r.old_fingerprint, newPublicKey: r.new_public_key, newFingerprint: r.new_fingerprint,
  };
}
