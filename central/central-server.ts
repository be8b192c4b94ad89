// The province's central endpoint over HTTP (docs/sync-protocol.md): kiosks POST batches,
// IT staff read device summaries, anyone checks liveness. Built, not listening, so tests and
// the CLI decide where it listens.
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { sharedRateLimitStore } from './shared-rate-limit-store';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from './central-logger';
import { devicesResponseSchema, healthSchema, syncAckSchema } from '../shared/sync/wire';
import { dossierRepeatsResponseSchema } from './store/dossier-repeats';
import { admitBatch } from './batch-admission';
import { decodeBatchBody, MAX_COMPRESSED_BYTES } from './batch-body';
import { bearerToken } from './bearer-token';
import { CentralRejection, notFound, rejection } from './rejections';
import type { CentralDevice, CentralStore } from './store/central-store';
import { SyncFileRejection } from '../shared/sync-files/rejections';
import { syncFileImportResponseSchema } from '../shared/sync-files/import-response';
import { importSyncFile } from './sync-file-import';
import { lookUpReference, MalformedReferenceError } from './reference-lookup';
import { ChainHeadSignatureError } from './chain-head-check';
import { FILE_LIMITS } from '../shared/node/safe-file-read';
import { directoryResponseSchema } from '../shared/central-directory';
import { buildDirectoryView } from './directory-view';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_WINDOW_MS, type RateLimits } from './rate-limits';
import { AccountRefusal } from './accounts/account-refusal';
import { createAccountGuard, type AccountGuard } from './accounts/account-guard';
import { registerSessionRoutes } from './accounts/session-routes';
import { DEFAULT_WEB_ACCESS, type WebAccess } from './accounts/web-access';
import type { PasswordCost } from './accounts/password-hashing';
import { registerWebPage } from './web-page';
import { registerDashboardRoutes } from './dashboard/dashboard-routes';
import { DEFAULT_OFFICER_MINIMUM_RATINGS } from '../shared/rating-rules';
import { registerAdminRoutes } from './admin/admin-routes';
import { readHealthRecord } from '../shared/sync/health-record';
import { registerFleetRoutes } from './fleet/fleet-routes';
import { DEFAULT_SILENT_WORKING_DAYS } from '../shared/fleet-health';
import { createAlertService, type AlertService } from './alerts/alert-service';
import { registerAlertRoutes } from './alerts/alert-routes';

declare module 'fastify' {
  interface FastifyInstance {
    /** The dashboard's gate (issue 16): `preHandler: server.accounts.requireAccount({ role?, unit? })`. */
    accounts: AccountGuard;
    /** Alerts (issue 17): evaluation after batches, the silent-device timer, the webhook outbox. */
    alerts: AlertService;
  }
}

/** A sync file of 100 000 ratings is about 5 MiB; room for years of a busy counter. Same cap as `central import`. */
const MAX_SYNC_FILE_BYTES = FILE_LIMITS.syncFile;

export interface CentralServerOptions {
  store: CentralStore;
  log: Logger;
  now: () => Date;
  version: string;
  /** Default: DEFAULT_RATE_LIMITS (serve reads them from the environment, rate-limits.ts). */
  rateLimits?: Partial<RateLimits>;
  /** The public origin and trusted proxies (accounts/web-access.ts; serve reads them from the environment). */
  webAccess?: WebAccess;
  /** Tests only: a cheaper password hash for the unknown-username check (accounts/password-hashing.ts). */
  passwordCost?: PasswordCost;
  /** The built web page's folder (web-page.ts), served at `/`; none (the default): API only. */
  webPageDir?: string;
  /** The province's name in the page's header (serve: CENTRAL_PROVINCE_NAME); null: a placeholder. */
  provinceName?: string | null;
  /** The dashboard's province-wide minimum number of ratings before an officer's rate is shown (default: the kiosk's). */
  officerMinimumRatings?: number;
  /** Whole working days without contact that make a kiosk silent in "Tình trạng thiết bị" (serve: CENTRAL_SILENT_DAYS). */
  silentWorkingDays?: number;
  /** Issue 17: CENTRAL_ALERT_WEBHOOK_URL (checked by alertWebhookUrlFromEnv); none: alerts only on the page. */
  alertWebhookUrl?: string | null;
  /** Issue 17: runs the alert timer (silent devices, the outbox) every this many ms while listening (`serve`: a minute); none in tests. */
  alertTimerMs?: number | null;
}

