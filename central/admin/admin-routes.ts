// The province admin's administration over HTTP (issue 16): /api/v1/admin/… , every route behind
// `requireAccount({ role: 'province-admin' })` (a unit viewer gets 403, a state-changing request
// from another origin ORIGIN_REFUSED, before anything is parsed). Bodies and parameters are parsed
// with shared/central-admin.ts; the work is admin-service.ts, the same functions the CLI runs.
// Registering a device (its token is a secret shown once) stays on the command line.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  accountAddRequestSchema,
  accountListResponseSchema,
  accountUnitsRequestSchema,
  adminDeviceListResponseSchema,
  deviceParamsSchema,
  officeAssignRequestSchema,
  officeParamsSchema,
  oneTimePasswordResponseSchema,
  passwordResetRequestSchema,
  unitAddRequestSchema,
  unitChangeRequestSchema,
  unitFileTypes,
  unitImportQuerySchema,
  unitImportResponseSchema,
  unitParamsSchema,
  usernameParamsSchema,
} from '../../shared/central-admin';
import type { Logger } from '../central-logger';
import { RATE_LIMIT_WINDOW_MS } from '../rate-limits';
import { rejection } from '../rejections';
import { MAX_UNIT_FILE_BYTES, unitChangesFromBytes } from '../unit-import';
import { UnitRuleError } from '../units';
import { AdminRefusal } from './admin-refusal';
import * as admin from './admin-service';

export interface AdminRouteOptions extends admin.AdminDeps {
  log: Logger;
  /** Requests per address per minute (the general limit). */
  perAddressPerMinute: number;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminRefusal('INVALID_INPUT', result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
  return result.data;
}

export function registerAdminRoutes(server: FastifyInstance, options: AdminRouteOptions): void {
  const { log, perAddressPerMinute, ...deps } = options;
  server.register(async (routes) => {
    routes.setErrorHandler((error, request, reply) => {
      if (!(error instanceof AdminRefusal)) throw error;
      log.warn({ code: error.code, detail: error.detail, url: request.url }, 'admin request refused');
      return reply.code(error.status).send(error.body());
    });
    const perAddress = routes.createRateLimit({ max: perAddressPerMinute, timeWindow: RATE_LIMIT_WINDOW_MS, keyGenerator: (request) => `admin:${request.ip}` });
    routes.addHook('onRequest', async (request, reply) => {
      const state = await perAddress(request);
      if (state.isAllowed || !state.isExceeded) return;
      reply.header('Retry-After', String(Math.max(1, state.ttlInSeconds)));
      throw rejection('RATE_LIMITED', `Quá ${state.max} yêu cầu mỗi phút từ địa chỉ này; thử lại sau ${Math.max(1, state.ttlInSeconds)} giây`);
    });
    const provinceAdmin = { preHandler: server.accounts.requireAccount({ role: 'province-admin' }) };
    const actor = (request: FastifyRequest): admin.AdminActor => {
      const account = server.accounts.signedIn(request);
      return { actor: account.username, account: account.username, address: request.ip };
    };
    const done = (reply: FastifyReply) => reply.code(204).send();

    routes.get('/api/v1/admin/accounts', provinceAdmin, async (_request, reply) => reply.send(accountListResponseSchema.parse({ accounts: await admin.listAccounts(deps) })));

    routes.post('/api/v1/admin/accounts', provinceAdmin, async (request, reply) => {
      const body = parsed(accountAddRequestSchema, request.body);
      const added = await admin.addAccount(deps, actor(request), body);
      log.info({ username: added.username, role: body.role, by: actor(request).actor }, 'account added');
      return reply.code(201).send(oneTimePasswordResponseSchema.parse({ username: added.username, password: added.generated }));
    });

    routes.post('/api/v1/admin/accounts/:username/disable', provinceAdmin, async (request, reply) => {
      const { username } = parsed(usernameParamsSchema, request.params);
      await admin.disableAccount(deps, actor(request), username);
      log.info({ username, by: actor(request).actor }, 'account disabled');
      return done(reply);
    });

    routes.post('/api/v1/admin/accounts/:username/password', provinceAdmin, async (request, reply) => {
      const { username } = parsed(usernameParamsSchema, request.params);
      const { password } = parsed(passwordResetRequestSchema, request.body ?? {});
      const reset = await admin.resetPassword(deps, actor(request), username, password);
      log.info({ username, by: actor(request).actor }, 'password reset');
      return reply.send(oneTimePasswordResponseSchema.parse({ username, password: reset.generated }));
    });

    routes.put('/api/v1/admin/accounts/:username/units', provinceAdmin, async (request, reply) => {
      const { username } = parsed(usernameParamsSchema, request.params);
      const { units } = parsed(accountUnitsRequestSchema, request.body);
      await admin.setViewerUnits(deps, actor(request), username, units);
      return done(reply);
    });

    routes.post('/api/v1/admin/units', provinceAdmin, async (request, reply) => {
      const unit = parsed(unitAddRequestSchema, request.body);
      await admin.addUnit(deps, actor(request), unit);
      return reply.code(201).send();
    });

    routes.patch('/api/v1/admin/units/:code', provinceAdmin, async (request, reply) => {
      const { code } = parsed(unitParamsSchema, request.params);
      await admin.changeUnit(deps, actor(request), code, parsed(unitChangeRequestSchema, request.body));
      return done(reply);
    });

    routes.put('/api/v1/admin/offices/:officeCode/unit', provinceAdmin, async (request, reply) => {
      const { officeCode } = parsed(officeParamsSchema, request.params);
      const { unitCode } = parsed(officeAssignRequestSchema, request.body);
      await admin.assignOffice(deps, actor(request), officeCode, unitCode);
      return done(reply);
    });

    routes.get('/api/v1/admin/devices', provinceAdmin, async (_request, reply) => reply.send(adminDeviceListResponseSchema.parse({ devices: await admin.listDevices(deps) })));

    routes.post('/api/v1/admin/devices/:deviceId/revoke', provinceAdmin, async (request, reply) => {
      const { deviceId } = parsed(deviceParamsSchema, request.params);
      await admin.revokeDevice(deps, actor(request), deviceId);
      log.info({ deviceId, by: actor(request).actor }, 'device revoked');
      return done(reply);
    });

    // The spreadsheet as the request body, bytes as on disk (no multipart: one file, one type).
    routes.register(async (uploads) => {
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UNIT_FILE_BYTES }, (_request, body, parse) => parse(null, body));
      // The guard before the body is read: a stranger cannot make central read megabytes.
      uploads.post('/api/v1/admin/units/import', { onRequest: provinceAdmin.preHandler }, async (request, reply) => {
        const { file } = parsed(unitImportQuerySchema, request.query);
        const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        const kind = type === unitFileTypes.csv ? 'csv' : type === unitFileTypes.xlsx ? 'xlsx' : null;
        if (kind === null) throw new AdminRefusal('UNSUPPORTED_FILE', type === '' ? undefined : type?.slice(0, 100));
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let changes;
        try {
          changes = await unitChangesFromBytes(bytes, kind);
        } catch (error) {
          if (error instanceof UnitRuleError) throw new AdminRefusal('UNIT_RULES', undefined, error.problems);
          throw error;
        }
        const imported = await admin.importUnits(deps, actor(request), changes, file ?? `tệp .${kind} tải lên`);
        log.info({ ...imported, by: actor(request).actor }, 'units imported');
        return reply.send(unitImportResponseSchema.parse(imported));
      });
    });
  });
}
