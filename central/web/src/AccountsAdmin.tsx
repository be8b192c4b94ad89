// "Quản trị › Tài khoản" (issue 16): the accounts of the page, with their actions — add a unit
// viewer or a province admin (a generated password shown once, or a typed one), reset a password
// (a new one shown once), change a viewer's units, disable. The form checks with the same shared
// schema central parses with; central's refusal is the real guard and is shown as it answers.
import { useCallback, useState } from 'react';
import { accountRoleNames, accountRoles, type AccountRole } from '../../../shared/central-accounts';
import { accountAddRequestSchema, type AccountView } from '../../../shared/central-admin';
import type { AdminApi } from './admin-api';
import { adminRefusalText, adminText, localTime } from './admin-text';
import { fieldErrors, type UnitOption } from './admin-units';
import { changeProblem, useAdminData } from './use-admin-data';

type Api = Pick<AdminApi, 'accounts' | 'addAccount' | 'disableAccount' | 'resetPassword' | 'setViewerUnits'>;

export interface AccountsAdminProps {
  api: Api;
  units: UnitOption[];
  /** The signed-in admin (their own row has no "Vô hiệu hóa"). */
  me: string;
  confirm: (question: string) => boolean;
  onSignInRequired: () => void;
}

function UnitChecks({ idPrefix, units, chosen, onChange, legend, error }: { idPrefix: string; units: UnitOption[]; chosen: string[]; onChange: (units: string[]) => void; legend: string; error?: string | undefined }) {
  const errorId = `${idPrefix}-error`;
  return (
    <fieldset className="unit-checks" aria-describedby={error === undefined ? undefined : errorId} aria-invalid={error === undefined ? undefined : true}>
      <legend>{legend}</legend>
      {units.length === 0 && <p className="muted">{adminText.noUnitsYet}</p>}
      {units.map((u) => (
        <label key={u.code} className={`depth-${Math.min(u.depth, 4)}`}>
          <input
            type="checkbox"
            checked={chosen.includes(u.code)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, u.code] : chosen.filter((c) => c !== u.code))}
          />{' '}
          {u.name} <span className="code">{u.code}</span>
        </label>
      ))}
      {error !== undefined && (
        <p id={errorId} className="problem">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function OneTimePassword({ username, password, onDone }: { username: string; password: string; onDone: () => void }) {
  return (
    <div className="one-time" role="alert" aria-labelledby="one-time-title">
      <h3 id="one-time-title">{adminText.oneTimeTitle}</h3>
      <p>
        {adminText.oneTimeFor(username)} <code data-testid="one-time-password">{password}</code>
      </p>
      <p>{adminText.oneTimeNote}</p>
      <button type="button" onClick={onDone}>
        {adminText.oneTimeDone}
      </button>
    </div>
  );
}

function stateText(a: AccountView): string {
  if (a.disabledAt !== null) return adminText.disabled;
  if (a.lockedUntil !== null) return adminText.lockedUntil(localTime(a.lockedUntil));
  return adminText.active;
}

function AddAccountForm({ api, units, onAdded, onSignInRequired }: { api: Api; units: UnitOption[]; onAdded: (username: string, password: string | null) => void; onSignInRequired: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<AccountRole>('unit-viewer');
  const [chosen, setChosen] = useState<string[]>([]);
  const [typing, setTyping] = useState(false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const request = { username, role, units: role === 'unit-viewer' ? chosen : [], ...(typing ? { password } : {}) };
    const checked = accountAddRequestSchema.safeParse(request);
    setProblem(null);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    const outcome = await api.addAccount(request);
    setBusy(false);
    const refused = changeProblem(outcome, onSignInRequired);
    if (refused !== null) {
      setProblem(adminRefusalText(refused.code === 'UNREACHABLE' ? null : refused));
      return;
    }
    if (outcome.ok) {
      setUsername('');
      setPassword('');
      setChosen([]);
      onAdded(outcome.value.username, outcome.value.password);
    }
  };
  const described = (field: string) => (errors[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `new-${field}-error` });
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-account-title" noValidate>
      <h3 id="add-account-title">{adminText.addAccount}</h3>
      <div className="form-row">
        <label htmlFor="new-username">{adminText.username}</label>
        <input id="new-username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} {...described('username')} />
        {errors.username !== undefined && <p id="new-username-error" className="problem">{errors.username}</p>}
      </div>
      <fieldset className="form-row">
        <legend>{adminText.role}</legend>
        {accountRoles.map((r) => (
          <label key={r} className="inline">
            <input type="radio" name="new-role" value={r} checked={role === r} onChange={() => setRole(r)} /> {accountRoleNames[r]}
          </label>
        ))}
      </fieldset>
      {role === 'unit-viewer' && <UnitChecks idPrefix="new-units" units={units} chosen={chosen} onChange={setChosen} legend={adminText.chooseUnits} error={errors.units} />}
      <fieldset className="form-row">
        <legend>{adminText.passwordChoice}</legend>
        <label className="inline">
          <input type="radio" name="new-password-choice" checked={!typing} onChange={() => setTyping(false)} /> {adminText.generatePassword}
        </label>
        <label className="inline">
          <input type="radio" name="new-password-choice" checked={typing} onChange={() => setTyping(true)} /> {adminText.typePassword}
        </label>
        {typing && (
          <>
            <label htmlFor="new-password">{adminText.password}</label>
            <input id="new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} {...described('password')} />
            {errors.password !== undefined && <p id="new-password-error" className="problem">{errors.password}</p>}
          </>
        )}
      </fieldset>
      <div role="alert" className="form-alert">
        {problem !== null && <p className="problem">{problem}</p>}
        {Object.keys(errors).length > 0 && <p className="problem">{Object.values(errors).join(' · ')}</p>}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? adminText.saving : adminText.addAccount}
      </button>
    </form>
  );
}

export function AccountsAdmin({ api, units, me, confirm, onSignInRequired }: AccountsAdminProps) {
  const load = useCallback(() => api.accounts(), [api]);
  const { state, reload } = useAdminData(load, onSignInRequired);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ username: string; units: string[] } | null>(null);

  const finish = (outcome: Parameters<typeof changeProblem>[0], done: string) => {
    const refused = changeProblem(outcome, onSignInRequired);
    setProblem(refused === null ? null : adminRefusalText(refused.code === 'UNREACHABLE' ? null : refused));
    setStatus(refused === null ? done : '');
    if (refused === null) reload();
    return refused === null;
  };
  const reset = async (username: string) => {
    if (!confirm(adminText.confirmReset(username))) return;
    const outcome = await api.resetPassword(username);
    if (finish(outcome, '') && outcome.ok && outcome.value.password !== null) setShown({ username, password: outcome.value.password });
  };
  const disable = async (username: string) => {
    if (!confirm(adminText.confirmDisable(username))) return;
    finish(await api.disableAccount(username), adminText.disabledDone(username));
  };
  const saveUnits = async () => {
    if (editing === null) return;
    if (finish(await api.setViewerUnits(editing.username, editing.units), adminText.unitsDone(editing.username))) setEditing(null);
  };

  return (
    <section aria-labelledby="accounts-title" className="admin-section">
      <h2 id="accounts-title">{adminText.accountsTitle}</h2>
      {shown !== null && <OneTimePassword username={shown.username} password={shown.password} onDone={() => setShown(null)} />}
      <p role="status" className="admin-status">
        {status}
      </p>
      {problem !== null && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {state.kind === 'loading' && <p aria-live="polite">{adminText.loading}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="problem">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <table className="admin-table">
          <caption className="visually-hidden">{adminText.accountsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{adminText.username}</th>
              <th scope="col">{adminText.role}</th>
              <th scope="col">{adminText.units}</th>
              <th scope="col">{adminText.state}</th>
              <th scope="col">{adminText.actions}</th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((a) => (
              <tr key={a.username} className={a.disabledAt !== null ? 'disabled-row' : undefined}>
                <th scope="row">
                  {a.username}
                  {a.username === me && <span className="muted"> {adminText.you}</span>}
                </th>
                <td>{accountRoleNames[a.role]}</td>
                <td>{a.role === 'province-admin' ? adminText.allUnits : a.units.map((code) => units.find((u) => u.code === code)?.name ?? code).join(', ')}</td>
                <td>{stateText(a)}</td>
                <td>
                  <div className="row-actions">
                    {a.disabledAt === null && (
                      <>
                        <button type="button" className="secondary small" onClick={() => void reset(a.username)} aria-label={`${adminText.resetPassword} ${a.username}`}>
                          {adminText.resetPassword}
                        </button>
                        {a.role === 'unit-viewer' && (
                          <button type="button" className="secondary small" onClick={() => setEditing({ username: a.username, units: a.units })} aria-label={`${adminText.changeUnits} ${a.username}`}>
                            {adminText.changeUnits}
                          </button>
                        )}
                        {a.username !== me && (
                          <button type="button" className="danger small" onClick={() => void disable(a.username)} aria-label={`${adminText.disable} ${a.username}`}>
                            {adminText.disable}
                          </button>
                        )}
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && (
        <form className="admin-form" aria-labelledby="edit-units-title" onSubmit={(e) => {
            e.preventDefault();
            void saveUnits();
          }}>
          <h3 id="edit-units-title">{adminText.changeUnitsOf(editing.username)}</h3>
          <UnitChecks idPrefix="edit-units" units={units} chosen={editing.units} onChange={(next) => setEditing({ ...editing, units: next })} legend={adminText.chooseUnits} />
          <div className="form-buttons">
            <button type="submit">{adminText.save}</button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {adminText.cancel}
            </button>
          </div>
        </form>
      )}
      <AddAccountForm
        api={api}
        units={units}
        onSignInRequired={onSignInRequired}
        onAdded={(username, password) => {
          setProblem(null);
          setStatus(password === null ? adminText.addedTyped(username) : adminText.added(username));
          if (password !== null) setShown({ username, password });
          reload();
        }}
      />
    </section>
  );
}