/** The one body type each upload route takes; parameters (`; charset=utf-8`) and case aside. */
function requireContentType(request: FastifyRequest, expected: 'application/json' | 'application/octet-stream'): void {
  const header = request.headers['content-type'];
  const type = typeof header === 'string' ? header.split(';')[0]?.trim().toLowerCase() : undefined;
  if (type !== expected) throw rejection('MALFORMED', `Content-Type phải là ${expected}`);
}

export function buildCentralServer({
  store,
  log,
  now,
  version,
  rateLimits,
  webAccess = DEFAULT_WEB_ACCESS,
  passwordCost,
  webPageDir,
  provinceName = null,
  officerMinimumRatings = DEFAULT_OFFICER_MINIMUM_RATINGS,
  silentWorkingDays = DEFAULT_SILENT_WORKING_DAYS,
  alertWebhookUrl = null,
  alertTimerMs = null,
}: CentralServerOptions): FastifyInstance {
  // X-Forwarded-For/-Proto are believed only from the configured proxy: request.ip (rate limits,
  // audit) and request.protocol (Secure cookies) then describe the browser, not the proxy.
  const server = Fastify({ logger: false, trustProxy: webAccess.trustedProxies.length > 0 ? webAccess.trustedProxies : false });
  const limits = { ...DEFAULT_RATE_LIMITS, ...rateLimits };
  const alerts = createAlertService({ store, log, now, webhookUrl: alertWebhookUrl });
  server.decorate('alerts', alerts);
  if (alertTimerMs !== null) {
    server.addHook('onReady', async () => alerts.start(alertTimerMs));
    server.addHook('onClose', async () => alerts.stop());
  }

  server.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  const webPage = webPageDir === undefined ? undefined : registerWebPage(server, webPageDir, { provinceName });
  // Set before the routes' plugin loads, so refusals thrown inside it get the same shape. A
  // browser's navigation to one of the page's own paths gets the page (web-page.ts); never /api/.
  server.setNotFoundHandler((request, reply) => webPage?.fallback(request, reply) ?? refuse(reply, notFound(request.url)));

  server.setErrorHandler((error, request, reply) => {
    if (error instanceof AccountRefusal) {
      log.warn({ code: error.code, status: error.status, detail: error.detail, url: request.url, address: request.ip }, 'account request refused');
      if (error.status === 429 && error.retryAt !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil((error.retryAt.getTime() - now().getTime()) / 1000))));
      return reply.code(error.status).send(error.body());
    }
    const refusal = asRejection(error);
    if (refusal.status >= 500) log.error({ err: error, method: request.method, url: request.url }, 'central request failed');
    // A chain head that does not verify: name the device for IT staff (the answer goes to the device itself).
    else log.warn({ code: refusal.code, status: refusal.status, detail: refusal.detail, url: request.url, ...(error instanceof ChainHeadSignatureError ? { deviceId: error.deviceId } : {}) }, 'central request refused');
    return refuse(reply, refusal);
  });

  // Counters shared by both upload routes (rate-limits.ts); health and devices are not counted.
  // In memory on SQLite (one instance); in the database on PostgreSQL, where several instances count together (issue 17).
  server.register(rateLimit, { global: false, ...(store.sharedRateLimits === undefined ? {} : { store: sharedRateLimitStore(store.sharedRateLimits, now) }) });
  server.register(async (uploads) => {
    const devices = new WeakMap<FastifyRequest, CentralDevice>();
    const perAddress = uploads.createRateLimit({ max: limits.perAddressPerMinute, timeWindow: RATE_LIMIT_WINDOW_MS, keyGenerator: (request) => `upload:${normalizeIP(request.ip)}` });
    const perDevice = uploads.createRateLimit({
      max: limits.perDevicePerMinute,
      timeWindow: RATE_LIMIT_WINDOW_MS,
      keyGenerator: (request) => `device:${devices.get(request)?.deviceId ?? ''}`,
    });
    const enforce = async (limiter: typeof perAddress, request: FastifyRequest, reply: FastifyReply, whose: string) => {
      const state = await limiter(request);
      if (state.isAllowed || !state.isExceeded) return;
      reply.header('Retry-After', String(Math.max(1, state.ttlInSeconds)));
      throw rejection('RATE_LIMITED', `Quá ${state.max} yêu cầu mỗi phút từ ${whose}; thử lại sau ${Math.max(1, state.ttlInSeconds)} giây`);
    };
    // Before authentication: a stranger guessing tokens is counted too.
    uploads.addHook('onRequest', async (request, reply) => enforce(perAddress, request, reply, 'địa chỉ này'));

    uploads.register(async (batches) => {
      // The body is gzip bytes, not JSON to Fastify: take it raw (the Content-Type is checked in
      // onRequest, before the body is read) and decode it ourselves under our own limits.
      batches.removeAllContentTypeParsers();
      batches.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_COMPRESSED_BYTES }, (_request, body, done) => done(null, body));

      // onRequest runs before the body is read: a stranger cannot make us read a megabyte.
      batches.addHook('onRequest', async (request, reply) => {
        const token = bearerToken(request.headers.authorization);
        const device = token === undefined ? undefined : await store.authenticateDevice(token);
        if (device === undefined) throw rejection('UNAUTHENTICATED');
        if (device.revoked) throw rejection('DEVICE_REVOKED', `Thiết bị ${device.deviceId}`);
        devices.set(request, device);
        await enforce(perDevice, request, reply, 'thiết bị này');
        requireContentType(request, 'application/json');
      });

      batches.post('/api/v1/batches', async (request, reply) => {
        const device = devices.get(request);
        if (device === undefined) throw new Error('batch route reached without an authenticated device');
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const json = decodeBatchBody(raw, request.headers['content-encoding']);
        const batch = admitBatch(json, request.headers['idempotency-key']);
        if (batch.deviceId !== device.deviceId) {
          throw rejection('DEVICE_MISMATCH', `Lô của thiết bị ${batch.deviceId}, mã truy cập của thiết bị ${device.deviceId}`);
        }
        const receivedAt = now();
        const ack = syncAckSchema.parse(await store.ingestBatch(batch, { receivedAt, now: receivedAt }));
        // After the commit (issue 17); never fails the batch.
        await alerts.afterBatch(batch, ack);
        log.info(
          { deviceId: device.deviceId, batchId: batch.batchId, accepted: ack.accepted.length, duplicate: ack.duplicate.length, conflicts: ack.conflicts.length },
          'batch received',
        );
        // A health record central cannot read was counted and dropped (the records are stored): say so for IT.
        const health = batch.formatVersion === 2 && batch.health !== undefined ? readHealthRecord(batch.health) : undefined;
        if (health !== undefined && !health.ok) log.warn({ deviceId: device.deviceId, batchId: batch.batchId, detail: health.detail }, 'health record refused');
        return reply.code(200).send(ack);
      });
    });

    uploads.register(async (files) => {
      // The body is the .hlsync file itself, bytes as on the USB stick.
      files.removeAllContentTypeParsers();
      files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_SYNC_FILE_BYTES }, (_request, body, done) => done(null, body));
      files.addHook('onRequest', async (request) => {
        const token = bearerToken(request.headers.authorization);
        if (token === undefined || !(await store.isAdminToken(token))) throw rejection('UNAUTHENTICATED');
        requireContentType(request, 'application/octet-stream');
      });
      files.post('/api/v1/sync-files', async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        try {
          const result = await importSyncFile(store, new Uint8Array(raw), now, async (batch, ack) => void (await alerts.afterBatch(batch, ack)));
          const m = result.manifest;
          log.info({ deviceId: m.deviceId, fileNumber: m.fileNumber, outcome: result.outcome, accepted: result.accepted, duplicate: result.duplicate }, 'sync file imported');
          return reply.code(200).send(
            syncFileImportResponseSchema.parse({
              outcome: result.outcome,
              deviceId: m.deviceId,
              fileNumber: m.fileNumber,
              count: m.count,
              reasonAnswerCount: m.reasonAnswerCount,
              accepted: result.accepted,
              duplicate: result.duplicate,
              conflicts: result.conflicts,
              ackFile: result.ackFile === null ? null : Buffer.from(result.ackFile).toString('base64'),
            }),
          );
        } catch (error) {
          if (!(error instanceof SyncFileRejection)) throw error;
          log.warn({ code: error.code, detail: error.detail }, 'sync file refused');
          return reply.code(422).send(error.body());
        }
      });
    });
  });

  // Web accounts (issue 16): the session endpoints, and the guard later dashboard routes use.
  const accountGuard = createAccountGuard({ store: store.accounts, now, log, publicOrigin: webAccess.publicOrigin });
  server.decorate('accounts', accountGuard);
  server.register(async (sessions) => {
    const perAddress = sessions.createRateLimit({ max: limits.perAddressPerMinute, timeWindow: RATE_LIMIT_WINDOW_MS, keyGenerator: (request) => `session:${normalizeIP(request.ip)}` });
    const signIns = sessions.createRateLimit({ max: limits.signInsPerAddressPerMinute, timeWindow: RATE_LIMIT_WINDOW_MS, keyGenerator: (request) => `sign-in:${request.ip}` });
    const enforce = async (limiter: typeof perAddress, request: FastifyRequest, reply: FastifyReply) => {
      const state = await limiter(request);
      if (state.isAllowed || !state.isExceeded) return;
      reply.header('Retry-After', String(Math.max(1, state.ttlInSeconds)));
      throw rejection('RATE_LIMITED', `Quá ${state.max} yêu cầu mỗi phút từ địa chỉ này; thử lại sau ${Math.max(1, state.ttlInSeconds)} giây`);
    };
    sessions.addHook('onRequest', async (request, reply) => enforce(perAddress, request, reply));
    registerSessionRoutes(sessions, {
      store: store.accounts, guard: accountGuard, now, log, publicOrigin: webAccess.publicOrigin, passwordCost,
      limitSignIns: (request, reply) => enforce(signIns, request, reply),
    });
  });

  // The dashboard's figures and reports (issue 16, central/dashboard/).
  registerDashboardRoutes(server, { store, now, officerMinimumRatings });

  // The province admin's accounts, units, offices and devices (issue 16, central/admin/).
  registerAdminRoutes(server, { store, now, log, passwordCost, perAddressPerMinute: limits.perAddressPerMinute });

  // Fleet health for any signed-in account (issue 17, central/fleet/).
  registerFleetRoutes(server, { store, now, silentWorkingDays });
  // Alerts and their rules (issue 17, central/alerts/).
  registerAlertRoutes(server, { store, now, log });

  server.get('/api/v1/devices', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !(await store.isAdminToken(token))) throw rejection('UNAUTHENTICATED');
    return reply.send(devicesResponseSchema.parse({ devices: await store.deviceSummaries() }));
  });

  // Issue 15: what a citizen's reference code names. Admin token only: it reveals a rating.
  server.get<{ Params: { code: string } }>('/api/v1/references/:code', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !(await store.isAdminToken(token))) throw rejection('UNAUTHENTICATED');
    try {
      const result = await lookUpReference(store, request.params.code);
      log.info({ referenceCode: result.referenceCode, found: result.matches.length }, 'reference code looked up');
      return await reply.send(result);
    } catch (error) {
      if (error instanceof MalformedReferenceError) throw new CentralRejection('MALFORMED', error.message);
      throw error;
    }
  });

  // Dossier codes rated more than once across devices (issue 15): for the same admins as /devices.
  server.get('/api/v1/dossier-repeats', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !(await store.isAdminToken(token))) throw rejection('UNAUTHENTICATED');
    return reply.send(dossierRepeatsResponseSchema.parse({ repeats: await store.dossierRepeats() }));
  });

  // The province's units, offices, devices and what their kiosks named (issue 16): for the same
  // admins as /devices (token), and for a province admin signed in to the web page (session).
  // A request with an Authorization header is judged by it alone: a wrong token is not rescued by a cookie.
  const provinceAdmin = accountGuard.requireAccount({ role: 'province-admin' });
  server.get('/api/v1/directory', async (request, reply) => {
    if (request.headers.authorization !== undefined) {
      const token = bearerToken(request.headers.authorization);
      if (token === undefined || !(await store.isAdminToken(token))) throw rejection('UNAUTHENTICATED');
    } else await provinceAdmin.call(server, request, reply);
    return reply.send(directoryResponseSchema.parse(buildDirectoryView(await store.directorySnapshot())));
  });

  server.get('/api/v1/health', async (_request, reply) =>
    reply.send(healthSchema.parse({ status: 'ok', storage: store.storage, version, time: now().toISOString() })),
  );

  return server;
}

function refuse(reply: FastifyReply, refusal: CentralRejection): FastifyReply {
  return reply.code(refusal.status).send(refusal.body());
}

/** Our own refusals pass through; Fastify's 4xx map onto the protocol's codes; the rest is 500. */
function asRejection(error: unknown): CentralRejection {
  if (error instanceof CentralRejection) return error;
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined;
  if (status === 413) return rejection('TOO_LARGE', `Nội dung nén vượt quá ${MAX_COMPRESSED_BYTES} byte`);
  if (typeof status === 'number' && status >= 400 && status < 500) return rejection('MALFORMED', `HTTP ${status}`);
  return rejection('SERVER_ERROR');
}
