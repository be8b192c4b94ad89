// docs/sync-protocol.md's examples are the contract for other teams: each one must parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ackCoversBatch,
  devicesResponseSchema,
  healthSchema,
  syncAckSchema,
  syncBatchSchema,
  syncRejectionSchema,
} from '../../shared/sync/wire';
import { ackFileSchema } from '../../shared/sync-files/ack-file';
import { enrollmentFileSchema } from '../../shared/sync-files/enrollment-file';
import { syncFileImportResponseSchema } from '../../shared/sync-files/import-response';
import { provisioningFileSchema } from '../../shared/sync-files/provisioning-file';
import { syncFileRejectionSchema } from '../../shared/sync-files/rejections';
import { syncFileManifestSchema } from '../../shared/sync-files/sync-file';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'sync-protocol.md'), 'utf8');
const examples = new Map([...doc.matchAll(/```json example=(\w+)\n([\s\S]*?)```/g)].map((m) => [m[1], JSON.parse(m[2] ?? '')]));

const schemas: Record<string, z.ZodType> = {
  batch: syncBatchSchema,
  reasonBatch: syncBatchSchema,
  ack: syncAckSchema,
  rejection: syncRejectionSchema,
  devices: devicesResponseSchema,
  health: healthSchema,
  syncFileManifest: syncFileManifestSchema,
  syncFileRejection: syncFileRejectionSchema,
  syncFileImportResponse: syncFileImportResponseSchema,
  ackFile: ackFileSchema,
  provisioningFile: provisioningFileSchema,
  enrollmentFile: enrollmentFileSchema,
};

describe('docs/sync-protocol.md', () => {
  it('has one example per wire schema', () => {
    expect([...examples.keys()].sort()).toEqual(Object.keys(schemas).sort());
  });

  it.each(Object.entries(schemas))('example %s parses with its schema', (name, schema) => {
    expect(schema.safeParse(examples.get(name)).error).toBeUndefined();
  });

  it('its ack answers its batch', () => {
    expect(ackCoversBatch(syncBatchSchema.parse(examples.get('batch')), syncAckSchema.parse(examples.get('ack')))).toBe(true);
  });
});
