// docs/sync-protocol.md's examples are the contract for other teams: each one must parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ackCoversBatch,
  devicesResponseSchema,
  healthSchema,
  syncAckSchema,
  syncBatchSchema,
  syncRejectionSchema,
} from '../../shared/sync/wire';
import { ackFileSchema } from '../../shared/sync-files/ack-file';
import { dossierRepeatsResponseSchema } from '../../central/store/dossier-repeats';
import { enrollmentFileSchema } from '../../shared/sync-files/enrollment-file';
import { syncFileImportResponseSchema } from '../../shared/sync-files/import-response';
import { officeSettingsFileSchema, provisioningFileSchema } from '../../shared/sync-files/provisioning-file';
import { syncFileRejectionSchema } from '../../shared/sync-files/rejections';
import { syncFileManifestSchema } from '../../shared/sync-files/sync-file';
import { recordLink } from '../../shared/node/record-chain';
import { chainHeadSchema, signChainHead, verifyChainHead } from '../../shared/sync/chain';
import { incidentSchema, signIncident, verifyIncident } from '../../shared/sync/incident';
import { referenceLookupResponseSchema } from '../../central/reference-lookup';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { directoryResponseSchema } from '../../shared/central-directory';
import { kioskHealthRecordSchema, readHealthRecord } from '../../shared/sync/health-record';

/** The device key the record chain examples are signed with: a test key, generated once, shown in the doc by its public key. */
const DOC_DEVICE_KEY = {
  publicKey: 'yUwHNE0jhkpzmflHi72Ah2b8h6qKOdvdv41T4rGZDXw=',
  privateKeyPkcs8: 'MC4CAQAwBQYDK2VwBCIEIIHpYrkNhyL15i8eGM9xYZdT647aOGhR60jmPkT/mdMB',
};

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'sync-protocol.md'), 'utf8');
const examples = new Map([...doc.matchAll(/```json example=(\w+)\n([\s\S]*?)```/g)].map((m) => [m[1], JSON.parse(m[2] ?? '')]));

const schemas: Record<string, z.ZodType> = {
  batch: syncBatchSchema,
  reasonBatch: syncBatchSchema,
  batchV2: syncBatchSchema,
  chainHead: chainHeadSchema,
  incident: incidentSchema,
  ack: syncAckSchema,
  rejection: syncRejectionSchema,
  devices: devicesResponseSchema,
  health: healthSchema,
  syncFileManifest: syncFileManifestSchema,
  syncFileRejection: syncFileRejectionSchema,
  syncFileImportResponse: syncFileImportResponseSchema,
  ackFile: ackFileSchema,
  provisioningFile: provisioningFileSchema,
  officeSettingsFile: officeSettingsFileSchema,
  enrollmentFile: enrollmentFileSchema,
  references: referenceLookupResponseSchema,
  dossierRepeats: dossierRepeatsResponseSchema,
  directoryBatch: syncBatchSchema,
  heartbeatBatch: syncBatchSchema,
  directoryResponse: directoryResponseSchema,
};

