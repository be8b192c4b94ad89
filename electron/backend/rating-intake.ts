// The citizen's tap: one rating, committed before the screen may say thank you.
import type { EmitEvent, Handlers, StoredRating } from '../../shared/contract';
import { toLocalDay, toLocalIso } from '../../shared/local-time';
import { asksForReasons, isLevelOnScale } from '../../shared/scales';
import type { BackendContext } from './backend-context';
import { KioskFailure } from './dispatch';
import { findReasonAnswerFor, insertReasonAnswer } from './reason-answers-repo';
import { findRating, insertRating, latestCreatedAt, latestRatingId } from './ratings-repo';
import { readKioskSettings } from './settings-repo';
import { endShiftFromEarlierDay } from './shifts/end-of-day';
import { findOpenShift } from './shifts/shifts-repo';

/** Tolerance before a rating is flagged as given while the clock ran backwards. */
const CLOCK_BACKWARDS_TOLERANCE_MS = 1000;

export interface IntakeHooks {
  /** The sync engine's nudge. */
  ratingStored?: () => void;
  /** ratingStored (dashboards refresh) and shiftChanged (a shift ended at midnight). */
  emit?: EmitEvent;
}

/** The hooks run after the commit: they must never be able to undo or delay the rating. */
export function ratingIntakeHandlers(ctx: BackendContext, hooks: IntakeHooks = {}): Pick<Handlers, 'submitRating' | 'submitReasons'> {
  return {
    submitRating: ({ scale, level }) => {
      const settings = readKioskSettings(ctx.db);
      // The screen may have been drawn before the scale changed; refuse rather than guess.
      if (scale !== settings.scaleId || !isLevelOnScale(scale, level)) throw new KioskFailure('SCALE_MISMATCH');
      const at = ctx.now();
      const localDay = toLocalDay(at, settings.timeZone);
      let stored: StoredRating;
      let shiftEnded: boolean;
      try {
        // Credited to the officer on duty, read under the same write lock as the insert: a
        // shift that starts or ends at the same moment is either wholly before or after it.
        const written = ctx.db.transaction(() => {
          const ended = endShiftFromEarlierDay(ctx.db, at, settings.timeZone);
          const shift = findOpenShift(ctx.db);
          const previous = latestCreatedAt(ctx.db, ctx.deviceId);
          const flags =
            previous !== undefined && at.getTime() < Date.parse(previous) - CLOCK_BACKWARDS_TOLERANCE_MS
              ? ['clock_went_backwards']
              : [];
          const row = insertRating(ctx.db, {
            id: ctx.newRatingId(),
            device_id: ctx.deviceId,
            created_at: toLocalIso(at, settings.timeZone),
            local_day: localDay,
            scale,
            level,
            officer_id: shift?.officer_id ?? null,
            service_code: shift?.service_code ?? null,
            dossier_code: null,
            reasons: [],
            flags,
            app_version: ctx.appVersion,
            boot_id: ctx.bootId,
          });
          return { row, ended };
        }).immediate();
        stored = { id: written.row.id, seq: written.row.seq, createdAt: written.row.created_at };
        shiftEnded = written.ended;
      } catch (error) {
        ctx.log.error({ err: error, scale, ratingLevel: level }, 'rating could not be stored');
        throw new KioskFailure('STORAGE_FAILED');
      }
      const afterCommit = [
        () => hooks.ratingStored?.(),
        () => hooks.emit?.('ratingStored', { seq: stored.seq, localDay }),
        () => shiftEnded && hooks.emit?.('shiftChanged', {}),
      ];
      for (const hook of afterCommit) {
        try {
          hook();
        } catch (error) {
          ctx.log.error({ err: error }, 'after-store hook failed; the rating is stored');
        }
      }
      return stored;
    },

    submitReasons: ({ ratingId, reasonCodes }) => {
      const settings = readKioskSettings(ctx.db);
      const byCode = new Map(settings.reasons.map((r) => [r.code, r]));
      const chosen = [...new Set(reasonCodes)].map((code) => byCode.get(code));
      if (chosen.some((r) => r === undefined)) throw new KioskFailure('REASON_UNKNOWN', reasonCodes.join(', '));
      const id = ctx.newRatingId();
      ctx.db
        .transaction(() => {
          const rating = findRating(ctx.db, ratingId);
          // Only the newest rating, and only a negative one: an answer can never be attached to
          // a rating another citizen gave, or to an old one, through this method.
          if (rating === undefined || !asksForReasons(rating.scale, rating.level) || latestRatingId(ctx.db, ctx.deviceId) !== ratingId) {
            throw new KioskFailure('REASONS_NOT_ASKED', ratingId);
          }
          if (findReasonAnswerFor(ctx.db, ratingId) !== undefined) throw new KioskFailure('REASONS_ALREADY_GIVEN', ratingId);
          insertReasonAnswer(ctx.db, {
            id,
            ratingId,
            deviceId: ctx.deviceId,
            createdAt: toLocalIso(ctx.now(), settings.timeZone),
            reasons: chosen.filter((r) => r !== undefined),
          });
        })
        .immediate();
      try {
        hooks.ratingStored?.();
      } catch (error) {
        ctx.log.error({ err: error }, 'after-store hook failed; the reasons are stored');
      }
      return { id };
    },
  };
}
