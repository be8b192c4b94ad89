// The alerts over HTTP (issue 17). `GET /api/v1/alerts`: any signed-in account, scoped — a
// province admin sees every alert, a unit viewer those of their units and the units below them
// (the same rule as the dashboard's, accountMaySeeUnit). `/api/v1/admin/alert-rules`: the province
// admin only (requireAccount: a viewer gets 403, another origin ORIGIN_REFUSED, before any body is
// read); bodies parsed with shared/central-alerts.ts; every change audited with the acting account.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  alertListResponseSchema,
  alertRefusalMessages,
  MAX_ALERT_RULES,
  alertRefusalSchema,
  alertRuleAddRequestSchema,
  alertRuleListResponseSchema,
  alertRuleParamsRouteSchema,
  alertRuleViewSchema,
  type AlertRefusalCode,
} from '../../shared/central-alerts';
import type { Logger } from '../central-logger';
import { accountMaySeeUnit } from '../accounts/unit-scope';
import { hierarchyOf } from '../dashboard/hierarchy';
import type { CentralStore } from '../store/central-store';
import type { AccountAuditEntry } from '../accounts/account-store';
import type { ListedAlert } from './alert-store';

/** Open and recent: the newest this many (a page, not an archive). */
export const ALERT_LIST_LIMIT = 200;

const statuses: Record<AlertRefusalCode, number> = { INVALID_INPUT: 400, UNKNOWN_RULE: 404, UNKNOWN_UNIT: 404, TOO_MANY_RULES: 409 };

export class AlertRefusal extends Error {
  readonly status: number;
  constructor(readonly code: AlertRefusalCode, readonly detail?: string) {
    super(alertRefusalMessages[code]);
    this.name = 'AlertRefusal';
    this.status = statuses[code];
  }
  body() {
    return alertRefusalSchema.parse({ error: { code: this.code, message: this.message, ...(this.detail === undefined ? {} : { detail: this.detail.slice(0, 500) }) } });
  }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AlertRefusal('INVALID_INPUT', result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
  return result.data;
}

export interface AlertRouteOptions {
  store: CentralStore;
  now: () => Date;
  log: Logger;
}

export function registerAlertRoutes(server: FastifyInstance, { store, now, log }: AlertRouteOptions): void {
  server.register(async (routes) => {
    routes.setErrorHandler((error, request, reply) => {
      if (!(error instanceof AlertRefusal)) throw error;
      log.warn({ code: error.code, detail: error.detail, url: request.url }, 'alert request refused');
      return reply.code(error.status).send(error.body());
    });
    const provinceAdmin = { preHandler: server.accounts.requireAccount({ role: 'province-admin' }) };
    const signedIn = { preHandler: server.accounts.requireAccount() };
    const audit = (request: FastifyRequest, event: AccountAuditEntry['event'], detail: string): AccountAuditEntry => {
      const account = server.accounts.signedIn(request);
      return { at: now().toISOString(), event, username: account.username, actor: account.username, address: request.ip, detail: detail.slice(0, 500) };
    };

    routes.get('/api/v1/alerts', signedIn, async (request, reply) => {
      const account = server.accounts.signedIn(request);
      let units: string[] | null = null;
      if (account.role !== 'province-admin') {
        const h = hierarchyOf(await store.directorySnapshot());
        units = (await store.listUnits()).map((u) => u.code).filter((code) => accountMaySeeUnit(account, code, h.ancestorsOf));
      }
      const nowMs = now().getTime();
      const view = (a: ListedAlert) => ({
        alertId: a.alertId, ruleId: a.ruleId, ruleName: a.ruleName, kind: a.kind, subject: a.subjectView,
        occurredAt: a.occurredAt, detectedAt: a.detectedAt,
        open: a.clearedAt === null && (a.runToMs === null || a.runToMs > nowMs),
        clearedAt: a.clearedAt, facts: a.facts, message: a.message,
      });
      const alerts = units !== null && units.length === 0 ? [] : await store.alerts.listAlerts(units, ALERT_LIST_LIMIT);
      return reply.send(alertListResponseSchema.parse({ alerts: alerts.map(view) }));
    });

    routes.get('/api/v1/admin/alert-rules', provinceAdmin, async (_request, reply) =>
      reply.send(alertRuleListResponseSchema.parse({ rules: await store.alerts.listRules() })),
    );

    routes.post('/api/v1/admin/alert-rules', provinceAdmin, async (request, reply) => {
      const { name, params } = parsed(alertRuleAddRequestSchema, request.body);
      if (params.kind === 'unit-daily-rate' && params.unitCode !== null && !(await store.listUnits()).some((u) => u.code === params.unitCode)) {
        throw new AlertRefusal('UNKNOWN_UNIT', params.unitCode);
      }
      // Two admins adding at the same instant may pass one over the cap: a bound on work, not a count to keep exact.
      if ((await store.alerts.listRules()).length >= MAX_ALERT_RULES) throw new AlertRefusal('TOO_MANY_RULES', String(MAX_ALERT_RULES));
      const account = server.accounts.signedIn(request);
      const rule = { ruleId: randomUUID(), name, params, createdAt: now().toISOString(), createdBy: account.username };
      await store.alerts.addRule(rule, audit(request, 'alert-rule-added', `${rule.ruleId} "${name}" ${JSON.stringify(params)}`));
      log.info({ ruleId: rule.ruleId, kind: params.kind, by: account.username }, 'alert rule added');
      return reply.code(201).send(alertRuleViewSchema.parse(rule));
    });

    routes.delete('/api/v1/admin/alert-rules/:ruleId', provinceAdmin, async (request, reply) => {
      const { ruleId } = parsed(alertRuleParamsRouteSchema, request.params);
      const removed = await store.alerts.removeRule(ruleId, now().toISOString(), audit(request, 'alert-rule-removed', ruleId));
      if (!removed) throw new AlertRefusal('UNKNOWN_RULE', ruleId);
      log.info({ ruleId, by: server.accounts.signedIn(request).username }, 'alert rule removed');
      return reply.code(204).send();
    });
  });
}
