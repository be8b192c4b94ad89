// When the engine sends: debounced after new ratings, never during a backoff or after a refusal
// unless told to, and at once when the network comes back. Real timers, small tunings, a real
// HTTP server on 127.0.0.1 whose answers the test decides.
import { describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { saveSyncSettings } from '../../electron/backend/settings-repo';
import { backoffDelayMs } from '../../electron/backend/sync/sync-engine';
import { openTestBackend, tempDataDir } from '../support/backend-fixture';
import { cannedServer } from '../support/canned-server';

const tuning = { debounceMs: 40, intervalMs: 3_600_000, timeoutMs: 2_000, backoffBaseMs: 10, backoffCapMs: 20 };

async function kioskAgainst(answer: (requestNumber: number) => { status: number; headers?: Record<string, string> } | 'ack') {
  let n = 0;
  // 'ack' answers like central: every rating of the batch accepted.
  const server = await cannedServer((_req, _body, res) => {
    const reply = answer(++n);
    if (reply === 'ack') {
      const batch = server.requests.at(-1)?.json as { batchId: string; ratings: { id: string }[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ batchId: batch.batchId, accepted: batch.ratings.map((r) => r.id), duplicate: [], conflicts: [], receivedAt: new Date().toISOString() }));
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify({ error: { code: reply.status === 401 ? 'UNAUTHENTICATED' : 'SERVER_ERROR', message: 'x' } }));
  });
  const dataDir = tempDataDir();
  const backend = openTestBackend({ dataDir, autoSync: false, syncTuning: tuning });
  saveSyncSettings(backend.context.db, { endpoint: server.url });
  fileSecretStore(dataDir).write('device-token', 'token-aaaaaaaaaaaaaaaa');
  const tap = () => backend.handlers.submitRating({ scale: 'vn-3', level: 1 });
  return { server, backend, tap, dataDir };
}

describe('sync engine scheduling', () => {
  it('sends once, shortly after a burst of new ratings', async () => {
    const { server, backend, tap } = await kioskAgainst(() => 'ack');
    await tap();
    await tap();
    await tap();
    expect(server.requests).toHaveLength(0); // still within the debounce
    await vi.waitFor(() => expect(backend.sync.status().pendingCount).toBe(0), { timeout: 3_000 });
    expect(server.requests).toHaveLength(1);
    expect((server.requests[0]?.json as { ratings: unknown[] }).ratings).toHaveLength(3);
    expect(backend.sync.status()).toMatchObject({ state: 'idle', lastProblem: null });
  });

  it('after a 503 with Retry-After waits at least that long; automatic triggers send nothing meanwhile; the network coming back sends at once', async () => {
    const { server, backend, tap } = await kioskAgainst((n) => (n === 1 ? { status: 503, headers: { 'retry-after': '30' } } : 'ack'));
    await tap();
    await backend.sync.trigger('manual');
    const waiting = backend.sync.status();
    expect(waiting).toMatchObject({ state: 'waiting', pendingCount: 1, lastProblem: { code: 'SERVER_ERROR' } });
    expect(Date.parse(waiting.nextAttemptAt ?? '') - Date.now()).toBeGreaterThan(25_000);

    await backend.sync.trigger('interval');
    await tap(); // a new rating during the backoff
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the debounce
    expect(server.requests).toHaveLength(1);

    await backend.sync.trigger('network-restored');
    expect(server.requests).toHaveLength(2);
    expect(backend.sync.status()).toMatchObject({ state: 'idle', pendingCount: 0, nextAttemptAt: null });
  });

  it('after a refused token stops: no automatic or network retries until "sync now" or a new token', async () => {
    let refuse = true;
    const { server, backend, tap, dataDir } = await kioskAgainst(() => (refuse ? { status: 401 } : 'ack'));
    await tap();
    await backend.sync.trigger('manual');
    expect(backend.sync.status()).toMatchObject({ state: 'stopped', lastProblem: { code: 'TOKEN_REJECTED', message: expect.stringContaining('Token bị từ chối') } });

    await backend.sync.trigger('interval');
    await backend.sync.trigger('network-restored');
    await backend.sync.trigger('backoff-elapsed');
    expect(server.requests).toHaveLength(1);

    await backend.sync.trigger('manual'); // someone pressed "Đồng bộ ngay": one more try
    expect(server.requests).toHaveLength(2);
    expect(backend.sync.status().state).toBe('stopped');

    refuse = false;
    fileSecretStore(dataDir).write('device-token', 'token-bbbbbbbbbbbbbbbb'); // IT fixed the token
    await backend.sync.trigger('interval');
    expect(server.requests).toHaveLength(3);
    expect(backend.sync.status()).toMatchObject({ state: 'idle', pendingCount: 0 });
  });

  it('is not configured without an endpoint and a token, and sends nothing', async () => {
    const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, syncTuning: tuning });
    await backend.handlers.submitRating({ scale: 'vn-3', level: 2 });
    await backend.sync.trigger('manual');
    expect(backend.sync.status()).toMatchObject({ state: 'not-configured', pendingCount: 1 });
  });

  it('backs off with full jitter: from 0 up to base × 2^(failures−1), capped', () => {
    const t = { backoffBaseMs: 2_000, backoffCapMs: 300_000 };
    expect(backoffDelayMs(1, t, () => 0)).toBe(0);
    expect(backoffDelayMs(1, t, () => 0.999999)).toBe(1_999);
    expect(backoffDelayMs(4, t, () => 0.5)).toBe(8_000);
    expect(backoffDelayMs(30, t, () => 0.999999)).toBe(299_999);
  });
});
