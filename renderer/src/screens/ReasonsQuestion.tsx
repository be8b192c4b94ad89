// After a negative rating (already stored and counted): "what were you not satisfied with?".
// Optional by design — the citizen may pick several reasons and send, skip, or walk away (the
// screen then times out). Sending stores an answer record beside the rating, never changes it.
import { useEffect, useState } from 'react';
import type { Reason } from '../../../shared/citizen-options';
import type { CitizenText } from './citizen-text';

/** Long enough to read eight reasons, short enough that the next citizen finds the home screen. */
export const REASONS_TIMEOUT_SECONDS = 30;

export function ReasonsQuestion({
  className = 'screen screen--reasons',
  reasons,
  text,
  onSend,
  onSkip,
}: {
  /** With the large-text class when the citizen chose "Chữ lớn". */
  className?: string;
  reasons: readonly Reason[];
  text: CitizenText;
  onSend: (codes: string[]) => void;
  onSkip: () => void;
}) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const timer = setTimeout(onSkip, REASONS_TIMEOUT_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [onSkip]);

  const toggle = (code: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <main className={className}>
      <h1 className="question">{text.reasonsTitle}</h1>
      <p className="hint">{text.reasonsHint}</p>
      <div className="reasons" role="group" aria-label={text.reasonsTitle}>
        {reasons.map((reason) => (
          <button key={reason.code} type="button" className="reason-button" aria-pressed={chosen.has(reason.code)} onClick={() => toggle(reason.code)}>
            <span className="reason-check" aria-hidden="true">
              {chosen.has(reason.code) ? '✓' : ''}
            </span>
            {text.reason(reason)}
          </button>
        ))}
      </div>
      <div className="reasons-actions">
        <button type="button" className="reasons-skip" onClick={onSkip}>
          {text.skipReasons}
        </button>
        <button
          type="button"
          className="reasons-send"
          disabled={chosen.size === 0}
          // In the order of the list, whatever order they were tapped in.
          onClick={() => onSend(reasons.filter((r) => chosen.has(r.code)).map((r) => r.code))}
        >
          {text.sendReasons}
        </button>
      </div>
    </main>
  );
}
