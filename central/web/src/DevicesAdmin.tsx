// "Quản trị › Thiết bị" (issue 16): every kiosk with its office and unit, and revoking one (its
// token stops working at once; its ratings stay). Registering a kiosk stays on the server's
// command line: its token is a secret shown once, and a browser is the wrong place to show it.
import { useCallback, useState } from 'react';
import type { AdminApi } from './admin-api';
import { adminRefusalText, adminText, localTime } from './admin-text';
import { changeProblem, useAdminData } from './use-admin-data';

export interface DevicesAdminProps {
  api: Pick<AdminApi, 'devices' | 'revokeDevice'>;
  confirm: (question: string) => boolean;
  onSignInRequired: () => void;
}

export function DevicesAdmin({ api, confirm, onSignInRequired }: DevicesAdminProps) {
  const load = useCallback(() => api.devices(), [api]);
  const { state, reload } = useAdminData(load, onSignInRequired);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const revoke = async (deviceId: string, name: string) => {
    if (!confirm(adminText.confirmRevoke(name))) return;
    const refused = changeProblem(await api.revokeDevice(deviceId), onSignInRequired);
    setSaid(refused === null ? { ok: true, text: adminText.revokedDone(name) } : { ok: false, text: adminRefusalText(refused.code === 'UNREACHABLE' ? null : refused) });
    if (refused === null) reload();
  };
  return (
    <section aria-labelledby="devices-admin-title" className="admin-section">
      <h2 id="devices-admin-title">{adminText.devicesTitle}</h2>
      <p className="notice">{adminText.registerOnServer}</p>
      <div role="alert" className="form-alert">
        {said !== null && <p className={said.ok ? 'done' : 'problem'}>{said.text}</p>}
      </div>
      {state.kind === 'loading' && <p aria-live="polite">{adminText.loading}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="problem">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && state.value.length === 0 && <p>{adminText.noDevices}</p>}
      {state.kind === 'ready' && state.value.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">{adminText.devicesTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{adminText.deviceId}</th>
              <th scope="col">{adminText.office}</th>
              <th scope="col">{adminText.units}</th>
              <th scope="col">{adminText.counter}</th>
              <th scope="col">{adminText.label}</th>
              <th scope="col">{adminText.state}</th>
              <th scope="col">{adminText.lastSeen}</th>
              <th scope="col" className="number">
                {adminText.ratings}
              </th>
              <th scope="col">{adminText.actions}</th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((d) => {
              const name = `${d.label ?? `${adminText.counter} ${d.counter}`} (${d.officeName ?? d.officeCode})`;
              return (
                <tr key={d.deviceId} className={d.revoked ? 'disabled-row' : undefined}>
                  <th scope="row" className="code" title={d.deviceId}>
                    {d.deviceId.slice(0, 8)}…
                  </th>
                  <td>
                    {d.officeName ?? ''} <span className="code">{d.officeCode}</span>
                  </td>
                  <td>{d.unitName ?? <span className="muted">{adminText.unassigned}</span>}</td>
                  <td>{d.counter}</td>
                  <td>{d.label ?? ''}</td>
                  <td>{d.revoked ? adminText.revoked : adminText.working}</td>
                  <td>{d.lastSeenAt === null ? adminText.never : localTime(d.lastSeenAt)}</td>
                  <td className="number">{d.ratingCount}</td>
                  <td>
                    <div className="row-actions">
                      {!d.revoked && (
                        <button type="button" className="danger small" aria-label={`${adminText.revoke} ${name}`} onClick={() => void revoke(d.deviceId, name)}>
                          {adminText.revoke}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
