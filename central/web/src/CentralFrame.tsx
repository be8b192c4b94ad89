// The frame every dashboard view goes in (issue 16): the province, who is signed in and in which
// role, "Đăng xuất", and the navigation. Views not built yet say so; the province admin's
// "Đơn vị" lists the unit hierarchy.
import { useState } from 'react';
import { accountRoleNames, type SessionAccount } from '../../../shared/central-accounts';
import type { CentralApi } from './central-api';
import { text, views, type ViewId } from './central-web-text';
import { UnitsView } from './UnitsView';

export interface CentralFrameProps {
  /** The province's name (central's CENTRAL_PROVINCE_NAME) or the placeholder. */
  province: string;
  account: SessionAccount;
  api: Pick<CentralApi, 'directory'>;
  onSignOut: () => void;
  onSignInRequired: () => void;
}

export function CentralFrame({ province, account, api, onSignOut, onSignInRequired }: CentralFrameProps) {
  const [view, setView] = useState<ViewId>('province');
  const current = views.find((v) => v.id === view) ?? views[0];
  const showUnits = view === 'units' && account.role === 'province-admin';
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
        </ul>
      </nav>
      <main className="frame-main" aria-labelledby="view-title">
        <h1 id="view-title">{current.label}</h1>
        {showUnits ? (
          <UnitsView directory={api.directory} onSignInRequired={onSignInRequired} />
        ) : (
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
