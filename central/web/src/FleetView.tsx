// "Tình trạng thiết bị" (issue 17): every kiosk the account may see, with what IT judges it by, the
// worst first. A summary line counts what needs looking at; each highlighted row says why in a
// badge; every column sorts (aria-sort on its header); the unit filter takes the units below the
// chosen one too (central applies it: GET /api/v1/fleet?unit=, the same scope as the dashboard).
import { useCallback, useMemo, useState } from 'react';
import type { FleetDevice, FleetResponse } from '../../../shared/central-fleet';
import { fleetSummary } from '../../../shared/fleet-health';
import type { FleetApi } from './fleet-api';
import { defaultFleetSort, nextSort, sortFleet, type FleetSort } from './fleet-sort';
import { agoText, contactTime, driftText, fleetBadges, fleetColumns, fleetText, rangesText, summaryParts } from './fleet-text';
import { useAdminData } from './use-admin-data';
import './fleet.css';

export interface FleetViewProps {
  api: FleetApi;
  /** The unit filter (null: everything the account may see); it lives in the page's address. */
  unit: string | null;
  onUnitChange: (unit: string | null) => void;
  /** A province admin's "all" is the province; a unit viewer's is their own units. */
  admin: boolean;
  onSignInRequired: () => void;
}

/** The units in tree order (parents before children, names by Vietnamese order), each with its depth. */
function unitTree(units: FleetResponse['units']): { code: string; name: string; depth: number }[] {
  const collator = new Intl.Collator('vi');
  const codes = new Set(units.map((u) => u.code));
  const children = (parent: string | null) =>
    units.filter((u) => (parent === null ? u.parentCode === null || !codes.has(u.parentCode) : u.parentCode === parent)).sort((a, b) => collator.compare(a.name, b.name));
  const out: { code: string; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of children(parent)) {
      if (out.some((o) => o.code === u.code)) continue;
      out.push({ code: u.code, name: u.name, depth });
      walk(u.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function FleetView({ api, unit, onUnitChange, admin, onSignInRequired }: FleetViewProps) {
  const load = useCallback(() => api.fleet(unit), [api, unit]);
  const { state } = useAdminData(load, onSignInRequired);
  const [sort, setSort] = useState<FleetSort>(defaultFleetSort);
  const fleet = state.kind === 'ready' ? state.value : null;
  const rows = useMemo(() => (fleet === null ? [] : sortFleet(fleet.devices, sort)), [fleet, sort]);
  const units = useMemo(() => (fleet === null ? [] : unitTree(fleet.units)), [fleet]);

  return (
    <section className="fleet" aria-labelledby="view-title">
      <div className="fleet-filter">
        <label htmlFor="fleet-unit">{fleetText.unitFilter}</label>
        <select id="fleet-unit" value={unit ?? ''} onChange={(e) => onUnitChange(e.target.value === '' ? null : e.target.value)}>
          <option value="">{admin ? fleetText.allUnits : fleetText.allOwnUnits}</option>
          {unit !== null && !units.some((u) => u.code === unit) && <option value={unit}>{unit}</option>}
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name}`}
            </option>
          ))}
        </select>
      </div>
      {state.kind === 'loading' && <p aria-live="polite">{fleetText.loading}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="problem">
          {state.message}
        </p>
      )}
      {fleet !== null && (
        <>
          <p className="fleet-summary" data-testid="fleet-summary">
            {summaryParts(fleetSummary(fleet.devices)).map((part, i) => (
              <span key={part} className={i > 0 && !part.startsWith('0 ') ? 'attention' : undefined}>
                {part}
              </span>
            ))}
          </p>
          <p className="fleet-note">{fleetText.thresholdNote(fleet.silentWorkingDays, fleet.newestAppVersion)}</p>
          {rows.length === 0 ? (
            <p>{fleetText.noDevices}</p>
          ) : (
            <FleetTable rows={rows} at={fleet.at} sort={sort} onSort={(column) => setSort(nextSort(sort, column))} />
          )}
        </>
      )}
    </section>
  );
}

function FleetTable({ rows, at, sort, onSort }: { rows: FleetDevice[]; at: string; sort: FleetSort; onSort: (column: FleetSort['column']) => void }) {
  return (
    <table className="fleet-table" data-testid="fleet-table">
      <caption className="visually-hidden">{fleetText.tableCaption}</caption>
      <thead>
        <tr>
          {fleetColumns.map((c) => (
            <th key={c.id} scope="col" aria-sort={sort.column === c.id ? sort.direction : 'none'} className={'numeric' in c ? 'number' : undefined}>
              <button type="button" className="sort" title={fleetText.sortBy(c.label)} onClick={() => onSort(c.id)}>
                {c.label}
                <span aria-hidden="true" className="sort-mark">
                  {sort.column === c.id ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <FleetRow key={d.deviceId} d={d} at={at} />
        ))}
      </tbody>
    </table>
  );
}

function FleetRow({ d, at }: { d: FleetDevice; at: string }) {
  const badges = fleetBadges(d);
  const attention = badges.some((b) => b.tone === 'warn');
  const lost = [...d.declaredLost.seq];
  return (
    <tr className={attention ? 'attention' : d.revoked ? 'disabled-row' : undefined} data-device={d.deviceId}>
      <th scope="row">
        <span className="office">{d.officeName ?? d.officeCode}</span>
        <span className="sub">
          {fleetText.counter(d.counter)}
          {d.label === null ? '' : ` · ${d.label}`}
        </span>
        <span className="sub code" title={d.deviceId}>
          {d.officeCode} · {d.deviceId.slice(0, 8)}
        </span>
      </th>
      <td>{d.unitName ?? <span className="muted">{fleetText.unassigned}</span>}</td>
      <td>
        {d.lastContactAt === null ? (
          <span className="muted">{fleetText.never}</span>
        ) : (
          <>
            {contactTime(d.lastContactAt)}
            <span className="sub">{agoText(d.lastContactAt, at)}</span>
          </>
        )}
      </td>
      <td>{d.appVersion ?? fleetText.unknown}</td>
      <td className="number">{d.pending === null ? <span className="muted">{fleetText.noHealth}</span> : d.pending.ratings + d.pending.reasonAnswers}</td>
      <td>{d.clockDriftMs !== null ? driftText(d.clockDriftMs) : <span className="muted">{d.healthVia === 'sync-file' ? fleetText.bySyncFile : fleetText.unknown}</span>}</td>
      <td className="number">
        {d.missingSeqs + d.chainGapPositions === 0 ? '0' : <span title={`Số thứ tự ${rangesText(d.seqGaps)}; vị trí chuỗi ${rangesText(d.chainGaps)}`}>{d.missingSeqs > 0 ? `${d.missingSeqs} (${rangesText(d.seqGaps)})` : `${d.chainGapPositions} vị trí chuỗi`}</span>}
      </td>
      <td className="number">
        {lost.length === 0 ? '0' : `${lost.reduce((n, r) => n + r.to - r.from + 1, 0)} (${rangesText(lost)})`}
        {d.incidents > 0 && <span className="sub">{`${d.incidents} sự cố`}</span>}
      </td>
      <td className="number">{d.chainBreaks.length}</td>
      <td>
        <ul className="badges">
          {badges.length === 0 ? (
            <li className="badge ok">{fleetText.ok}</li>
          ) : (
            badges.map((b) => (
              <li key={b.text} className={`badge ${b.tone}`}>
                {b.text}
              </li>
            ))
          )}
        </ul>
      </td>
    </tr>
  );
}
