// A real HTTP server on 127.0.0.1 standing in for the province's webhook (issue 17): it records
// every POST (headers and body) and answers 200 while up, 503 while down, nothing at all while hung.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

export interface ReceivedCall {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  calls: ReceivedCall[];
  /** The bodies answered 200, parsed. */
  delivered: () => unknown[];
  setUp: (up: boolean) => void;
  /** Take requests and never answer (a webhook that hangs: central's timeout must end the attempt). */
  setHung: (hung: boolean) => void;
  /** Resolves once `n` bodies were answered 200 (an event, not a sleep). */
  waitForDelivered: (n: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let up = true;
  let hung = false;
  let hanging: ServerResponse[] = [];
  const calls: ReceivedCall[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const delivered = () => calls.filter((c) => c.status === 200).map((c) => JSON.parse(c.body) as unknown);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (hung) {
        hanging.push(response);
        return;
      }
      const status = up ? 200 : 503;
      calls.push({ status, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(up ? 'ok' : 'down');
      const count = delivered().length;
      for (const w of waiters.filter((x) => x.n <= count)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}/hooks/hai-long`,
    calls,
    delivered,
    setUp: (value) => (up = value),
    setHung: (value) => {
      hung = value;
      if (!hung) {
        for (const r of hanging) r.destroy();
        hanging = [];
      }
    },
    waitForDelivered: (n) =>
      delivered().length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
