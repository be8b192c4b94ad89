// Changing one's PIN: current PIN (unless just entered at a forced change), new PIN, new PIN
// again. A first-run default PIN must be changed before anything else (mustChangePin).
import { useState } from 'react';
import { errorMessages } from '../../../shared/errors';
import { pinSchema, type StaffSession } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { LockNotice } from './LockNotice';
import { PinPad } from './PinPad';

type Step = 'current' | 'new' | 'confirm';

const prompts: Record<Step, string> = {
  current: 'Nhập mã PIN hiện tại',
  new: 'Nhập mã PIN mới (6 đến 8 chữ số)',
  confirm: 'Nhập lại mã PIN mới',
};
export const PIN_MISMATCH = 'Hai lần nhập mã PIN mới không khớp. Vui lòng nhập lại.';
export const PIN_CHANGED = 'Đã đổi mã PIN.';

export function ChangePinScreen({
  currentPin: knownPin,
  forced,
  onDone,
  onCancel,
}: {
  /** Known when the change is forced right after sign-in. */
  currentPin?: string;
  forced: boolean;
  onDone: (session: StaffSession) => void;
  onCancel?: () => void;
}) {
  const api = useKioskApi();
  const [step, setStep] = useState<Step>(knownPin === undefined ? 'current' : 'new');
  const [entered, setEntered] = useState('');
  const [currentPin, setCurrentPin] = useState(knownPin ?? '');
  const [newPin, setNewPin] = useState('');
  const [problem, setProblem] = useState<Pick<KioskError, 'message' | 'retryAt' | 'code'> | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = problem?.code === 'PIN_LOCKED' && problem.retryAt !== undefined ? problem.retryAt : null;

  const save = async (confirmed: string) => {
    setBusy(true);
    const reply = await api.changePin({ currentPin, newPin: confirmed });
    setBusy(false);
    if (reply.ok) {
      onDone(reply.data);
      return;
    }
    setProblem(reply.error);
    // A wrong current PIN is asked again; anything else (too weak…) asks for another new PIN.
    const currentRefused = reply.error.code === 'PIN_WRONG' || reply.error.code === 'PIN_LOCKED';
    setStep(currentRefused && knownPin === undefined ? 'current' : 'new');
    setNewPin('');
  };

  const submit = (value: string) => {
    setEntered('');
    if (step === 'current') {
      setCurrentPin(value);
      setProblem(null);
      setStep('new');
    } else if (step === 'new') {
      const valid = pinSchema.safeParse(value);
      if (!valid.success) {
        setProblem({ code: 'INVALID_INPUT', message: valid.error.issues[0]?.message ?? errorMessages.INVALID_INPUT });
        return;
      }
      setNewPin(value);
      setProblem(null);
      setStep('confirm');
    } else if (value !== newPin) {
      setProblem({ code: 'INVALID_INPUT', message: PIN_MISMATCH });
      setNewPin('');
      setStep('new');
    } else {
      void save(value);
    }
  };

  return (
    <section className="change-pin" aria-labelledby="change-pin-title">
      <h2 id="change-pin-title" className="staff-title">
        {forced ? 'Đặt mã PIN mới' : 'Đổi mã PIN'}
      </h2>
      {forced && <p className="staff-note">{errorMessages.PIN_CHANGE_REQUIRED}</p>}
      <p className="pin-prompt" data-testid="pin-prompt">
        {prompts[step]}
      </p>
      {locked !== null && problem !== null ? (
        <LockNotice key={locked} message={problem.message} retryAt={locked} onOver={() => setProblem(null)} />
      ) : (
        problem !== null && (
          <p className="staff-message staff-message--problem" role="alert">
            {problem.message}
          </p>
        )
      )}
      <PinPad
        key={step}
        label={prompts[step]}
        value={entered}
        onChange={setEntered}
        onSubmit={submit}
        minLength={6}
        disabled={busy || locked !== null}
      />
      {onCancel !== undefined && (
        <button type="button" className="staff-button staff-button--quiet" onClick={onCancel}>
          Huỷ
        </button>
      )}
    </section>
  );
}
