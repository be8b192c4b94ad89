// "Nhập mã hồ sơ": an on-screen keypad for the code printed on the receipt — digits, capital
// letters (A–Z in order: many citizens do not know a keyboard's layout), `.`, `-`, `/`, large
// keys. A code the shared rule refuses stays on the display, with the reason, to be corrected.
import { useState } from 'react';
import { checkDossierCode, DOSSIER_CODE_MAX_LENGTH, type DossierRule } from '../../../../shared/dossier-code-format';
import type { DossierStepText } from './dossier-step-text';

const KEYS = [...'1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ.-/'];

export function DossierKeypad({ text, rule, onDone, onCancel }: { text: DossierStepText; rule: DossierRule; onDone: (code: string) => void; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  // Updaters, not values: two taps within one frame both count.
  const type = (change: (current: string) => string) => {
    setTyped((current) => change(current).slice(0, DOSSIER_CODE_MAX_LENGTH));
    setWrong(false);
  };
  const done = () => {
    const verdict = checkDossierCode(typed, rule);
    if (verdict.ok && verdict.code !== null) onDone(verdict.code);
    else setWrong(true);
  };
  return (
    <section className="dossier-keypad" aria-labelledby="dossier-keypad-title">
      <h1 className="question" id="dossier-keypad-title">
        {text.keypadTitle}
      </h1>
      <p className="hint">{text.scanHint}</p>
      <output className="dossier-typed" data-testid="dossier-typed" aria-invalid={wrong}>
        {typed === '' ? '\u00a0' : typed}
      </output>
      <p className="dossier-problem" role="alert">
        {wrong ? `${text.invalidTitle}. ${text.invalid}` : ''}
      </p>
      <div className="dossier-keys" role="group" aria-label={text.keypadTitle}>
        {KEYS.map((key) => (
          <button key={key} type="button" className="dossier-key" onClick={() => type((current) => current + key)}>
            {key}
          </button>
        ))}
        <button type="button" className="dossier-key dossier-key--erase" aria-label={text.erase} onClick={() => type((current) => current.slice(0, -1))}>
          ⌫
        </button>
      </div>
      <div className="reasons-actions">
        <button type="button" className="reasons-skip" onClick={onCancel}>
          {text.cancel}
        </button>
        <button type="button" className="reasons-send" disabled={typed === ''} onClick={done}>
          {text.done}
        </button>
      </div>
    </section>
  );
}
