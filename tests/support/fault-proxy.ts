// A fault-injecting HTTP proxy on 127.0.0.1 in front of the real central server. Each request
// takes the next fault from a schedule the test chose (seeded), so a failing schedule replays.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const faults = [
  'pass',
  'reset', // connection reset before central sees the request
  'no-response', // central never answers: the kiosk's timeout fires
  'http-500',
  'http-502',
  'http-503-retry-after',
  'http-429',
  'truncated-body', // central answered; the reply is cut off mid-way
  'invalid-ack', // a 200 whose body is not an ack
  'response-lost', // central committed the batch, then the connection dropped
] as const;
export type Fault = (typeof faults)[number];

export interface FaultProxy {
  url: string;
  /** Faults applied so far, in order. */
  log: Fault[];
  /** What the next requests get; when the plan runs out, requests pass. */
  plan: (next: Fault[]) => void;
  /**
   * The kiosk's request timeout on the test's clock (its `timeoutSignal`): it fires the moment
   * this proxy holds a request unanswered ('no-response') — the clock jumps to the deadline
   * instead of the test waiting for it — or after `ms` of real time at the latest. Meant for one
   * kiosk talking at a time, as in the fault matrix and the model test.
   */
  timeoutSignal: (ms: number) => AbortSignal;
  close: () => Promise<void>;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

export async function startFaultProxy(centralUrl: string): Promise<FaultProxy> {
  const target = new URL(centralUrl);
  let queue: Fault[] = [];
  const log: Fault[] = [];
  /** The timeout of the request last sent (one kiosk, one request in flight at a time). */
  let deadline = new AbortController();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = queue.shift() ?? 'pass';
      log.push(fault);
      void apply(fault, req, res, Buffer.concat(chunks));
    });
  });

  async function apply(fault: Fault, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const serverError = JSON.stringify({ error: { code: 'SERVER_ERROR', message: 'Lỗi máy chủ (giả lập)' } });
    switch (fault) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'no-response':
        // The socket stays open; the client's timeout ends it, now rather than after waiting.
        deadline.abort(new DOMException('The operation timed out (test clock).', 'TimeoutError'));
        return;
      case 'http-500':
        return answer(res, 500, serverError);
      case 'http-502':
        return answer(res, 502, serverError);
      case 'http-503-retry-after':
        return answer(res, 503, serverError, { 'retry-after': '1' });
      case 'http-429':
        return answer(res, 429, JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Quá nhiều yêu cầu' } }), { 'retry-after': '1' });
      case 'invalid-ack':
        await forward(target, req, body);
        return answer(res, 200, JSON.stringify({ ok: 'maybe', accepted: 'all of them' }));
      case 'truncated-body': {
        const reply = await forward(target, req, body);
        res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(reply.body.length) });
        res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)));
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      case 'response-lost':
        await forward(target, req, body);
        req.socket.destroy();
        return;
      case 'pass': {
        const reply = await forward(target, req, body);
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    plan: (next) => {
      queue = [...next];
    },
    timeoutSignal: (ms) => {
      deadline = new AbortController();
      return AbortSignal.any([deadline.signal, AbortSignal.timeout(ms)]);
    },
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
