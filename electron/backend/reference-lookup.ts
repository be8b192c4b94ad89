// findRatingByReference (issue 15): the section head or IT types the code a citizen wrote down
// and sees the rating. Only an exact code resolves (the contract's schema has already put the
// typed text in its written form); there is no search, prefix or list, so the method cannot be
// used to walk through ratings. Every lookup is logged with who asked, as exports are.
import type { Handlers } from '../../shared/contract';
import type { RatingByReference } from '../../shared/contract/report-path';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { scaleIdSchema } from '../../shared/scales';
import type { BackendContext } from './backend-context';
import { KioskFailure } from './dispatch';
import { ratingIdsWithReasonAnswers, referencedRating } from './reference-lookup-repo';
import { readServiceAreas } from './settings-repo';
import type { StaffSessions } from './staff/staff-session';

export function referenceLookupHandlers(ctx: BackendContext, sessions: StaffSessions): Pick<Handlers, 'findRatingByReference'> {
  return {
    findRatingByReference: ({ referenceCode }) => {
      const { role } = sessions.current();
      const matches: string[] = [];
      for (const ratingId of ratingIdsWithReasonAnswers(ctx.db)) if (referenceCodeOf(ratingId) === referenceCode) matches.push(ratingId);
      ctx.log.info({ role, referenceCode, found: matches.length }, 'reference code looked up');
      if (matches.length === 0) throw new KioskFailure('REFERENCE_NOT_FOUND', referenceCode);
      const areaNames = new Map(readServiceAreas(ctx.db).map((a) => [a.code, a.name]));
      const ratings = matches.map((id): RatingByReference => {
        const row = referencedRating(ctx.db, id);
        if (row === undefined) throw new Error(`reason answer without its rating ${id}`);
        return {
          ratingId: row.id,
          deviceId: row.device_id,
          createdAt: row.created_at,
          scale: scaleIdSchema.parse(row.scale),
          level: row.level,
          officerName: row.officer_name,
          serviceCode: row.service_code,
          serviceName: row.service_code === null ? null : (areaNames.get(row.service_code) ?? null),
          dossierCode: row.dossier_code,
          reasons: row.answer_reasons === null ? [] : (JSON.parse(row.answer_reasons) as { code: string; label: string }[]),
          flags: JSON.parse(row.flags) as string[],
        };
      });
      return { referenceCode, ratings };
    },
  };
}
