// "Quản trị › Đơn vị" (issue 16): the unit tree with its offices; add a unit, rename or move one
// (never under itself: central refuses, the form does not offer it), place a one-stop office under
// a unit, and import the province's list from a spreadsheet — all or nothing, every bad line shown.
import { useState } from 'react';
import { unitAddRequestSchema, unitChangeRequestSchema } from '../../../shared/central-admin';
import type { DirectoryOffice } from '../../../shared/central-directory';
import type { AdminApi, AdminOutcome } from './admin-api';
import { adminRefusalText, adminText } from './admin-text';
import { fieldErrors, indented, unitAndBelow, type UnitOption } from './admin-units';
import { changeProblem } from './use-admin-data';

type Api = Pick<AdminApi, 'addUnit' | 'changeUnit' | 'assignOffice' | 'importUnits'>;

export interface UnitsAdminProps {
  api: Api;
  units: UnitOption[];
  unassignedOffices: DirectoryOffice[];
  /** After a change: the directory is read again. */
  onChanged: () => void;
  onSignInRequired: () => void;
}

type Said = { kind: 'done'; text: string } | { kind: 'refused'; text: string; problems: string[] } | null;

function ParentSelect({ id, units, value, onChange, exclude }: { id: string; units: UnitOption[]; value: string; onChange: (v: string) => void; exclude?: Set<string> }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{adminText.province}</option>
      {units
        .filter((u) => exclude?.has(u.code) !== true)
        .map((u) => (
          <option key={u.code} value={u.code}>
            {indented(u)}
          </option>
        ))}
    </select>
  );
}

