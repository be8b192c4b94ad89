// The dashboard's JSON routes and the report download (issue 16, docs/central-dashboard.md), all
// behind requireAccount: who may see which unit is dashboard-scope.ts. Queries are parsed with
// the shared schemas (shared/central-dashboard.ts); a bad one is INVALID_QUERY with the reason in
// Vietnamese.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dashboardFiguresSchema, dashboardQuerySchema, reportQuerySchema, reportRange } from '../../shared/central-dashboard';
import type { CentralStore } from '../store/central-store';
import { unitCodeSchema } from '../units';
import { DashboardRefusal } from './dashboard-refusal';
import { loadDashboardFigures } from './dashboard-service';
import { dashboardWorkbook } from './dashboard-xlsx';

export interface DashboardRouteOptions {
  store: CentralStore;
  now: () => Date;
  /** The province-wide minimum number of ratings before a rate that can single out one officer is shown. */
  officerMinimumRatings: number;
}

const idSchema = z.string().min(1, 'Mã không được để trống').max(64, 'Mã tối đa 64 ký tự');
const officerParams = z.strictObject({ deviceId: idSchema, officerId: idSchema });
const unitParams = z.strictObject({ code: unitCodeSchema });

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new DashboardRefusal('INVALID_QUERY', result.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return result.data;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerDashboardRoutes(server: FastifyInstance, { store, now, officerMinimumRatings }: DashboardRouteOptions): void {
  server.register(async (routes) => {
    // Our refusals here; anything else goes on to central's own handler (accounts, 500).
    routes.setErrorHandler((error, _request, reply) => {
      if (error instanceof DashboardRefusal) return reply.code(error.status).send(error.body());
      throw error;
    });
    const signedIn = { preHandler: server.accounts.requireAccount() };
    const figureRequest = (query: unknown) => {
      const q = parsed(dashboardQuerySchema, query);
      return { range: { from: q.from, to: q.to }, includeFlagged: q.includeFlagged === 'true', officerMinimumRatings };
    };

    routes.get('/api/v1/dashboard/province', signedIn, async (request, reply) => {
      const figures = await loadDashboardFigures(store, server.accounts.signedIn(request), { kind: 'province', limitedToUnits: null }, figureRequest(request.query));
      return reply.send(dashboardFiguresSchema.parse(figures));
    });
    routes.get('/api/v1/dashboard/units/:code', signedIn, async (request, reply) => {
      const { code } = parsed(unitParams, request.params);
      const figures = await loadDashboardFigures(store, server.accounts.signedIn(request), { kind: 'unit', code }, figureRequest(request.query));
      return reply.send(dashboardFiguresSchema.parse(figures));
    });
    routes.get('/api/v1/dashboard/officers/:deviceId/:officerId', signedIn, async (request, reply) => {
      const { deviceId, officerId } = parsed(officerParams, request.params);
      const figures = await loadDashboardFigures(store, server.accounts.signedIn(request), { kind: 'officer', deviceId, officerId }, figureRequest(request.query));
      return reply.send(dashboardFiguresSchema.parse(figures));
    });

    routes.get('/api/v1/reports/monthly.xlsx', signedIn, async (request, reply) => {
      const q = parsed(reportQuerySchema, request.query);
      const subject = q.unit === undefined ? ({ kind: 'province', limitedToUnits: null } as const) : ({ kind: 'unit', code: parsed(unitCodeSchema, q.unit) } as const);
      const figures = await loadDashboardFigures(store, server.accounts.signedIn(request), subject, { range: reportRange(q), includeFlagged: false, officerMinimumRatings });
      const body = await dashboardWorkbook(figures, { period: q.period, below: q.below, madeAt: now() });
      const name = `bao-cao-${q.period}-${q.month}-${q.unit ?? 'toan-tinh'}.xlsx`;
      return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', `attachment; filename="${name}"`).send(body);
    });
  });
}
