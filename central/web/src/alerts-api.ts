// The "Cảnh báo" view's calls to central (issue 17): GET /api/v1/alerts for every account, and
// the province admin's /api/v1/admin/alert-rules. Same origin, the session cookie, every answer
// parsed with the schema central answers with (shared/central-alerts.ts).
import { z } from 'zod';
import {
  alertListResponseSchema,
  alertRuleListResponseSchema,
  alertRuleViewSchema,
  type AlertRuleAddRequest,
  type AlertRuleView,
  type AlertView,
} from '../../../shared/central-alerts';

export interface AlertsRefusal {
  code: string;
  message: string;
  detail?: string | undefined;
}

/** `refusal: null`: central did not answer (or not with its schema). */
export type AlertsOutcome<T> = { ok: true; value: T } | { ok: false; refusal: AlertsRefusal | null };

export interface AlertsApi {
  alerts(): Promise<AlertsOutcome<AlertView[]>>;
  rules(): Promise<AlertsOutcome<AlertRuleView[]>>;
  addRule(request: AlertRuleAddRequest): Promise<AlertsOutcome<AlertRuleView>>;
  removeRule(ruleId: string): Promise<AlertsOutcome<null>>;
}

const refusalSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), detail: z.string().optional() }) });

async function call<T>(schema: z.ZodType<T> | null, path: string, init: RequestInit = {}): Promise<AlertsOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, refusal: null };
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    return { ok: false, refusal: null };
  }
  if (!response.ok) {
    const refused = refusalSchema.safeParse(body);
    return { ok: false, refusal: refused.success ? refused.data.error : null };
  }
  if (schema === null) return { ok: true, value: null as T };
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, refusal: null };
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
