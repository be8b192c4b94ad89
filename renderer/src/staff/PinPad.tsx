// A large numeric PIN pad: digits 0–9, "Xoá", "OK"; dots for the digits entered. Touch first;
// a physical keyboard (digits, Backspace, Enter) works too. Controlled: the screen using it
// decides when to clear (after a wrong PIN, after a step).
import { useEffect } from 'react';

const rows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']] as const;

export interface PinPadProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /** OK is enabled from this many digits. */
  minLength: number;
  maxLength?: number;
  disabled?: boolean;
  /** What the dots stand for, read by screen readers: "Mã PIN", "Mã PIN mới". */
  label: string;
}

export function PinPad({ value, onChange, onSubmit, minLength, maxLength = 8, disabled = false, label }: PinPadProps) {
  const canSubmit = !disabled && value.length >= minLength;
  const press = (digit: string) => {
    if (!disabled && value.length < maxLength) onChange(value + digit);
  };
  const erase = () => {
    if (!disabled) onChange(value.slice(0, -1));
  };
  const submit = () => {
    if (canSubmit) onSubmit(value);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace' || event.key === 'Delete') erase();
      else if (event.key === 'Enter') submit();
      else return;
      // The key is ours: a focused pad button must not also be "clicked" by Enter.
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // Six places at least: PINs have 6 to 8 digits; the dots never hint a shorter one.
  const slots = Math.max(6, value.length);
  return (
    <div className="pin-pad">
      <div className="pin-dots" role="status" aria-label={`${label}: đã nhập ${value.length} chữ số`} data-testid="pin-dots">
        {Array.from({ length: slots }, (_, i) => (
          <span key={i} className={i < value.length ? 'pin-dot pin-dot--filled' : 'pin-dot'} />
        ))}
      </div>
      <div className="pin-keys">
        {rows.flat().map((digit) => (
          <button key={digit} type="button" className="pin-key" disabled={disabled} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="pin-key pin-key--action" disabled={disabled || value === ''} onClick={erase} aria-label="Xoá">
          Xoá
        </button>
        <button type="button" className="pin-key" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="pin-key pin-key--ok" disabled={!canSubmit} onClick={submit} aria-label="OK">
          OK
        </button>
      </div>
    </div>
  );
}
