// The citizen's tap: one rating, committed before the screen may say thank you.
import type { Handlers, StoredRating } from '../../shared/contract';
import { toLocalDay, toLocalIso } from '../../shared/local-time';
import { isLevelOnScale } from '../../shared/scales';
import type { BackendContext } from './backend-context';
import { KioskFailure } from './dispatch';
import { insertRating, latestCreatedAt } from './ratings-repo';
import { readKioskSettings } from './settings-repo';

/** Tolerance before a rating is flagged as given while the clock ran backwards. */
const CLOCK_BACKWARDS_TOLERANCE_MS = 1000;

/** `ratingStored` runs after the commit: it must never be able to undo or delay the rating. */
export function ratingIntakeHandlers(ctx: BackendContext, ratingStored: () => void = () => {}): Pick<Handlers, 'submitRating'> {
  return {
    submitRating: ({ scale, level }) => {
      const settings = readKioskSettings(ctx.db);
      // The screen may have been drawn before the scale changed; refuse rather than guess.
      if (scale !== settings.scaleId || !isLevelOnScale(scale, level)) throw new KioskFailure('SCALE_MISMATCH');
      const at = ctx.now();
      let stored: StoredRating;
      try {
        const previous = latestCreatedAt(ctx.db, ctx.deviceId);
        const flags =
          previous !== undefined && at.getTime() < Date.parse(previous) - CLOCK_BACKWARDS_TOLERANCE_MS
            ? ['clock_went_backwards']
            : [];
        const row = insertRating(ctx.db, {
          id: ctx.newRatingId(),
          device_id: ctx.deviceId,
          created_at: toLocalIso(at, settings.timeZone),
          local_day: toLocalDay(at, settings.timeZone),
          scale,
          level,
          officer_id: null,
          service_code: null,
          dossier_code: null,
          reasons: [],
          flags,
          app_version: ctx.appVersion,
          boot_id: ctx.bootId,
        });
        stored = { id: row.id, seq: row.seq, createdAt: row.created_at };
      } catch (error) {
        ctx.log.error({ err: error, scale, ratingLevel: level }, 'rating could not be stored');
        throw new KioskFailure('STORAGE_FAILED');
      }
      try {
        ratingStored();
      } catch (error) {
        ctx.log.error({ err: error }, 'after-store hook failed; the rating is stored');
      }
      return stored;
    },
  };
}
