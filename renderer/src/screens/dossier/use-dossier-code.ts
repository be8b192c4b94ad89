// The dossier code for the next rating (issue 15): what was scanned or typed, checked first with
// the shared rule (shared/dossier-code-format.ts, the backend's own function) and then by the
// backend (checkDossierCode: the format again, and "already rated" when one rating per dossier),
// so a refused code is explained before the faces, never after a tap. It belongs to one citizen:
// cleared after the rating, when the screen returns home, and after a minute without a touch.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../../../shared/contract';
import type { DossierRule } from '../../../../shared/dossier-code-format';
import type { ErrorCode } from '../../../../shared/result';
import { prefetch } from '../on-demand';
import { dossierStepChunk } from './load-dossier-step';

/** None yet, a checked code, or the citizen's "Không có mã hồ sơ". */
export type DossierEntry = { kind: 'none' } | { kind: 'code'; code: string } | { kind: 'no-code' };
/** What replaces the faces for a moment: the keypad, or a kind refusal. */
export type DossierView = 'keypad' | 'invalid' | 'already-rated' | null;

/** A code left behind by a citizen who walked away must not be given to the next one. */
export const DOSSIER_IDLE_SECONDS = 60;

export function useDossierCode(api: KioskApi, rule: DossierRule | null) {
  const [entry, setEntry] = useState<DossierEntry>({ kind: 'none' });
  const [view, setView] = useState<DossierView>(null);
  const ruleRef = useRef(rule);
  useEffect(() => {
    ruleRef.current = rule;
  }, [rule]);

  const clear = useCallback(() => {
    setEntry({ kind: 'none' });
    setView(null);
  }, []);

  /** A refusal by the backend (checkDossierCode or submitRating): shown kindly, the code dropped. */
  const refused = useCallback((code: ErrorCode) => {
    setEntry({ kind: 'none' });
    setView(code === 'DOSSIER_ALREADY_RATED' ? 'already-rated' : 'invalid');
  }, []);

  /** A scanned or typed code: the shared rule at once, then the backend. */
  const offer = useCallback(
    async (raw: string) => {
      const current = ruleRef.current;
      if (current === null || !current.capture) return;
      // Undefined: the page cannot reach its host; the screen's own notice says so, the scan is dropped.
      const step = await dossierStepChunk.load().catch(() => undefined);
      if (step === undefined) return;
      const verdict = step.checkDossierCode(raw, current);
      if (!verdict.ok || verdict.code === null) {
        refused('DOSSIER_CODE_INVALID');
        return;
      }
      const reply = await api.checkDossierCode({ dossierCode: verdict.code });
      if (reply.ok) {
        setEntry({ kind: 'code', code: reply.data.dossierCode });
        setView(null);
      } else if (reply.error.code.startsWith('DOSSIER_') || reply.error.code === 'INVALID_INPUT') refused(reply.error.code);
      // Any other failure (the backend is out of service): the screen's own notice says so.
    },
    [api, refused],
  );

  const capture = rule?.capture === true;
  useEffect(() => {
    if (capture) prefetch(dossierStepChunk);
  }, [capture]);

  useEffect(() => {
    if (entry.kind === 'none' && view === null) return undefined;
    const timer = setTimeout(clear, DOSSIER_IDLE_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [entry, view, clear]);

  return {
    entry,
    view,
    offer,
    refused,
    clear,
    openKeypad: useCallback(() => setView('keypad'), []),
    closeView: useCallback(() => setView(null), []),
    chooseNoCode: useCallback(() => {
      setEntry({ kind: 'no-code' });
      setView(null);
    }, []),
    /** Required mode: the faces wait for a code or "Không có mã hồ sơ". */
    gated: rule !== null && rule.capture && rule.required && entry.kind === 'none',
    /** What submitRating sends. */
    code: entry.kind === 'code' ? entry.code : undefined,
  };
}
export type DossierCodeState = ReturnType<typeof useDossierCode>;
