// Browser mode: the built renderer and the same backend over HTTP on 127.0.0.1, so the kiosk
// UI runs in any browser (development, end-to-end tests, machines without Electron's binary).
// One POST route per contract method, all going through the same `dispatch` as IPC.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { eventsPath, httpPath, methodNames } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/result';
import { dispatch, type ContractEndpoint } from '../backend/dispatch';
import type { EventHub } from '../backend/event-hub';
import type { Logger } from '../backend/logger';

export interface BrowserHostOptions {
  /**
   * How often a comment line keeps the event stream open (default 10 s; the page's watchdog gives
   * up after 25 s of silence). Only tests that drive the page's clock shorten it (--events-keep-alive-ms).
   */
  eventsKeepAliveMs?: number;
  /** The backend's handlers behind its access check (KioskBackend.endpoint). */
  endpoint: ContractEndpoint;
  subscribe: EventHub['subscribe'];
  log: Logger;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0: any free port. */
  port: number;
  /**
   * When `port` is taken, listen on any free one instead of failing (the remembered port of
   * browser mode: a page open on the old address cannot follow then; the new URL is printed).
   */
  fallbackToFreePort?: boolean;
  /** The data folder's kept secret (host-address.ts); random for this launch when left out. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  /** The port listened on; differs from the one asked for after a fallback. */
  port: number;
  server: FastifyInstance;
  close: () => Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * No route here has a JSON schema: every input is checked by the contract's zod schemas in
 * `dispatch`. Fastify's default compilers (ajv, fast-json-stringify) would be loaded anyway, at
 * construction — some 35–45 ms of every start — so these stand in for them, and a schema added
 * one day fails the start instead of being half-honoured.
 */
const refuseSchemas = () => () => {
  throw new Error('The browser host validates with the contract (zod, in dispatch): a route must not carry a JSON schema.');
};
const NO_JSON_SCHEMA_COMPILERS = { buildValidator: refuseSchemas, buildSerializer: refuseSchemas };
export const EVENTS_KEEP_ALIVE_MS = 10_000;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false, schemaController: { compilersFactory: NO_JSON_SCHEMA_COMPILERS } });
  let allowedHosts: string[] = [];

  const refuse = (reply: FastifyReply, status: number, code: ErrorCode) =>
    reply.code(status).send({ ok: false, error: kioskError(code) });

  server.addHook('onRequest', async (request, reply) => {
    // A page on another site cannot reach us through DNS rebinding: only our own Host passes.
    if (!allowedHosts.includes(request.headers.host ?? '')) return refuse(reply, 403, 'UNAUTHORIZED');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return undefined;
  });

  const authorized = (header: string | undefined) => {
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  for (const name of methodNames) {
    server.post(httpPath(name), async (request, reply) => {
      if (!authorized(request.headers.authorization)) return refuse(reply, 401, 'UNAUTHORIZED');
      return reply.send(await dispatch(options.endpoint, name, request.body));
    });
  }

  // Pushed events as server-sent events; the page reads them with fetch (it needs the header).
  server.get(eventsPath, (request, reply) => {
    if (!authorized(request.headers.authorization)) return refuse(reply, 401, 'UNAUTHORIZED');
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    reply.raw.write(': connected\n\n');
    const unsubscribe = options.subscribe((event, payload) => {
      reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // The page counts a stream silent for longer than its limit as a dead host (kiosk-client.ts).
    const heartbeat = setInterval(() => reply.raw.write(': keep-alive\n\n'), options.eventsKeepAliveMs ?? EVENTS_KEEP_ALIVE_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    return undefined;
  });
  server.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/api/') ? refuse(reply, 404, 'UNKNOWN_METHOD') : reply.code(404).send('Not found'),
  );
  server.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) options.log.error({ err: error }, 'browser host request failed');
    return refuse(reply, status, status >= 500 ? 'INTERNAL' : 'INVALID_INPUT');
  });
  await server.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });

  try {
    await server.listen({ host: '127.0.0.1', port: options.port });
  } catch (error) {
    if (options.fallbackToFreePort !== true || options.port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    options.log.warn({ port: options.port }, 'browser host port taken: listening on another one');
    await server.listen({ host: '127.0.0.1', port: 0 });
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  // The token travels in the fragment: never sent to a server, never in an access log.
  const url = `http://127.0.0.1:${port}/#token=${token}`;
  options.log.info({ port }, 'browser host listening');
  // Open event streams would keep close() waiting forever.
  return { url, port, server, close: () => (server.server.closeAllConnections(), server.close()) };
}
