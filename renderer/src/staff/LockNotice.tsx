// PIN_LOCKED: the message and a live countdown to retryAt; tells its parent when the wait is over.
import { useEffect } from 'react';
import { formatWait, useSecondsUntil } from './use-countdown';

/** Mount with key={retryAt}: the countdown starts from the current clock. */
export function LockNotice({ message, retryAt, onOver }: { message: string; retryAt: string; onOver: () => void }) {
  const seconds = useSecondsUntil(retryAt);
  useEffect(() => {
    if (seconds === 0) onOver();
  }, [seconds, onOver]);
  return (
    <div className="staff-message staff-message--problem" role="alert">
      <p>{message}</p>
      <p className="lock-countdown" data-testid="lock-countdown">
        Có thể thử lại sau <strong>{formatWait(seconds)}</strong>
      </p>
    </div>
  );
}
