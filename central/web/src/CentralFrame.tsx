// The frame every dashboard view goes in (issue 16): the province, who is signed in and in which
// role, "Đăng xuất", the navigation and the period every figure view shares. "Toàn tỉnh" is the
// province (a unit viewer's own units); "Đơn vị" the province admin's unit hierarchy, then a chosen
// unit's figures (a unit viewer lands on their own unit); "Cán bộ" an officer opened from a unit;
// "Báo cáo" the monthly, quarterly or yearly report. Which view, subject and period is the page's
// address (view-address.ts): a step to another view or subject is a history entry (Back returns),
// an edit of the period or the report's form replaces the current one.
import { useEffect, useState } from 'react';
import { accountRefusalMessages, accountRoleNames, type SessionAccount } from '../../../shared/central-accounts';
import type { CentralApi } from './central-api';
import { text, views } from './central-web-text';
import { UnitsView } from './UnitsView';
import { DashboardView } from './DashboardView';
import { PeriodPicker, rangeOf, type PeriodChoice } from './PeriodPicker';
import { ReportView } from './ReportView';
import { dashboardText } from './dashboard-text';
import { AdminView } from './AdminView';
import { browserAdminApi, type AdminApi } from './admin-api';
import { adminView } from './admin-text';
import { addressOf, defaultReportChoice, placeOf, type Place, type PlaceView } from './view-address';
import { FleetView } from './FleetView';
import { browserFleetApi, type FleetApi } from './fleet-api';
import { fleetView } from './fleet-text';
import { AlertsView } from './AlertsView';
import { browserAlertsApi, type AlertsApi } from './alerts-api';

/** Today's date where the browser is (the office), YYYY-MM-DD. */
const localToday = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

export interface CentralFrameProps {
  /** The province's name (central's CENTRAL_PROVINCE_NAME) or the placeholder. */
  province: string;
  account: SessionAccount;
  api: Pick<CentralApi, 'directory' | 'dashboard'>;
  onSignOut: () => void;
  onSignInRequired: () => void;
  /** Today's local day (tests fix it); the default period is its month. */
  today?: () => string;
  /** The province admin's "Quản trị" (issue 16); default: central over fetch. */
  adminApi?: AdminApi;
  /** "Tình trạng thiết bị" (issue 17); default: central over fetch. */
  fleetApi?: FleetApi;
  /** "Cảnh báo" (issue 17); default: central over fetch. */
  alertsApi?: AlertsApi;
}

