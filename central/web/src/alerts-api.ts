// The "Cảnh báo" view's calls to central (issue 17): GET /api/v1/alerts for every account, and
// the province admin's /api/v1/admin/alert-rules. Same origin, the session cookie, every answer
// parsed with the schema central answers with (shared/central-alerts.ts).
import {
  alertListResponseSchema,
  alertRuleListResponseSchema,
  alertRuleViewSchema,
  type AlertRuleAddRequest,
  type AlertRuleView,
  type AlertView,
} from '../../../shared/central-alerts';
import { callCentral as call, type CentralOutcome, type CentralRefusal } from './central-call';

export type AlertsRefusal = CentralRefusal;
/** `refusal: null`: central did not answer (or not with its schema). */
export type AlertsOutcome<T> = CentralOutcome<T>;

export interface AlertsApi {
  alerts(): Promise<AlertsOutcome<AlertView[]>>;
  rules(): Promise<AlertsOutcome<AlertRuleView[]>>;
  addRule(request: AlertRuleAddRequest): Promise<AlertsOutcome<AlertRuleView>>;
  removeRule(ruleId: string): Promise<AlertsOutcome<null>>;
}



export const browserAlertsApi: AlertsApi = {
  async alerts() {
    const outcome = await call(alertListResponseSchema, '/api/v1/alerts');
    return outcome.ok ? { ok: true, value: outcome.value.alerts } : outcome;
  },
  async rules() {
    const outcome = await call(alertRuleListResponseSchema, '/api/v1/admin/alert-rules');
    return outcome.ok ? { ok: true, value: outcome.value.rules } : outcome;
  },
  addRule: (request) =>
    call(alertRuleViewSchema, '/api/v1/admin/alert-rules', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }),
  removeRule: (ruleId) => call(null, `/api/v1/admin/alert-rules/${encodeURIComponent(ruleId)}`, { method: 'DELETE' }),
};
