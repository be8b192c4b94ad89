// The dossier code of a rating (issue 15): the one backend rule behind submitRating and
// checkDossierCode. The format is shared/dossier-code-format.ts's `checkDossierCode`, the same
// function the citizen screen runs; this adds what only the database knows (already rated).
// A dossier code can identify a citizen's case: it is never logged (log-tail also scrubs any
// key named like it) and never put in a failure's detail.
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../shared/contract';
import { checkDossierCode } from '../../shared/dossier-code-format';
import type { KioskSettings } from '../../shared/settings';
import type { BackendContext } from './backend-context';
import { KioskFailure } from './dispatch';
import { isDossierRated } from './dossier-codes-repo';
import { readKioskSettings } from './settings-repo';

/**
 * The normalised code to store with a rating (null: none), or KioskFailure DOSSIER_CODE_INVALID /
 * DOSSIER_CODE_REQUIRED / DOSSIER_ALREADY_RATED. submitRating calls it inside its IMMEDIATE insert
 * transaction: two taps for one dossier at the same moment are serialised by the write lock, and
 * the second sees the first.
 */
export function acceptDossierCode(db: Database, settings: Pick<KioskSettings, 'dossier'>, raw: string | undefined): string | null {
  const verdict = checkDossierCode(raw, settings.dossier);
  if (!verdict.ok) throw new KioskFailure(verdict.problem === 'required' ? 'DOSSIER_CODE_REQUIRED' : 'DOSSIER_CODE_INVALID');
  if (verdict.code !== null && settings.dossier.onePerDossier && isDossierRated(db, verdict.code)) throw new KioskFailure('DOSSIER_ALREADY_RATED');
  return verdict.code;
}

export function dossierCodeHandlers(ctx: BackendContext): Pick<Handlers, 'checkDossierCode'> {
  return {
    checkDossierCode: ({ dossierCode }) => {
      const code = acceptDossierCode(ctx.db, readKioskSettings(ctx.db), dossierCode);
      // Never null: a code was given, and the rule answers null only for none.
      return { dossierCode: code ?? '' };
    },
  };
}