export function CentralFrame({ province, account, api, onSignOut, onSignInRequired, today = localToday, adminApi = browserAdminApi, fleetApi = browserFleetApi, alertsApi = browserAlertsApi }: CentralFrameProps) {
  const [place, setPlace] = useState<Place>(() => placeOf(window.location, today()));
  // Back and Forward: the address says where to be.
  useEffect(() => {
    const onPopState = () => setPlace(placeOf(window.location, today()));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [today]);
  const go = (next: Place, how: 'push' | 'replace' = 'push') => {
    const address = addressOf(next);
    if (address !== `${window.location.pathname}${window.location.search}`) window.history[how === 'push' ? 'pushState' : 'replaceState'](null, '', address);
    setPlace(next);
  };
  const { view, officer, period: choice } = place;
  const admin = account.role === 'province-admin';
  // A unit viewer lands on their own (first) unit; a province admin on the hierarchy.
  const unit = place.unit ?? (admin ? null : (account.units[0] ?? null));
  const current = view === adminView.id ? adminView : view === fleetView.id ? fleetView : (views.find((v) => v.id === view) ?? views[0]);
  const range = rangeOf(choice);
  const setView = (id: PlaceView) => go({ ...place, view: id, report: id === 'reports' ? report : place.report });
  const setUnit = (code: string | null) => go({ ...place, view: 'units', unit: code });
  const setChoice = (next: PeriodChoice) => go({ ...place, period: next }, 'replace');
  const openUnit = (code: string) => setUnit(code);
  const openOfficer = (deviceId: string, officerId: string) => go({ ...place, view: 'officers', officer: { deviceId, officerId } });
  // "Báo cáo" starts from the dashboard period's month; a unit viewer's report is of a unit of theirs (the province is not theirs to ask).
  const ownUnit = admin ? null : (account.units[0] ?? null);
  const report = place.report === null ? defaultReportChoice(range.from.slice(0, 7), ownUnit) : place.report.unit === null ? { ...place.report, unit: ownUnit } : place.report;
  const figures = (subject: Parameters<typeof api.dashboard>[0]) => (
    <DashboardView subject={subject} range={range} includeFlagged={choice.includeFlagged} dashboard={api.dashboard} onSignInRequired={onSignInRequired} onOpenUnit={openUnit} onOpenOfficer={openOfficer} />
  );
  let body: React.ReactNode;
  if (view === 'province') body = figures({ kind: 'province' });
  else if (view === 'units' && unit !== null) body = figures({ kind: 'unit', code: unit });
  else if (view === 'units' && admin) body = <UnitsView directory={api.directory} onSignInRequired={onSignInRequired} onOpenUnit={openUnit} />;
  else if (view === 'officers' && officer !== null) body = figures({ kind: 'officer', ...officer });
  else if (view === 'officers') body = <p className="notice">{dashboardText.pickOfficer}</p>;
  else if (view === 'alerts') body = <AlertsView api={alertsApi} admin={admin} directory={api.directory} onSignInRequired={onSignInRequired} />;
  else if (view === adminView.id && admin) body = <AdminView api={adminApi} directory={api.directory} me={account.username} onSignInRequired={onSignInRequired} />;
  else if (view === fleetView.id)
    body = <FleetView api={fleetApi} unit={place.fleetUnit ?? null} onUnitChange={(code) => go({ ...place, fleetUnit: code }, 'replace')} admin={admin} onSignInRequired={onSignInRequired} />;
  else if (view === 'reports')
    body = <ReportView account={account} directory={api.directory} choice={report} onChange={(next, how) => go({ ...place, report: next }, how)} dashboard={api.dashboard} onSignInRequired={onSignInRequired} />;
  const showPeriod = view !== 'reports' && view !== adminView.id && view !== fleetView.id && view !== 'alerts' && !(view === 'units' && unit === null) && !(view === 'officers' && officer === null);
  return (
    <div className="frame">
      <header className="frame-header">
        <div>
          <p className="province">{province}</p>
          <p className="product">{text.product}</p>
        </div>
        <div className="who">
          <span>
            {text.signedInAs} <strong data-testid="signed-in-user">{account.username}</strong> · {accountRoleNames[account.role]}
          </span>
          <button type="button" className="sign-out" onClick={onSignOut}>
            {text.signOut}
          </button>
        </div>
      </header>
      <nav className="frame-nav" aria-label={text.navigation}>
        <ul>
          {views.map((v) => (
            <li key={v.id}>
              <button type="button" aria-current={v.id === view ? 'page' : undefined} onClick={() => setView(v.id)}>
                {v.label}
              </button>
            </li>
          ))}
          <li>
            <button type="button" aria-current={view === fleetView.id ? 'page' : undefined} onClick={() => setView(fleetView.id)}>
              {fleetView.label}
            </button>
          </li>
          {admin && (
            <li>
              <button type="button" aria-current={view === adminView.id ? 'page' : undefined} onClick={() => setView(adminView.id)}>
                {adminView.label}
              </button>
            </li>
          )}
        </ul>
      </nav>
      <main className="frame-main" aria-labelledby="view-title">
        <h1 id="view-title">{current.label}</h1>
        {view === 'units' && (admin ? unit !== null : account.units.length > 1) && (
          <div className="unit-choice">
            {admin ? (
              <button type="button" className="secondary" onClick={() => setUnit(null)}>
                {text.unitsTitle}
              </button>
            ) : (
              <label htmlFor="unit-choice">
                {dashboardText.chooseUnit}
                <select id="unit-choice" value={unit ?? ''} onChange={(e) => setUnit(e.target.value)}>
                  {unit !== null && !account.units.includes(unit) && <option value={unit}>{unit}</option>}
                  {account.units.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
        {showPeriod && <PeriodPicker choice={choice} onChange={setChoice} />}
        {/* Nothing this account may open here (a viewer at /quan-tri, a viewer without units): central would refuse it too. */}
        {body ?? (
          <p role="alert" className="problem">
            {accountRefusalMessages.FORBIDDEN}
          </p>
        )}
      </main>
    </div>
  );
}