function Said({ said }: { said: Said }) {
  return (
    <div role="alert" className="form-alert">
      {said?.kind === 'refused' && (
        <>
          <p className="problem">{said.text}</p>
          {said.problems.length > 0 && (
            <ul className="problem-list">
              {said.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {said?.kind === 'done' && <p className="done">{said.text}</p>}
    </div>
  );
}

export function UnitsAdmin({ api, units, unassignedOffices, onChanged, onSignInRequired }: UnitsAdminProps) {
  const [said, setSaid] = useState<Said>(null);
  const [editing, setEditing] = useState<{ code: string; name: string; parentCode: string } | null>(null);
  const [adding, setAdding] = useState({ code: '', name: '', parentCode: '' });
  const [addErrors, setAddErrors] = useState<Record<string, string>>({});
  const [assign, setAssign] = useState({ officeCode: '', unitCode: '' });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a change; says what happened in the one alert region of the view. */
  const run = async (work: () => Promise<AdminOutcome<unknown>>, done: (value: unknown) => string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    const outcome = await work();
    setBusy(false);
    const refused = changeProblem(outcome, onSignInRequired);
    if (refused === null && outcome.ok) {
      setSaid({ kind: 'done', text: done(outcome.value) });
      onChanged();
      return true;
    }
    const problems = refused !== null && 'problems' in refused ? (refused.problems ?? []) : [];
    const text = refused?.code === 'UNIT_RULES' && problems.length > 0 ? adminText.importRefused : adminRefusalText(refused === null || refused.code === 'UNREACHABLE' ? null : refused);
    setSaid({ kind: 'refused', text, problems });
    return false;
  };

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const request = { code: adding.code, name: adding.name, parentCode: adding.parentCode === '' ? null : adding.parentCode };
    const checked = unitAddRequestSchema.safeParse(request);
    if (!checked.success) {
      setAddErrors(fieldErrors(checked.error.issues));
      return;
    }
    setAddErrors({});
    if (await run(() => api.addUnit(request), () => adminText.unitAdded(checked.data.code))) setAdding({ code: '', name: '', parentCode: '' });
  };
  const saveEdit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (editing === null) return;
    const change = { name: editing.name, parentCode: editing.parentCode === '' ? null : editing.parentCode };
    const checked = unitChangeRequestSchema.safeParse(change);
    if (!checked.success) {
      setSaid({ kind: 'refused', text: checked.error.issues.map((i) => i.message).join(' · '), problems: [] });
      return;
    }
    if (await run(() => api.changeUnit(editing.code, change), () => adminText.unitChanged(editing.code))) setEditing(null);
  };
  const place = async (e: React.FormEvent) => {
    e.preventDefault();
    const { officeCode, unitCode } = assign;
    if (await run(() => api.assignOffice(officeCode.trim(), unitCode), () => adminText.assigned(officeCode.trim(), unitCode))) setAssign({ officeCode: '', unitCode: '' });
  };
  const upload = async (e: React.FormEvent) => {
    e.preventDefault();
    if (file === null) {
      setSaid({ kind: 'refused', text: adminText.chooseFile, problems: [] });
      return;
    }
    await run(
      () => api.importUnits(file),
      (value) => {
        const v = value as { units: number; offices: number };
        return adminText.imported(v.units, v.offices);
      },
    );
  };
  const invalid = (field: string) => (addErrors[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `unit-${field}-error` });
  const knownOffices = [...units.flatMap((u) => u.offices), ...unassignedOffices];

  return (
    <section aria-labelledby="units-admin-title" className="admin-section">
      <h2 id="units-admin-title">{adminText.unitsTitle}</h2>
      {units.length === 0 ? (
        <p>{adminText.noUnits}</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{adminText.unitsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{adminText.unitName}</th>
              <th scope="col">{adminText.unitCode}</th>
              <th scope="col">{adminText.offices}</th>
              <th scope="col">{adminText.actions}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.code}>
                <th scope="row" className={`depth-${Math.min(u.depth, 4)}`}>
                  {u.name}
                </th>
                <td className="code">{u.code}</td>
                <td>{u.offices.map((o) => (o.name === null ? o.officeCode : `${o.name} (${o.officeCode})`)).join(', ')}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="secondary small" aria-label={`${adminText.editUnit} ${u.name}`} onClick={() => setEditing({ code: u.code, name: u.name, parentCode: u.parentCode ?? '' })}>
                      {adminText.editUnit}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unassignedOffices.length > 0 && (
        <p className="muted">
          {adminText.unassigned}: {unassignedOffices.map((o) => (o.name === null ? o.officeCode : `${o.name} (${o.officeCode})`)).join(', ')}
        </p>
      )}

      {editing !== null && (
        <form className="admin-form" aria-labelledby="edit-unit-title" onSubmit={(e) => void saveEdit(e)}>
          <h3 id="edit-unit-title">{adminText.editUnitOf(units.find((u) => u.code === editing.code)?.name ?? editing.code)}</h3>
          <div className="form-row">
            <label htmlFor="edit-unit-name">{adminText.unitName}</label>
            <input id="edit-unit-name" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
          </div>
          <div className="form-row">
            <label htmlFor="edit-unit-parent">{adminText.parent}</label>
            <ParentSelect id="edit-unit-parent" units={units} value={editing.parentCode} exclude={unitAndBelow(units, editing.code)} onChange={(v) => setEditing({ ...editing, parentCode: v })} />
          </div>
          <div className="form-buttons">
            <button type="submit" disabled={busy}>
              {adminText.save}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {adminText.cancel}
            </button>
          </div>
        </form>
      )}

      <Said said={said} />
      <div className="admin-forms">
        <form className="admin-form" aria-labelledby="add-unit-title" onSubmit={(e) => void add(e)} noValidate>
          <h3 id="add-unit-title">{adminText.addUnit}</h3>
          <div className="form-row">
            <label htmlFor="unit-code">{adminText.unitCode}</label>
            <input id="unit-code" value={adding.code} onChange={(e) => setAdding({ ...adding, code: e.target.value })} {...invalid('code')} />
            {addErrors.code !== undefined && <p id="unit-code-error" className="problem">{addErrors.code}</p>}
          </div>
          <div className="form-row">
            <label htmlFor="unit-name">{adminText.unitName}</label>
            <input id="unit-name" value={adding.name} onChange={(e) => setAdding({ ...adding, name: e.target.value })} {...invalid('name')} />
            {addErrors.name !== undefined && <p id="unit-name-error" className="problem">{addErrors.name}</p>}
          </div>
          <div className="form-row">
            <label htmlFor="unit-parent">{adminText.parent}</label>
            <ParentSelect id="unit-parent" units={units} value={adding.parentCode} onChange={(v) => setAdding({ ...adding, parentCode: v })} />
          </div>
          <button type="submit" disabled={busy}>
            {adminText.addUnit}
          </button>
        </form>

        <form className="admin-form" aria-labelledby="assign-title" onSubmit={(e) => void place(e)}>
          <h3 id="assign-title">{adminText.assignTitle}</h3>
          <div className="form-row">
            <label htmlFor="assign-office">{adminText.officeCode}</label>
            <input id="assign-office" list="known-offices" value={assign.officeCode} onChange={(e) => setAssign({ ...assign, officeCode: e.target.value })} required />
            <datalist id="known-offices">
              {knownOffices.map((o) => (
                <option key={o.officeCode} value={o.officeCode}>
                  {o.name ?? ''}
                </option>
              ))}
            </datalist>
          </div>
          <div className="form-row">
            <label htmlFor="assign-unit">{adminText.units}</label>
            <select id="assign-unit" value={assign.unitCode} onChange={(e) => setAssign({ ...assign, unitCode: e.target.value })} required>
              <option value="" disabled>
                —
              </option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {indented(u)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy}>
            {adminText.assign}
          </button>
        </form>

        <form className="admin-form" aria-labelledby="import-title" aria-describedby="import-help" onSubmit={(e) => void upload(e)}>
          <h3 id="import-title">{adminText.importTitle}</h3>
          <p id="import-help" className="muted">
            {adminText.importHelp}
          </p>
          <div className="form-row">
            <label htmlFor="import-file">{adminText.importFile}</label>
            <input id="import-file" type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? adminText.importing : adminText.importButton}
          </button>
        </form>
      </div>
    </section>
  );
}
