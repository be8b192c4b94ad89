// Browser mode: the built renderer and the same backend over HTTP on 127.0.0.1, so the kiosk
// UI runs in any browser (development, end-to-end tests, machines without Electron's binary).
// One POST route per contract method, all going through the same `dispatch` as IPC.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { httpPath, methodNames, type Handlers } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/result';
import { dispatch } from '../backend/dispatch';
import type { Logger } from '../backend/logger';

export interface BrowserHostOptions {
  handlers: Handlers;
  log: Logger;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port: number;
  /** Random per launch unless a test pins it. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  server: FastifyInstance;
  close: () => Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false });
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

  for (const name of methodNames) {
    server.post(httpPath(name), async (request, reply) => {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return refuse(reply, 401, 'UNAUTHORIZED');
      }
      return reply.send(await dispatch(options.handlers, options.log, name, request.body));
    });
  }
  server.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/api/') ? refuse(reply, 404, 'UNKNOWN_METHOD') : reply.code(404).send('Not found'),
  );
  server.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) options.log.error({ err: error }, 'browser host request failed');
    return refuse(reply, status, status >= 500 ? 'INTERNAL' : 'INVALID_INPUT');
  });
  await server.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });

  await server.listen({ host: '127.0.0.1', port: options.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  // The token travels in the fragment: never sent to a server, never in an access log.
  const url = `http://127.0.0.1:${port}/#token=${token}`;
  options.log.info({ port }, 'browser host listening');
  return { url, server, close: () => server.close() };
}
