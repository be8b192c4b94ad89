// The setup form's outcome when Save did not save: at the top of the form, focused and scrolled
// into view by the form, listing each bad field as a link that takes the focus to it. It shrinks
// as fields are corrected (the form re-checks them), and goes once none is left.
import { forwardRef } from 'react';
import type { KioskError } from '../../../shared/result';
import { fieldName, type FieldErrors } from './settings-form';

/** The id of the element that holds a field's value: row cells as `<prefix>-reasons-1-code`. */
export const fieldElementId = (prefix: string, key: string): string => `${prefix}-${key === 'deviceToken' ? 'newToken' : key.replaceAll('.', '-')}`;

/** Focus the field behind an error key; a group (tiles, a table) gives its chosen or first control. */
export function focusField(prefix: string, key: string): void {
  const head = key.split('.')[0] ?? key;
  const el = document.getElementById(fieldElementId(prefix, key)) ?? document.getElementById(fieldElementId(prefix, head));
  if (el === null) return;
  const target = el.matches('input, button, select, textarea') ? el : el.querySelector<HTMLElement>('[aria-checked="true"], input, button');
  if (target === null) return;
  target.focus({ preventScroll: true });
  // Centred, so the sticky Save bar at the bottom never covers it.
  target.scrollIntoView?.({ block: 'center' });
}

export const SettingsErrorSummary = forwardRef<HTMLDivElement, { idPrefix: string; problem: KioskError; errors: FieldErrors }>(function SettingsErrorSummary({ idPrefix, problem, errors }, ref) {
  const keys = Object.keys(errors);
  return (
    <div ref={ref} className="staff-message staff-message--problem it-error-summary" role="alert" tabIndex={-1} aria-labelledby={`${idPrefix}-summary-title`}>
      <p className="it-error-summary-title" id={`${idPrefix}-summary-title`}>
        {problem.message}
      </p>
      {problem.detail !== undefined && <p className="it-detail">{problem.detail}</p>}
      {keys.length > 0 && (
        <ul className="it-error-list">
          {keys.map((key) => (
            <li key={key}>
              <a
                href={`#${fieldElementId(idPrefix, key)}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(idPrefix, key);
                }}
              >
                {`${fieldName(key)}: ${errors[key] ?? ''}`}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
