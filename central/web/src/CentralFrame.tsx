// The frame every dashboard view goes in (issue 16): the province, who is signed in and in which
// role, "Đăng xuất", the navigation and the period every figure view shares. "Toàn tỉnh" is the
// province (a unit viewer's own units); "Đơn vị" the province admin's unit hierarchy, then a chosen
// unit's figures (a unit viewer lands on their own unit); "Cán bộ" an officer opened from a unit;
// "Báo cáo" the monthly .xlsx.
import { useState } from 'react';
import { accountRoleNames, type SessionAccount } from '../../../shared/central-accounts';
import type { CentralApi } from './central-api';
import { text, views, type ViewId } from './central-web-text';
import { UnitsView } from './UnitsView';
import { DashboardView } from './DashboardView';
import { defaultPeriodChoice, PeriodPicker, rangeOf } from './PeriodPicker';
import { ReportView } from './ReportView';
import { dashboardText } from './dashboard-text';
import { AdminView } from './AdminView';
import { browserAdminApi, type AdminApi } from './admin-api';
import { adminView } from './admin-text';

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
}

export function CentralFrame({ province, account, api, onSignOut, onSignInRequired, today = localToday, adminApi = browserAdminApi }: CentralFrameProps) {
  const [view, setView] = useState<ViewId | typeof adminView.id>('province');
  const [choice, setChoice] = useState(() => defaultPeriodChoice(today()));
  const admin = account.role === 'province-admin';
  // A unit viewer lands on their own (first) unit; a province admin on the hierarchy.
  const [unit, setUnit] = useState<string | null>(admin ? null : (account.units[0] ?? null));
  const [officer, setOfficer] = useState<{ deviceId: string; officerId: string } | null>(null);
  const current = view === adminView.id ? adminView : (views.find((v) => v.id === view) ?? views[0]);
  const range = rangeOf(choice);
  const openUnit = (code: string) => {
    setUnit(code);
    setView('units');
  };
  const openOfficer = (deviceId: string, officerId: string) => {
    setOfficer({ deviceId, officerId });
    setView('officers');
  };
  const figures = (subject: Parameters<typeof api.dashboard>[0]) => (
    <DashboardView subject={subject} range={range} includeFlagged={choice.includeFlagged} dashboard={api.dashboard} onSignInRequired={onSignInRequired} onOpenUnit={openUnit} onOpenOfficer={openOfficer} />
  );
  let body: React.ReactNode;
  if (view === 'province') body = figures({ kind: 'province' });
  else if (view === 'units' && unit !== null) body = figures({ kind: 'unit', code: unit });
  else if (view === 'units' && admin) body = <UnitsView directory={api.directory} onSignInRequired={onSignInRequired} onOpenUnit={openUnit} />;
  else if (view === 'officers' && officer !== null) body = figures({ kind: 'officer', ...officer });
  else if (view === 'officers') body = <p className="notice">{dashboardText.pickOfficer}</p>;
  else if (view === adminView.id && admin) body = <AdminView api={adminApi} directory={api.directory} me={account.username} onSignInRequired={onSignInRequired} />;
  else if (view === 'reports') body = <ReportView account={account} directory={api.directory} month={range.from.slice(0, 7)} dashboard={api.dashboard} onSignInRequired={onSignInRequired} />;
  const showPeriod = view !== 'reports' && view !== adminView.id && !(view === 'units' && unit === null) && !(view === 'officers' && officer === null);
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
        {body ?? (
          <div className="under-construction">
            <p>
              <strong>{text.underConstruction}</strong>
            </p>
            <p>{text.underConstructionDetail}</p>
          </div>
        )}
      </main>
    </div>
  );
}
