// A real HTTP server on 127.0.0.1 whose next answers the test decides, to exercise a client's
// handling of each status, header and broken body without a full central behind it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach } from 'vitest';

export type Answer = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.();
});

export async function cannedServer(answer: Answer): Promise<{ url: string; requests: { headers: IncomingMessage['headers']; json: unknown }[] }> {
  const requests: { headers: IncomingMessage['headers']; json: unknown }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      requests.push({ headers: req.headers, json: raw.length > 0 ? JSON.parse(raw.toString()) : undefined });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
