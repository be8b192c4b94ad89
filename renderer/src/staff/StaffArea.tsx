// The staff area: a full-screen view over the citizen screen, never a route a citizen can
// reach. Choose who you are → PIN → (forced PIN change) → the home of your role. Closes itself
// after 2 minutes without a touch, and with "Đóng"; either way the session is signed out.
// The entry of its own chunk (load-staff-area.ts): its stylesheets come with it.
import '../styles/staff.css';
import '../styles/dashboard.css';
import '../styles/print.css';
import { useCallback, useMemo, useState } from 'react';
import { errorMessages } from '../../../shared/errors';
import { roleLabels, type StaffSession } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { ChangePinScreen } from './ChangePinScreen';
import { PinSignIn } from './PinSignIn';
import { SignInChooser } from './SignInChooser';
import type { SignInChoice } from './sign-in-choice';
import { StaffHome } from './StaffHome';
import { StaffSessionProvider } from './staff-session-context';
import { useStaffActivity } from './use-staff-activity';

type Stage =
  | { kind: 'choose'; notice: string | null }
  | { kind: 'pin'; choice: SignInChoice }
  | { kind: 'must-change'; session: StaffSession; currentPin: string }
  | { kind: 'signed-in'; session: StaffSession };

export function StaffArea({ onClose, idleMs }: { onClose: () => void; idleMs?: number }) {
  const api = useKioskApi();
  const [stage, setStage] = useState<Stage>({ kind: 'choose', notice: null });

  const close = useCallback(() => {
    // Sign out whatever may be open; the citizen screen returns at once, without waiting.
    void api.staffSignOut({});
    onClose();
  }, [api, onClose]);

  const sessionLost = useCallback(() => setStage({ kind: 'choose', notice: errorMessages.SIGN_IN_REQUIRED }), []);

  const hasSession = stage.kind === 'signed-in' || stage.kind === 'must-change';
  const keepAlive = useCallback(() => {
    void api.getStaffSession({}).then((reply) => {
      if (reply.ok && reply.data === null) sessionLost();
    });
  }, [api, sessionLost]);
  useStaffActivity({ onIdle: close, keepAlive: hasSession ? keepAlive : null, ...(idleMs === undefined ? {} : { idleMs }) });

  const signedIn = (session: StaffSession, pin: string) =>
    setStage(session.mustChangePin ? { kind: 'must-change', session, currentPin: pin } : { kind: 'signed-in', session });

  const session = stage.kind === 'signed-in' || stage.kind === 'must-change' ? stage.session : null;
  const sessionValue = useMemo(
    () =>
      stage.kind === 'signed-in'
        ? {
            session: stage.session,
            handleSessionError: (error: KioskError) => {
              if (error.code !== 'SIGN_IN_REQUIRED') return false;
              sessionLost();
              return true;
            },
            replaceSession: (next: StaffSession) => setStage({ kind: 'signed-in', session: next }),
          }
        : null,
    [stage, sessionLost],
  );

  return (
    <div className="staff-area" data-testid="staff-area">
      <header className="staff-bar">
        <span className="staff-bar-title">Khu vực cán bộ</span>
        {session !== null && (
          <span className="staff-bar-who">
            {session.displayName === roleLabels[session.role] ? session.displayName : `${session.displayName} · ${roleLabels[session.role]}`}
          </span>
        )}
        <button type="button" className="staff-button staff-button--close" onClick={close}>
          Đóng
        </button>
      </header>
      <main className="staff-content">
        {stage.kind === 'choose' && <SignInChooser notice={stage.notice} onChoose={(choice) => setStage({ kind: 'pin', choice })} />}
        {stage.kind === 'pin' && (
          <PinSignIn choice={stage.choice} onSignedIn={signedIn} onBack={() => setStage({ kind: 'choose', notice: null })} />
        )}
        {stage.kind === 'must-change' && (
          <ChangePinScreen forced currentPin={stage.currentPin} onDone={(next) => setStage({ kind: 'signed-in', session: next })} />
        )}
        {sessionValue !== null && (
          <StaffSessionProvider value={sessionValue}>
            <StaffHome />
          </StaffSessionProvider>
        )}
      </main>
    </div>
  );
}
