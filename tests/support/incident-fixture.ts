// A signed storage incident for tests (shared/sync/incident.ts): its chain head and the incident
// itself signed with the given device key.
import { randomUUID } from 'node:crypto';
import { signChainHead } from '../../shared/sync/chain';
import { signIncident, type Incident, type IncidentKind } from '../../shared/sync/incident';

export interface IncidentOptions {
  id?: string;
  kind?: IncidentKind;
  detectedAt?: string;
  lostSeqRanges?: { from: number; to: number }[];
  lostChainRanges?: { from: number; to: number }[];
  detail?: string;
  head?: { position: number; link: string };
}

export async function makeIncident(deviceId: string, privateKeyPkcs8: string | CryptoKey, options: IncidentOptions = {}): Promise<Incident> {
  const detectedAt = options.detectedAt ?? '2026-11-23T09:30:00.000+07:00';
  const chainHead = await signChainHead(
    {
      deviceId,
      position: options.head?.position ?? 1,
      link: options.head?.link ?? 'a'.repeat(64),
      migratedThrough: null,
      migratedLink: null,
      signedAt: detectedAt,
    },
    privateKeyPkcs8,
  );
  return signIncident(
    {
      id: options.id ?? randomUUID(),
      deviceId,
      kind: options.kind ?? 'database-rebuilt',
      detectedAt,
      lostSeqRanges: options.lostSeqRanges ?? [],
      lostChainRanges: options.lostChainRanges ?? [],
      detail: options.detail ?? 'Dựng lại từ bản sao lưu 09:00; 3 dòng đọc được từ tệp hỏng.',
      chainHead,
    },
    privateKeyPkcs8,
  );
}
