// The province admin's "Quản trị" view (issue 16): accounts, the unit tree and devices, each a
// section of its own. Shown only to a province admin; central's admin routes refuse everyone else
// (the real guard). The unit list the account and unit forms offer is GET /api/v1/directory's tree.
import { useCallback, useState } from 'react';
import type { AdminApi } from './admin-api';
import { AccountsAdmin } from './AccountsAdmin';
import { adminSections, adminText, type AdminSectionId } from './admin-text';
import { unitOptions } from './admin-units';
import type { CentralApi } from './central-api';
import { DevicesAdmin } from './DevicesAdmin';
import { UnitsAdmin } from './UnitsAdmin';
import { useAdminData } from './use-admin-data';
import './admin.css';

export interface AdminViewProps {
  api: AdminApi;
  directory: CentralApi['directory'];
  /** The signed-in admin's username. */
  me: string;
  onSignInRequired: () => void;
  /** Asks before disabling, resetting or revoking (window.confirm; tests answer it). */
  confirm?: (question: string) => boolean;
}

export function AdminView({ api, directory, me, onSignInRequired, confirm = (q) => window.confirm(q) }: AdminViewProps) {
  const [section, setSection] = useState<AdminSectionId>('accounts');
  const loadDirectory = useCallback(async () => {
    const outcome = await directory();
    return outcome.ok ? outcome : { ok: false as const, refusal: outcome.refusal === null ? null : { code: outcome.refusal.code, message: outcome.refusal.message } };
  }, [directory]);
  const tree = useAdminData(loadDirectory, onSignInRequired);
  const units = tree.state.kind === 'ready' ? unitOptions(tree.state.value) : [];
  return (
    <div className="admin">
      <nav aria-label={adminText.sections} className="admin-sections">
        <ul>
          {adminSections.map((s) => (
            <li key={s.id}>
              <button type="button" aria-current={s.id === section ? 'page' : undefined} onClick={() => setSection(s.id)}>
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {tree.state.kind === 'failed' && (
        <p role="alert" className="problem">
          {tree.state.message}
        </p>
      )}
      {section === 'accounts' && <AccountsAdmin api={api} units={units} me={me} confirm={confirm} onSignInRequired={onSignInRequired} />}
      {section === 'units' &&
        (tree.state.kind === 'loading' ? (
          <p aria-live="polite">{adminText.loading}</p>
        ) : (
          <UnitsAdmin api={api} units={units} unassignedOffices={tree.state.kind === 'ready' ? tree.state.value.unassignedOffices : []} onChanged={tree.reload} onSignInRequired={onSignInRequired} />
        ))}
      {section === 'devices' && <DevicesAdmin api={api} confirm={confirm} onSignInRequired={onSignInRequired} />}
    </div>
  );
}
