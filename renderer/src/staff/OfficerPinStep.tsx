// The section head sets an officer's first PIN, or resets it, on the PIN pad: the PIN, then the
// same again. Only dots show; the PIN goes to the form (OfficerForm), which sends it on "Lưu"
// and forgets it. Shown instead of the form, so no text field is on screen to take the digits.
import { useState } from 'react';
import { errorMessages } from '../../../shared/errors';
import { pinSchema } from '../../../shared/staff';
import { PinPad } from './PinPad';

type Step = 'new' | 'confirm';

export const OFFICER_PIN_MISMATCH = 'Hai lần nhập mã PIN không khớp. Vui lòng nhập lại.';

const prompts: Record<'initial' | 'reset', Record<Step, string>> = {
  initial: { new: 'Nhập mã PIN ban đầu (6 đến 8 chữ số)', confirm: 'Nhập lại mã PIN ban đầu' },
  reset: { new: 'Nhập mã PIN mới (6 đến 8 chữ số)', confirm: 'Nhập lại mã PIN mới' },
};

export function OfficerPinStep({
  purpose,
  officerName,
  problem: initialProblem,
  onEntered,
  onCancel,
}: {
  /** A new officer's first PIN, or a reset of an existing officer's PIN. */
  purpose: 'initial' | 'reset';
  officerName: string;
  /** Why the pad is shown again: the backend refused the last PIN (PIN_TOO_WEAK…). */
  problem: string | null;
  onEntered: (pin: string) => void;
  onCancel: () => void;
}) {
  const [step, setStep] = useState<Step>('new');
  const [entered, setEntered] = useState('');
  const [first, setFirst] = useState('');
  const [problem, setProblem] = useState<string | null>(initialProblem);
  const prompt = prompts[purpose][step];

  const submit = (value: string) => {
    setEntered('');
    if (step === 'new') {
      const valid = pinSchema.safeParse(value);
      if (!valid.success) {
        setProblem(valid.error.issues[0]?.message ?? errorMessages.INVALID_INPUT);
        return;
      }
      setFirst(value);
      setProblem(null);
      setStep('confirm');
    } else if (value !== first) {
      setFirst('');
      setProblem(OFFICER_PIN_MISMATCH);
      setStep('new');
    } else {
      setFirst('');
      onEntered(value);
    }
  };

  const title = purpose === 'initial' ? 'Đặt mã PIN ban đầu' : 'Đặt lại mã PIN';
  return (
    <section className="officer-pin-step" aria-labelledby="officer-pin-title" data-testid="officer-pin-step">
      <h3 id="officer-pin-title" className="staff-subtitle">
        {officerName.trim() === '' ? title : `${title} cho ${officerName.trim()}`}
      </h3>
      <p className="staff-note">Cán bộ phải đổi mã này khi đăng nhập lần đầu.</p>
      <p className="pin-prompt" data-testid="pin-prompt">
        {prompt}
      </p>
      {problem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {problem}
        </p>
      )}
      <PinPad key={step} label={prompt} value={entered} onChange={setEntered} onSubmit={submit} minLength={6} maxLength={8} />
      <button type="button" className="staff-button staff-button--quiet" onClick={onCancel}>
        ‹ Quay lại
      </button>
    </section>
  );
}
