// Leaving kiosk mode (issue 13): the contract's `exitKiosk` (host: 'electron'; the section head
// and the IT admin). Shown only where the host runs it (Electron: browser mode has no kiosk to
// leave) and the role may call it; a second tap confirms, so a slip does not close the counter.
import { useState } from 'react';
import { roleMayCall } from '../../../shared/contract';
import { useKioskApi } from '../api/kiosk-api-context';
import { useHostHasMethod } from '../api/host-context';
import { useStaffSession } from './staff-session-context';

export const EXIT_KIOSK = 'Thoát chế độ kiosk';
export const EXIT_KIOSK_CONFIRM = 'Xác nhận: đóng ứng dụng';

export function ExitKioskButton() {
  const api = useKioskApi();
  const { session, handleSessionError } = useStaffSession();
  const hostHasIt = useHostHasMethod('exitKiosk');
  const [step, setStep] = useState<'idle' | 'confirm' | 'closing'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  if (!hostHasIt || !roleMayCall(session.role, 'exitKiosk')) return null;

  const exit = async () => {
    setStep('closing');
    const reply = await api.exitKiosk({});
    if (reply.ok) return; // the window closes
    setStep('idle');
    if (!handleSessionError(reply.error)) setProblem(reply.error.message);
  };

  return (
    <div className="exit-kiosk">
      {step === 'idle' ? (
        <button
          type="button"
          className="staff-button staff-button--quiet"
          onClick={() => {
            setProblem(null);
            setStep('confirm');
          }}
        >
          {EXIT_KIOSK}
        </button>
      ) : (
        <>
          <button type="button" className="staff-button" disabled={step === 'closing'} onClick={() => void exit()}>
            {EXIT_KIOSK_CONFIRM}
          </button>
          <button type="button" className="staff-button staff-button--quiet" disabled={step === 'closing'} onClick={() => setStep('idle')}>
            Hủy
          </button>
        </>
      )}
      {problem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
