// Issue 12: the sync engine sends the device's unacknowledged storage incidents with every format 2
// batch, and marks them sent in the transaction that applies the batch's ack — not before.
import { describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { ensureDeviceId, saveSyncSettings } from '../../electron/backend/settings-repo';
import { insertIncident, listIncidents, unsentIncidents } from '../../electron/backend/storage/incidents-repo';
import { generateSigningKeyPair } from '../../shared/sync-files/signed-file';
import { syncBatchSchema } from '../../shared/sync/wire';
import { openTestBackend, tempDataDir } from '../support/backend-fixture';
import { cannedServer } from '../support/canned-server';
import { makeIncident } from '../support/incident-fixture';

const tuning = { debounceMs: 40, intervalMs: 3_600_000, timeoutMs: 2_000, backoffBaseMs: 10, backoffCapMs: 20 };

describe('storage incidents in HTTP sync', () => {
  it('ride with every batch until one is acknowledged, then are marked sent with the ack', async () => {
    let fail = true;
    const server = await cannedServer((_req, _body, res) => {
      if (fail) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'SERVER_ERROR', message: 'x' } }));
        return;
      }
      const batch = server.requests.at(-1)?.json as { batchId: string; ratings: { id: string }[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ batchId: batch.batchId, accepted: batch.ratings.map((r) => r.id), duplicate: [], conflicts: [], receivedAt: new Date().toISOString() }));
    });
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false, syncTuning: tuning });
    const db = backend.context.db;
    saveSyncSettings(db, { endpoint: server.url });
    fileSecretStore(dataDir).write('device-token', 'token-aaaaaaaaaaaaaaaa');
    const keys = await generateSigningKeyPair();
    const incident = await makeIncident(ensureDeviceId(db), keys.privateKeyPkcs8, { lostSeqRanges: [{ from: 1, to: 2 }], lostChainRanges: [{ from: 1, to: 2 }] });
    insertIncident(db, incident);

    await backend.handlers.submitRating({ scale: 'vn-3', level: 3 });
    await backend.sync.trigger('manual'); // 503: not acknowledged
    expect(server.requests).toHaveLength(1);
    const refused = syncBatchSchema.parse(server.requests[0]?.json);
    expect(refused).toMatchObject({ formatVersion: 2, incidents: [incident] });
    expect(unsentIncidents(db)).toEqual([incident]);

    fail = false;
    await backend.sync.trigger('manual');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.json).toMatchObject({ incidents: [incident] });
    expect(backend.sync.status().pendingCount).toBe(0);
    expect(unsentIncidents(db)).toEqual([]);
    expect(listIncidents(db)[0]?.sentAt).toEqual(expect.any(String));

    // Acknowledged: the next batch carries none.
    await backend.handlers.submitRating({ scale: 'vn-3', level: 3 });
    await backend.sync.trigger('manual');
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]?.json).not.toHaveProperty('incidents');
  });
});
