// What the dossier code puts on the citizen's home screen (issue 15): in place of the faces, the
// keypad, a kind refusal ("Hồ sơ này đã được đánh giá": no faces for that dossier), or, when the
// office requires a code, the request for one (with "Không có mã hồ sơ" if allowed); beside the
// faces, the line saying which dossier the rating will be linked to, or the keypad button.
import type { DossierRule } from '../../../../shared/dossier-code-format';
import type { DossierText } from '../citizen-text';
import { DossierKeypad } from './DossierKeypad';
import type { DossierCodeState } from './use-dossier-code';

/** The step that replaces the faces while `dossier.view` is set or the faces wait for a code (`dossier.gated`). */
export function DossierStep({ dossier, rule, text }: { dossier: DossierCodeState; rule: DossierRule; text: DossierText }) {
  if (dossier.view === 'keypad') return <DossierKeypad text={text} rule={rule} onDone={(code) => void dossier.offer(code)} onCancel={dossier.closeView} />;
  if (dossier.view === 'invalid' || dossier.view === 'already-rated') {
    const rated = dossier.view === 'already-rated';
    return (
      <section className="dossier-notice" role="alert" data-testid={`dossier-${dossier.view}`}>
        <h1 className="question">{rated ? text.alreadyRatedTitle : text.invalidTitle}</h1>
        <p className="hint">{rated ? text.alreadyRated : text.invalid}</p>
        <div className="reasons-actions">
          {!rated && (
            <button type="button" className="reasons-skip" onClick={dossier.openKeypad}>
              {text.retry}
            </button>
          )}
          <button type="button" className="reasons-send" onClick={dossier.closeView}>
            {text.close}
          </button>
        </div>
      </section>
    );
  }
  if (!dossier.gated) return null;
  return (
    <section className="dossier-gate" aria-labelledby="dossier-gate-title">
      <h1 className="question" id="dossier-gate-title">
        {text.requiredTitle}
      </h1>
      <p className="hint">{text.requiredHint}</p>
      <div className="dossier-gate-actions">
        <button type="button" className="dossier-gate-button" onClick={dossier.openKeypad}>
          {text.enter}
        </button>
        {rule.allowNoCode && (
          <button type="button" className="dossier-gate-button dossier-gate-button--quiet" onClick={dossier.chooseNoCode}>
            {text.noCode}
          </button>
        )}
      </div>
    </section>
  );
}

/** Under the question: the dossier this rating will be linked to (with a way to remove it), or the keypad button. */
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
