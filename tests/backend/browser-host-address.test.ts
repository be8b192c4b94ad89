// Issue 14: browser mode keeps its address per data folder — the same secret (a 0600 file in
// the 0700 folder, created once) and the same port — so the URL a browser has stays valid
// across host restarts. A remembered port that is taken gives way to a free one.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpPath } from '../../shared/contract';
import { startBrowserHostKeepingAddress, HOST_PORT_FILE, HOST_SECRET_FILE, loadOrCreateHostSecret } from '../../electron/browser-host/host-address';
import type { BrowserHost } from '../../electron/browser-host/browser-host';
import { openTestBackend, tempDataDir } from '../support/backend-fixture';

const posix = process.platform !== 'win32';
const hosts: BrowserHost[] = [];
const backends: { close: () => void }[] = [];
let blocker: Server | undefined;
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
  for (const backend of backends.splice(0)) backend.close();
  await new Promise((resolve) => (blocker === undefined ? resolve(undefined) : blocker.close(resolve)));
  blocker = undefined;
});

function rendererDir(dataDir: string): string {
  const dir = join(dataDir, 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  return dir;
}

async function start(dataDir: string, extra: { pinnedPort?: number; onPortMoved?: (from: number, to: number) => void } = {}): Promise<BrowserHost> {
  const backend = openTestBackend({ dataDir });
  backends.push(backend);
  const host = await startBrowserHostKeepingAddress({ dataDir, endpoint: backend.endpoint, subscribe: backend.events.subscribe, log: backend.context.log, rendererDir: rendererDir(dataDir), ...extra });
  hosts.push(host);
  return host;
}

async function stop(host: BrowserHost): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.close();
  for (const backend of backends.splice(0)) backend.close();
}

/** One call as the page makes it, with the token from the printed URL's fragment. */
async function callWith(url: string): Promise<number> {
  const printed = new URL(url);
  const token = new URLSearchParams(printed.hash.slice(1)).get('token') ?? '';
  const response = await fetch(new URL(httpPath('getHomeScreen'), printed.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  });
  return response.status;
}

describe('browser host address kept per data folder', () => {
  it('prints the same URL at two starts on one data folder, and the first URL works against the second host', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const firstUrl = first.url;
    await stop(first);
    const second = await start(dataDir);
    expect(second.url).toBe(firstUrl);
    expect(await callWith(firstUrl)).toBe(200);
  });

  it('keeps the secret in a 0600 file in the 0700 data folder, created once', async () => {
    const dataDir = tempDataDir();
    const host = await start(dataDir);
    const secretFile = join(dataDir, HOST_SECRET_FILE);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(host.url.endsWith(`#token=${secret}`)).toBe(true);
    expect(secret).toMatch(/^[\w-]{43}$/);
    if (posix) {
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    }
    expect(loadOrCreateHostSecret(dataDir, () => 'never-used')).toBe(secret);
  });

  it('tightens a secret file left readable by others', () => {
    const dataDir = tempDataDir();
    const secret = loadOrCreateHostSecret(dataDir);
    const secretFile = join(dataDir, HOST_SECRET_FILE);
    chmodSync(secretFile, 0o644);
    if (posix) expect(statSync(secretFile).mode & 0o777).toBe(0o644);
    expect(loadOrCreateHostSecret(dataDir)).toBe(secret);
    if (posix) expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });

  it('replaces a damaged secret file with a new secret, still 0600', () => {
    const dataDir = tempDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, HOST_SECRET_FILE), 'half-a-secr', { mode: 0o600 });
    const secret = loadOrCreateHostSecret(dataDir);
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(readFileSync(join(dataDir, HOST_SECRET_FILE), 'utf8')).toBe(secret);
    if (posix) expect(statSync(join(dataDir, HOST_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('gives another data folder another secret, which the first host refuses', async () => {
    const one = await start(tempDataDir());
    const otherDir = tempDataDir();
    const otherSecret = loadOrCreateHostSecret(otherDir);
    expect(one.url).not.toContain(otherSecret);
    const forged = `${one.url.split('#')[0]}#token=${otherSecret}`;
    expect(await callWith(forged)).toBe(401);
  });

  it('falls back to a free port when the remembered one is taken, says so, and remembers the new one', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const remembered = first.port;
    await stop(first);
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(remembered, '127.0.0.1', resolve));
    const moves: [number, number][] = [];
    const second = await start(dataDir, { onPortMoved: (from, to) => moves.push([from, to]) });
    expect(second.port).not.toBe(remembered);
    expect(moves).toEqual([[remembered, second.port]]);
    expect(readFileSync(join(dataDir, HOST_PORT_FILE), 'utf8').trim()).toBe(String(second.port));
  });

  it('--port pins a port for this launch only: neither remembered nor replaced when taken', async () => {
    const dataDir = tempDataDir();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    await expect(start(dataDir, { pinnedPort: taken })).rejects.toThrow(/EADDRINUSE/);
    const pinned = await start(dataDir, { pinnedPort: 0 });
    expect(pinned.port).toBeGreaterThan(0);
    expect(() => readFileSync(join(dataDir, HOST_PORT_FILE))).toThrow();
  });
});
