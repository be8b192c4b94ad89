// GET /api/v1/fleet (issue 17, docs/central-dashboard.md): "Tình trạng thiết bị" for any signed-in
// account, scoped and refused as the dashboard is (fleet-service.ts); the admin token's
// /api/v1/devices stays as it was. The query is parsed with shared/central-fleet.ts; a bad one is
// the dashboard's INVALID_QUERY.
import type { FastifyInstance } from 'fastify';
import { fleetQuerySchema, fleetResponseSchema } from '../../shared/central-fleet';
import { DashboardRefusal } from '../dashboard/dashboard-refusal';
import type { CentralStore } from '../store/central-store';
import { loadFleet } from './fleet-service';

export interface FleetRouteOptions {
  store: CentralStore;
  now: () => Date;
  /** Whole working days without contact that make a device silent (CENTRAL_SILENT_DAYS). */
  silentWorkingDays: number;
}

export function registerFleetRoutes(server: FastifyInstance, { store, now, silentWorkingDays }: FleetRouteOptions): void {
  server.register(async (routes) => {
    routes.setErrorHandler((error, _request, reply) => {
      if (error instanceof DashboardRefusal) return reply.code(error.status).send(error.body());
      throw error;
    });
    routes.get('/api/v1/fleet', { preHandler: server.accounts.requireAccount() }, async (request, reply) => {
      const query = fleetQuerySchema.safeParse(request.query);
      if (!query.success) throw new DashboardRefusal('INVALID_QUERY', query.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
      const fleet = await loadFleet(store, server.accounts.signedIn(request), { unit: query.data.unit ?? null, now: now(), silentWorkingDays });
      return reply.send(fleetResponseSchema.parse(fleet));
    });
  });
}
