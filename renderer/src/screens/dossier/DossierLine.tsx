// Under the question (issue 15): the dossier this rating will be linked to, with a way to remove
// it, or the keypad button. In the entry chunk: it shows with the faces.
import type { DossierRule } from '../../../../shared/dossier-code-format';
import type { DossierText } from '../citizen-text';
import type { DossierCodeState } from './use-dossier-code';

export function DossierLine({ dossier, rule, text }: { dossier: DossierCodeState; rule: DossierRule; text: DossierText }) {
  if (dossier.entry.kind === 'code')
    return (
      <p className="dossier-line" data-testid="dossier-linked">
        <span role="status">
          {text.linked} <strong className="dossier-code">{dossier.entry.code}</strong>
        </span>
        <button type="button" className="dossier-line-button" onClick={dossier.clear}>
          {text.remove}
        </button>
      </p>
    );
  if (!rule.capture || dossier.entry.kind === 'no-code') return null;
  return (
    <p className="dossier-line">
      <button type="button" className="dossier-line-button" onClick={dossier.openKeypad}>
        {text.enter}
      </button>
    </p>
  );
}