describe('docs/sync-protocol.md', () => {
  it('the directory example (issue 16) is a batch of zero records with the batchV2 example\'s signed head', () => {
    const batch = syncBatchSchema.parse(examples.get('directoryBatch'));
    const v2 = syncBatchSchema.parse(examples.get('batchV2'));
    expect(batch.formatVersion === 2 && v2.formatVersion === 2 ? [batch.ratings.length, batch.reasonAnswers.length, batch.chainHead, batch.directory?.revision] : []).toEqual([0, 0, v2.formatVersion === 2 ? v2.chainHead : null, 4]);
    // Without the directory, the same batch is empty: refused as before issue 16.
    expect(syncBatchSchema.safeParse({ ...(examples.get('directoryBatch') as object), directory: undefined }).success).toBe(false);
  });

  it('the heartbeat example (issue 16) is a zero-record batch whose health record, and the devices example\'s, read with the strict fields', () => {
    const batch = syncBatchSchema.parse(examples.get('heartbeatBatch'));
    const reading = readHealthRecord(batch.formatVersion === 2 ? batch.health : undefined);
    expect(reading.ok && [batch.ratings.length, reading.record.pending.ratings, z.strictObject(kioskHealthRecordSchema.shape).safeParse(batch.formatVersion === 2 ? batch.health : null).success]).toEqual([0, 0, true]);
    const device = devicesResponseSchema.parse(examples.get('devices')).devices[0];
    expect([device?.health?.via, device?.health?.clockDriftMs, device?.healthRefused]).toEqual(['http', -1522, null]);
    // Without its health, the same batch is empty: refused as before issue 16.
    expect(syncBatchSchema.safeParse({ ...(examples.get('heartbeatBatch') as object), health: undefined }).success).toBe(false);
  });

  it('has one example per wire schema', () => {
    expect([...examples.keys()].sort()).toEqual(Object.keys(schemas).sort());
  });

  it.each(Object.entries(schemas))('example %s parses with its schema', (name, schema) => {
    expect(schema.safeParse(examples.get(name)).error).toBeUndefined();
  });

  it("provisioning: a reason's factor is kept as written, null included; left out, the code's usual factor", () => {
    const file = provisioningFileSchema.parse(examples.get('provisioningFile'));
    expect(file.reasons?.map((r) => [r.code, r.factor])).toEqual([
      ['THAI-DO', 'officer'],
      ['CHO-LAU', 'access'],
      ['KHAC', 'feedback'],
    ]);
    const reasons = (file.reasons ?? []).map((r) => ({ code: r.code === 'THAI-DO' ? 'RIENG' : r.code, label: r.label, labelEn: r.labelEn }));
    const older = provisioningFileSchema.parse({ ...(examples.get('provisioningFile') as object), reasons });
    expect(older.reasons?.map((r) => [r.code, r.factor])).toEqual([
      ['RIENG', null],
      ['CHO-LAU', 'access'],
      ['KHAC', null],
    ]);
    expect(provisioningFileSchema.safeParse({ ...(examples.get('provisioningFile') as object), reasons: [{ ...reasons[1], factor: 'staff' }] }).success).toBe(false);
  });

  it('provisioning (issue 15): reportPath as written, left out the usual one; reportContact optional; the references example is its rating’s code', () => {
    const file = provisioningFileSchema.parse(examples.get('provisioningFile'));
    expect(file.reasons?.map((r) => [r.code, r.reportPath])).toEqual([
      ['THAI-DO', false],
      ['CHO-LAU', false],
      ['KHAC', true],
    ]);
    expect(file.reportContact).toEqual({ hotline: '0236 1022', place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn, mục “Phản ánh, kiến nghị”', placeEn: null });
    const { reportContact, ...older } = examples.get('provisioningFile') as Record<string, unknown>;
    expect(reportContact).toBeDefined();
    expect(provisioningFileSchema.parse(older).reportContact).toBeUndefined();
    const found = referenceLookupResponseSchema.parse(examples.get('references'));
    expect(found.referenceCode).toBe(referenceCodeOf(found.matches[0]?.ratingId ?? ''));
  });

  it('its format 2 batch carries its chain head, and both links and the signature recompute', async () => {
    const head = chainHeadSchema.parse(examples.get('chainHead'));
    const batch = syncBatchSchema.parse(examples.get('batchV2'));
    if (batch.formatVersion !== 2) throw new Error('batchV2 is not format 2');
    expect(batch.chainHead).toEqual(head);
    const records = [...batch.ratings.map((r) => ['rating', r] as const), ...batch.reasonAnswers.map((a) => ['reason-answer', a] as const)].sort(
      ([, a], [, b]) => a.chainPosition - b.chainPosition,
    );
    let previous = head.migratedLink ?? '';
    expect(records[0]?.[1].chainPosition).toBe((head.migratedThrough ?? 0) + 1);
    for (const [kind, record] of records) {
      expect(record.chainLink).toBe(recordLink(previous, record.chainPosition, kind, record));
      previous = record.chainLink;
    }
    expect(head.link).toBe(previous);
    expect(head.position).toBe(records.at(-1)?.[1].chainPosition);
    // Ed25519 signatures are deterministic: the example's is the test key's, byte for byte.
    const { signature, ...unsigned } = head;
    expect((await signChainHead(unsigned, DOC_DEVICE_KEY.privateKeyPkcs8)).signature).toBe(signature);
    expect(await verifyChainHead(head, DOC_DEVICE_KEY.publicKey)).toBe(true);
    expect(doc).toContain(`public key is \`${DOC_DEVICE_KEY.publicKey}\``);
  });

  it('its storage incident is the Record chain example kiosk\'s, and both its signatures recompute with the test key', async () => {
    const incident = incidentSchema.parse(examples.get('incident'));
    const head = chainHeadSchema.parse(examples.get('chainHead'));
    expect(incident.deviceId).toBe(head.deviceId);
    expect(incident.chainHead.migratedLink).toBe(head.migratedLink);
    // Ed25519 signatures are deterministic: the example's are the test key's, byte for byte.
    const { signature: headSignature, ...unsignedHead } = incident.chainHead;
    expect((await signChainHead(unsignedHead, DOC_DEVICE_KEY.privateKeyPkcs8)).signature).toBe(headSignature);
    const { signature, ...unsigned } = incident;
    expect((await signIncident(unsigned, DOC_DEVICE_KEY.privateKeyPkcs8)).signature).toBe(signature);
    expect(await verifyIncident(incident, DOC_DEVICE_KEY.publicKey)).toBe(true);
    expect(await verifyIncident({ ...incident, lostSeqRanges: [] }, DOC_DEVICE_KEY.publicKey)).toBe(false);
    // The devices example reports it, by id, with what it declares.
    const device = devicesResponseSchema.parse(examples.get('devices')).devices[0];
    const { id, kind, detectedAt, lostSeqRanges, lostChainRanges, detail } = incident;
    expect(device?.incidents).toEqual([{ id, kind, detectedAt, lostSeqRanges, lostChainRanges, detail, verified: true }]);
  });

  it('its ack answers its batch', () => {
    expect(ackCoversBatch(syncBatchSchema.parse(examples.get('batch')), syncAckSchema.parse(examples.get('ack')))).toBe(true);
  });
});
