// Central's web page (issue 16): asks who is signed in (a reload keeps the session), shows the
// sign-in form or the frame, and goes back to the form on sign-out or when the session ends.
import { useCallback, useEffect, useState } from 'react';
import type { SessionAccount } from '../../../shared/central-accounts';
import type { CentralApi } from './central-api';
import { CentralFrame } from './CentralFrame';
import { PROVINCE_TITLE_PLACEHOLDER, text } from './central-web-text';
import { SignInForm } from './SignInForm';

type State = { kind: 'checking' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; account: SessionAccount };

export function CentralApp({ api }: { api: CentralApi }) {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [province, setProvince] = useState(PROVINCE_TITLE_PLACEHOLDER);
  useEffect(() => {
    let live = true;
    void api.currentAccount().then((account) => {
      if (live) setState(account === null ? { kind: 'signed-out' } : { kind: 'signed-in', account });
    });
    void api.pageInfo().then(({ provinceName }) => {
      if (live && provinceName !== null) setProvince(provinceName);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const signOut = useCallback(() => {
    // The next person to sign in starts at the province, not at the view the last one left open.
    window.history.replaceState(null, '', '/');
    void api.signOut().then(() => setState({ kind: 'signed-out' }));
  }, [api]);
  const sessionEnded = useCallback(() => setState({ kind: 'signed-out', notice: text.sessionEnded }), []);

  if (state.kind === 'checking') return <p className="checking">{text.loading}</p>;
  if (state.kind === 'signed-out') {
    return <SignInForm province={province} signIn={api.signIn} notice={state.notice} onSignedIn={(account) => setState({ kind: 'signed-in', account })} />;
  }
  return <CentralFrame province={province} account={state.account} api={api} onSignOut={signOut} onSignInRequired={sessionEnded} />;
}
