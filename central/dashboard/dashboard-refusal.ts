// The dashboard routes' own refusals (shared/central-dashboard.ts codes), same shape as central's
// others: { error: { code, message, detail? } }, a Vietnamese message and a typed code.
import { dashboardRefusalMessages, dashboardRefusalSchema, type DashboardRefusalBody, type DashboardRefusalCode } from '../../shared/central-dashboard';

const statuses: Record<DashboardRefusalCode, number> = { INVALID_QUERY: 400, UNKNOWN_UNIT: 404, UNKNOWN_OFFICER: 404 };

export class DashboardRefusal extends Error {
  readonly status: number;
  constructor(
    readonly code: DashboardRefusalCode,
    readonly detail?: string,
  ) {
    super(dashboardRefusalMessages[code]);
    this.name = 'DashboardRefusal';
    this.status = statuses[code];
  }

  body(): DashboardRefusalBody {
    return dashboardRefusalSchema.parse({ error: { code: this.code, message: this.message, ...(this.detail === undefined ? {} : { detail: this.detail.slice(0, 500) }) } });
  }
}
