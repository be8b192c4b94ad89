// The browser host over real HTTP on 127.0.0.1, against a real backend and SQLite file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsPath, httpPath, methodNames } from '../../shared/contract';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { listRatings } from '../../electron/backend/ratings-repo';
import { openTestBackend, tempDataDir } from '../support/backend-fixture';

let host: BrowserHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function startTestHost() {
  const dataDir = tempDataDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const backend = openTestBackend({ dataDir });
  host = await startBrowserHost({ endpoint: backend.endpoint, subscribe: backend.events.subscribe, log: backend.context.log, rendererDir, port: 0, token: 'test-token' });
  const base = new URL(host.url);
  return { backend, base: `${base.protocol}//${base.host}`, port: Number(base.port) };
}

function post(base: string, path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-token', ...headers },
    body,
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token in the fragment', async () => {
    await startTestHost();
    expect(host?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=test-token$/);
    expect(host?.server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves one POST route per contract method, through the same validation', async () => {
    const { base, backend } = await startTestHost();
    for (const name of methodNames) {
      const response = await post(base, httpPath(name), '{}');
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty('ok');
    }
    const stored = await post(base, httpPath('submitRating'), JSON.stringify({ scale: 'vn-3', level: 3 }));
    expect(await stored.json()).toMatchObject({ ok: true, data: { seq: 1 } });
    expect(listRatings(backend.context.db).map((r) => r.level)).toEqual([3]);
  });

  it('refuses calls without the token', async () => {
    const { base, backend } = await startTestHost();
    for (const authorization of ['', 'Bearer wrong-token', 'Bearer test-tokenX', 'test-token']) {
      const response = await post(base, httpPath('submitRating'), JSON.stringify({ scale: 'vn-3', level: 1 }), { authorization });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(listRatings(backend.context.db)).toHaveLength(0);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { port } = await startTestHost();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', method: 'GET', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('answers malformed bodies, oversize bodies and unknown methods with typed errors', async () => {
    const { base } = await startTestHost();
    const malformed = await post(base, httpPath('submitRating'), '{"scale":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const huge = await post(base, httpPath('submitRating'), JSON.stringify({ pad: 'x'.repeat(100_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await post(base, '/api/dropRatings', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('pushes events to an authorised event stream', async () => {
    const { base, backend } = await startTestHost();
    expect((await fetch(`${base}${eventsPath}`)).status).toBe(401);
    const abort = new AbortController();
    const response = await fetch(`${base}${eventsPath}`, { headers: { authorization: 'Bearer test-token' }, signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    await reader?.read(); // ": connected"
    await backend.handlers.submitRating({ scale: 'vn-3', level: 1 }); // pushes syncStatusChanged
    let text = '';
    while (!text.includes('\n\n')) text += (await reader?.read())?.value ?? '';
    const [, event, data] = /^event: (\S+)\ndata: (.*)\n\n/.exec(text) ?? [];
    expect(event).toBe('syncStatusChanged');
    expect(JSON.parse(data ?? '{}')).toMatchObject({ pendingCount: 1, state: 'not-configured' });
    abort.abort();
  });

  it('serves the renderer', async () => {
    const { base } = await startTestHost();
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>kiosk</title>');
  });
});
