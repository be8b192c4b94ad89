// The PIN step of signing in: the chosen person, the pad, and what went wrong in plain words
// (PIN_WRONG, PIN_LOCKED with a live countdown).
import { useState } from 'react';
import type { StaffSession } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { Avatar } from '../components/Avatar';
import { errorMessages } from '../../../shared/errors';
import { LockNotice } from './LockNotice';
import { PinPad } from './PinPad';
import type { SignInChoice } from './sign-in-choice';

/** Every PIN, the default one included, has 6 to 8 digits (pinSchema): a shorter one is not tried. */
const PIN_MIN_DIGITS = 6;
/** The one-time code of `npm run kiosk -- reset-pin` has 10 digits (staff/pin-reset.ts). */
const SIGN_IN_MAX_DIGITS = 10;

export function PinSignIn({
  choice,
  onSignedIn,
  onBack,
}: {
  choice: SignInChoice;
  /** The PIN comes along only for a forced change, which needs the current PIN. */
  onSignedIn: (session: StaffSession, pin: string) => void;
  onBack: () => void;
}) {
  const api = useKioskApi();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<KioskError | null>(null);
  // The 5th wrong PIN already carries the wait (retryAt): lock the pad now, not after a 6th try.
  const locked = (problem?.code === 'PIN_LOCKED' || problem?.code === 'PIN_WRONG') && problem.retryAt !== undefined ? problem.retryAt : null;

  const submit = async (entered: string) => {
    setBusy(true);
    const reply = await api.staffSignIn({ subject: choice.subject, pin: entered });
    setBusy(false);
    setPin('');
    if (reply.ok) onSignedIn(reply.data, entered);
    else setProblem(reply.error);
  };

  return (
    <section className="pin-sign-in" aria-labelledby="pin-title">
      <div className="pin-who">
        <Avatar name={choice.name} photoDataUrl={choice.photoDataUrl} size="large" />
        <div>
          <p className="pin-who-name">{choice.name}</p>
          {choice.title !== '' && <p className="pin-who-title">{choice.title}</p>}
        </div>
      </div>
      <h2 id="pin-title" className="staff-title">
        Nhập mã PIN
      </h2>
      {locked !== null && problem !== null ? (
        <LockNotice
          key={locked}
          message={problem.code === 'PIN_WRONG' ? `${problem.message} ${errorMessages.PIN_LOCKED}` : problem.message}
          retryAt={locked}
          onOver={() => setProblem(null)}
        />
      ) : (
        problem !== null && (
          <p className="staff-message staff-message--problem" role="alert">
            {problem.message}
          </p>
        )
      )}
      <PinPad
        label="Mã PIN"
        value={pin}
        onChange={(next) => {
          setPin(next);
          if (locked === null) setProblem(null);
        }}
        onSubmit={(entered) => void submit(entered)}
        minLength={PIN_MIN_DIGITS}
        maxLength={SIGN_IN_MAX_DIGITS}
        disabled={busy || locked !== null}
      />
      <button type="button" className="staff-button staff-button--quiet" onClick={onBack}>
        ‹ Chọn người khác
      </button>
    </section>
  );
}
