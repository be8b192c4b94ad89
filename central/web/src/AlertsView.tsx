// "Cảnh báo" (issue 17): the open and recent alerts every account may see (central scopes them: a
// unit viewer gets their units' only), and for the province admin the rules below them, with the
// form to add one. The rules sit beside the alerts they raise rather than in "Quản trị": whoever
// reads an alert should see why it fired. Central's routes are the real guard.
import { useCallback, useState } from 'react';
import type { AlertRuleAddRequest, AlertRuleParams } from '../../../shared/central-alerts';
import { DEFAULT_DAILY_RATE_MINIMUM } from '../../../shared/central-alerts';
import type { AlertsApi } from './alerts-api';
import { alertsText, ruleConditionText, ruleKindOptions } from './alerts-text';
import { adminRefusalText, localTime } from './admin-text';
import { indented, unitOptions } from './admin-units';
import type { CentralApi } from './central-api';
import { changeProblem, useAdminData } from './use-admin-data';
import './admin.css';
import './alerts.css';

export interface AlertsViewProps {
  api: AlertsApi;
  admin: boolean;
  directory: CentralApi['directory'];
  onSignInRequired: () => void;
  confirm?: (question: string) => boolean;
}

export function AlertsView({ api, admin, directory, onSignInRequired, confirm = (q) => window.confirm(q) }: AlertsViewProps) {
  const loadAlerts = useCallback(() => api.alerts(), [api]);
  const alerts = useAdminData(loadAlerts, onSignInRequired);
  return (
    <div className="admin alerts">
      <section aria-labelledby="alerts-title" className="admin-section">
        <h2 id="alerts-title">{alertsText.listTitle}</h2>
        <p className="notice">{alertsText.listIntro}</p>
        <button type="button" className="secondary small" onClick={alerts.reload}>
          {alertsText.reload}
        </button>
        {alerts.state.kind === 'loading' && <p aria-live="polite">{alertsText.loading}</p>}
        {alerts.state.kind === 'failed' && (
          <p role="alert" className="problem">
            {alerts.state.message}
          </p>
        )}
        {alerts.state.kind === 'ready' && alerts.state.value.length === 0 && <p>{alertsText.none}</p>}
        {alerts.state.kind === 'ready' && alerts.state.value.length > 0 && (
          <table className="admin-table" data-testid="alerts-table">
            <caption className="visually-hidden">{alertsText.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{alertsText.state}</th>
                <th scope="col">{alertsText.what}</th>
                <th scope="col">{alertsText.rule}</th>
                <th scope="col">{alertsText.when}</th>
                <th scope="col">{alertsText.detected}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.state.value.map((a) => (
                <tr key={a.alertId} className={a.open ? undefined : 'disabled-row'}>
                  <td>{a.open ? <strong className="alert-open">{alertsText.open}</strong> : alertsText.over}</td>
                  <th scope="row">{a.message}</th>
                  <td>{a.ruleName}</td>
                  <td>{localTime(a.occurredAt)}</td>
                  <td>{localTime(a.detectedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {admin && <AlertRules api={api} directory={directory} onSignInRequired={onSignInRequired} confirm={confirm} />}
    </div>
  );
}

interface AlertRulesProps {
  api: AlertsApi;
  directory: CentralApi['directory'];
  onSignInRequired: () => void;
  confirm: (question: string) => boolean;
}

function AlertRules({ api, directory, onSignInRequired, confirm }: AlertRulesProps) {
  const loadRules = useCallback(() => api.rules(), [api]);
  const rules = useAdminData(loadRules, onSignInRequired);
  const loadUnits = useCallback(async () => {
    const outcome = await directory();
    return outcome.ok ? { ok: true as const, value: unitOptions(outcome.value) } : { ok: false as const, refusal: outcome.refusal === null ? null : { code: outcome.refusal.code, message: outcome.refusal.message } };
  }, [directory]);
  const units = useAdminData(loadUnits, onSignInRequired);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ name: '', kind: 'counter-run' as AlertRuleParams['kind'], count: '3', minutes: '30', belowPercent: '80', minimumRatings: String(DEFAULT_DAILY_RATE_MINIMUM), unitCode: '', days: '3' });
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  const paramsOf = (): AlertRuleAddRequest['params'] => {
    switch (form.kind) {
      case 'counter-run':
        return { kind: 'counter-run', count: Number(form.count), minutes: Number(form.minutes) };
      case 'unit-daily-rate':
        return { kind: 'unit-daily-rate', belowPercent: Number(form.belowPercent), minimumRatings: Number(form.minimumRatings), unitCode: form.unitCode === '' ? null : form.unitCode };
      case 'device-silent':
        return { kind: 'device-silent', days: Number(form.days) };
      case 'device-integrity':
        return { kind: 'device-integrity' };
    }
  };
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const name = form.name.trim();
    const refused = changeProblem(await api.addRule({ name, params: paramsOf() }), onSignInRequired);
    setBusy(false);
    setSaid(refused === null ? { ok: true, text: alertsText.added(name) } : { ok: false, text: adminRefusalText(refused.code === 'UNREACHABLE' ? null : refused) });
    if (refused === null) {
      setForm({ ...form, name: '' });
      rules.reload();
    }
  };
  const remove = async (ruleId: string, name: string) => {
    if (!confirm(alertsText.confirmRemove(name))) return;
    const refused = changeProblem(await api.removeRule(ruleId), onSignInRequired);
    setSaid(refused === null ? { ok: true, text: alertsText.removed(name) } : { ok: false, text: adminRefusalText(refused.code === 'UNREACHABLE' ? null : refused) });
    if (refused === null) rules.reload();
  };

  return (
    <section aria-labelledby="alert-rules-title" className="admin-section">
      <h2 id="alert-rules-title">{alertsText.rulesTitle}</h2>
      <p className="notice">{alertsText.rulesIntro}</p>
      <div role="alert" className="form-alert">
        {said !== null && <p className={said.ok ? 'done' : 'problem'}>{said.text}</p>}
      </div>
      {rules.state.kind === 'failed' && (
        <p role="alert" className="problem">
          {rules.state.message}
        </p>
      )}
      {rules.state.kind === 'ready' && rules.state.value.length === 0 && <p>{alertsText.noRules}</p>}
      {rules.state.kind === 'ready' && rules.state.value.length > 0 && (
        <table className="admin-table" data-testid="alert-rules-table">
          <caption className="visually-hidden">{alertsText.rulesTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{alertsText.ruleName}</th>
              <th scope="col">{alertsText.settings}</th>
              <th scope="col">{alertsText.createdBy}</th>
              <th scope="col">{alertsText.actions}</th>
            </tr>
          </thead>
          <tbody>
            {rules.state.value.map((r) => (
              <tr key={r.ruleId}>
                <th scope="row">{r.name}</th>
                <td>{ruleConditionText(r.params)}</td>
                <td>{r.createdBy}</td>
                <td>
                  <button type="button" className="danger small" aria-label={`${alertsText.remove} ${r.name}`} onClick={() => void remove(r.ruleId, r.name)}>
                    {alertsText.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="admin-form" onSubmit={(e) => void add(e)} aria-labelledby="alert-rule-add-title">
        <h3 id="alert-rule-add-title">{alertsText.addTitle}</h3>
        <div className="form-row">
          <label htmlFor="alert-rule-name">{alertsText.ruleName}</label>
          <input id="alert-rule-name" type="text" required maxLength={120} {...field('name')} />
        </div>
        <div className="form-row">
          <label htmlFor="alert-rule-kind">{alertsText.kind}</label>
          <select id="alert-rule-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as AlertRuleParams['kind'] })}>
            {ruleKindOptions.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {form.kind === 'counter-run' && (
          <>
            <NumberRow id="alert-rule-count" label={alertsText.count} min={2} max={100} {...field('count')} />
            <NumberRow id="alert-rule-minutes" label={alertsText.minutes} min={1} max={1440} {...field('minutes')} />
          </>
        )}
        {form.kind === 'unit-daily-rate' && (
          <>
            <NumberRow id="alert-rule-below" label={alertsText.belowPercent} min={1} max={100} {...field('belowPercent')} />
            <NumberRow id="alert-rule-minimum" label={alertsText.minimumRatings} min={1} max={10000} hint={alertsText.minimumHint} {...field('minimumRatings')} />
            <div className="form-row">
              <label htmlFor="alert-rule-unit">{alertsText.unit}</label>
              <select id="alert-rule-unit" {...field('unitCode')}>
                <option value="">{alertsText.everyUnit}</option>
                {(units.state.kind === 'ready' ? units.state.value : []).map((u) => (
                  <option key={u.code} value={u.code}>
                    {indented(u)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        {form.kind === 'device-silent' && <NumberRow id="alert-rule-days" label={alertsText.days} min={1} max={365} {...field('days')} />}
        <div className="form-buttons">
          <button type="submit" disabled={busy}>
            {busy ? alertsText.adding : alertsText.add}
          </button>
        </div>
      </form>
    </section>
  );
}

function NumberRow({ id, label, min, max, hint, value, onChange }: { id: string; label: string; min: number; max: number; hint?: string; value: string; onChange: (e: { target: { value: string } }) => void }) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" inputMode="numeric" required min={min} max={max} step={1} value={value} onChange={onChange} aria-describedby={hint === undefined ? undefined : `${id}-hint`} />
      {hint !== undefined && (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      )}
    </div>
  );
}
