// What the dossier code puts on the citizen's home screen in place of the faces (issue 15): the
// keypad, a kind refusal ("Hồ sơ này đã được đánh giá": no faces for that dossier), or, when the
// office requires a code, the request for one (with "Không có mã hồ sơ" if allowed). A chunk of
// its own, with the format rule (load-dossier-step.ts): the entry chunk keeps its budget.
import type { Language } from '../../../../shared/citizen-options';
import type { DossierRule } from '../../../../shared/dossier-code-format';
import { DossierKeypad } from './DossierKeypad';
import { dossierStepText } from './dossier-step-text';
import type { DossierCodeState } from './use-dossier-code';

/** The step that replaces the faces while `dossier.view` is set or the faces wait for a code (`dossier.gated`). */
// The rule travels in this chunk: the screen's own check of a scanned code (use-dossier-code.ts) loads it from here.
export { checkDossierCode } from '../../../../shared/dossier-code-format';

/** `enter`: the keypad button's words, as beside the faces (citizen-text.ts). */
export function DossierStep({ dossier, rule, language, enter }: { dossier: DossierCodeState; rule: DossierRule; language: Language; enter: string }) {
  const text = dossierStepText[language];
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
          {enter}
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
