// The one serializer from a stored rating to the wire format, for HTTP sync and sync files.
import type { WireRating } from '../../../shared/sync/wire';
import type { RatingRow } from '../ratings-repo';

export function toWireRating(row: RatingRow): WireRating {
  return {
    id: row.id,
    deviceId: row.device_id,
    seq: row.seq,
    createdAt: row.created_at,
    localDay: row.local_day,
    scale: row.scale,
    level: row.level,
    officerId: row.officer_id,
    serviceCode: row.service_code,
    dossierCode: row.dossier_code,
    reasons: JSON.parse(row.reasons) as string[],
    flags: JSON.parse(row.flags) as string[],
    appVersion: row.app_version,
    bootId: row.boot_id,
  };
}
