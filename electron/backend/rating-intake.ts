// The citizen's tap: one rating, committed before the screen may say thank you.
import type { EmitEvent, Handlers, StoredRating } from '../../shared/contract';
import { toLocalDay, toLocalIso } from '../../shared/local-time';
import { isOpenAt } from '../../shared/opening-hours-rule';
import { asksForReasons, isLevelOnScale } from '../../shared/scales';
import type { BackendContext } from './backend-context';
import { KioskFailure } from './dispatch';
import { referenceCodeOf } from '../../shared/node/reference-code';
import { acceptDossierCode } from './dossier-codes';
import { findReasonAnswerFor, insertChainedReasonAnswer } from './reason-answers-repo';
import type { TapJournal } from './storage/tap-journal';
import type { RatingFlag } from '../../shared/rating-flags';
import { findRating, insertChainedRating, latestRatingId, recentRatings, type RatingRow } from './ratings-repo';
import { readKioskSettings } from './settings-repo';
import { endShiftFromEarlierDay } from './shifts/end-of-day';
import { findOpenShift } from './shifts/shifts-repo';

/** Tolerance before a rating is flagged as given while the clock ran backwards. */
const CLOCK_BACKWARDS_TOLERANCE_MS = 1000;
/** Timer and request jitter allowed below the thank-you time before a rating is flagged `cooldown`. */
export const COOLDOWN_TOLERANCE_MS = 100;
export const BURST_WINDOW_MS = 60_000;

/**
 * "Between ratings", for the cool-down and burst rules (see DECISIONS.md, issue 10):
 * - ratings follow each other in seq order, never in wall-clock order;
 * - within one run (boot) the time between them is read on the monotonic clock, which a clock
 *   set back or forward does not move: setting the clock back does not make later taps look
 *   like a burst, and setting it forward does not let a stuffer through;
 * - a rating of an earlier run is placed on this run's clock by the wall clock once, at start
 *   (its created_at against the wall clock when this run began). If it lies after that start
 *   the clock was set back across the restart: the time since it is unknown, and it and every
 *   older rating are left out (an unknown interval breaks the chain; never flagged for it).
 */
export function createTapTimeline(ctx: Pick<BackendContext, 'now' | 'bootId'>, monotonicNow: () => number) {
  const bootWall = ctx.now().getTime();
  const bootMono = monotonicNow();
  /** This run's ratings: seq → monotonic reading at the tap. Only the newest few are kept. */
  const thisRun = new Map<number, number>();

  return {
    monotonicNow,
    /** Positions of the previous ratings (newest first) on this run's clock, until one is unknown. */
    positions(previous: readonly Pick<RatingRow, 'seq' | 'created_at' | 'boot_id'>[], monoNow: number, wallNow: number): number[] {
      const out: number[] = [];
      let bound = Number.POSITIVE_INFINITY;
      for (const r of previous) {
        const wall = Date.parse(r.created_at);
        let at = r.boot_id === ctx.bootId ? thisRun.get(r.seq) : undefined;
        if (at === undefined && r.boot_id === ctx.bootId) at = monoNow - (wallNow - wall); // not tapped through here (a tool)
        if (at === undefined) {
          if (wall > bootWall + CLOCK_BACKWARDS_TOLERANCE_MS) break;
          at = bootMono - (bootWall - wall);
        }
        // An older rating placed after a newer one: the wall clock moved between them.
        if (at > bound) break;
        out.push(at);
        bound = at;
      }
      return out;
    },
    stored(seq: number, mono: number): void {
      thisRun.set(seq, mono);
      for (const old of thisRun.keys()) {
        if (thisRun.size <= 64) break;
        thisRun.delete(old);
      }
    },
  };
}
export type TapTimeline = ReturnType<typeof createTapTimeline>;

/** The misuse flags of a tap at `monoNow`, from the previous ratings' positions (newest first). */
export function misuseFlagsFor(positions: readonly number[], monoNow: number, rules: { thankYouSeconds: number; burstMaxPerMinute: number }): RatingFlag[] {
  const flags: RatingFlag[] = [];
  // A negative interval only comes from an injected clock that went back: unknown, not flagged.
  const within = (at: number | undefined, ms: number) => at !== undefined && monoNow >= at && monoNow - at < ms;
  if (within(positions[0], rules.thankYouSeconds * 1000 - COOLDOWN_TOLERANCE_MS)) flags.push('cooldown');
  // This tap and the burstMaxPerMinute before it, all within one minute: one too many.
  if (within(positions[rules.burstMaxPerMinute - 1], BURST_WINDOW_MS)) flags.push('burst');
  return flags;
}

export interface IntakeHooks {
  /** The sync engine's nudge. */
  ratingStored?: () => void;
  /** ratingStored (dashboards refresh) and shiftChanged (a shift ended at midnight). */
  emit?: EmitEvent;
  /**
   * Throws KioskFailure(STORAGE_FAILED) when the storage can no longer keep what it commits (the
   * -wal file is gone: storage/wal-watch.ts). Asked before the write and again before the
   * acknowledgement: a citizen is never thanked for a rating that cannot survive a power cut.
   */
  storageIntact?: () => void;
}

/**
 * The hooks run after the commit: they must never be able to undo or delay the rating.
 * `journal` is not a hook: the record is appended (fsynced) after the commit and before the
 * reply, and a failed append fails the tap like a failed commit (DECISIONS.md, tap journal).
 */
export function ratingIntakeHandlers(
  ctx: BackendContext,
  hooks: IntakeHooks = {},
  monotonicNow: () => number = () => performance.now(),
  journal?: Pick<TapJournal, 'append'>,
): Pick<Handlers, 'submitRating' | 'submitReasons'> {
  const timeline = createTapTimeline(ctx, monotonicNow);
  return {
    submitRating: ({ scale, level, dossierCode }) => {
      const settings = readKioskSettings(ctx.db);
      // The screen may have been drawn before the scale changed; refuse rather than guess.
      if (scale !== settings.scaleId || !isLevelOnScale(scale, level)) throw new KioskFailure('SCALE_MISMATCH');
      hooks.storageIntact?.();
      const at = ctx.now();
      const mono = timeline.monotonicNow();
      const localDay = toLocalDay(at, settings.timeZone);
      let stored: StoredRating;
      let shiftEnded: boolean;
      try {
        // Credited to the officer on duty, read under the same write lock as the insert: a
        // shift that starts or ends at the same moment is either wholly before or after it.
        const written = ctx.db.transaction(() => {
          const ended = endShiftFromEarlierDay(ctx.db, at, settings.timeZone);
          const shift = findOpenShift(ctx.db);
          // Never refused, never delayed: a tap the screen could not have sent is stored and flagged.
          const recent = recentRatings(ctx.db, ctx.deviceId, Math.max(1, settings.burstMaxPerMinute));
          const flags: RatingFlag[] = misuseFlagsFor(timeline.positions(recent, mono, at.getTime()), mono, settings);
          // Inside the write lock: a second tap for the same dossier waits, then sees the first.
          const dossier = acceptDossierCode(ctx.db, settings, dossierCode);
          const previous = recent[0]?.created_at;
          if (previous !== undefined && at.getTime() < Date.parse(previous) - CLOCK_BACKWARDS_TOLERANCE_MS) flags.push('clock_went_backwards');
          // The tap's own time against the hours in force now (not the screen's idea of them).
          if (!isOpenAt(settings.openingHours, at, settings.timeZone)) flags.push('outside_hours');
          const inserted = insertChainedRating(ctx.db, {
            id: ctx.newRatingId(),
            device_id: ctx.deviceId,
            created_at: toLocalIso(at, settings.timeZone),
            local_day: localDay,
            scale,
            level,
            officer_id: shift?.officer_id ?? null,
            service_code: shift?.service_code ?? null,
            dossier_code: dossier,
            reasons: [],
            flags,
            app_version: ctx.appVersion,
            boot_id: ctx.bootId,
          });
          return { ...inserted, ended };
        }).immediate();
        journal?.append('rating', { ...written.wire, ...written.chain });
        stored = { id: written.row.id, seq: written.row.seq, createdAt: written.row.created_at };
        timeline.stored(stored.seq, mono);
        shiftEnded = written.ended;
      } catch (error) {
        if (error instanceof KioskFailure && error.code.startsWith('DOSSIER_')) throw error; // refused, nothing written
        ctx.log.error({ err: error, scale, ratingLevel: level }, 'rating could not be stored');
        throw new KioskFailure('STORAGE_FAILED');
      }
      hooks.storageIntact?.();
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
      const answer = ctx.db
        .transaction(() => {
          const rating = findRating(ctx.db, ratingId);
          // Only the newest rating, and only a negative one: an answer can never be attached to
          // a rating another citizen gave, or to an old one, through this method.
          if (rating === undefined || !asksForReasons(rating.scale, rating.level) || latestRatingId(ctx.db, ctx.deviceId) !== ratingId) {
            throw new KioskFailure('REASONS_NOT_ASKED', ratingId);
          }
          if (findReasonAnswerFor(ctx.db, ratingId) !== undefined) throw new KioskFailure('REASONS_ALREADY_GIVEN', ratingId);
          return insertChainedReasonAnswer(ctx.db, {
            id,
            ratingId,
            deviceId: ctx.deviceId,
            createdAt: toLocalIso(ctx.now(), settings.timeZone),
            reasons: chosen.filter((r) => r !== undefined),
          });
        })
        .immediate();
      if (journal !== undefined) {
        try {
          journal.append('reason-answer', { ...answer.wire, ...answer.chain });
        } catch (error) {
          ctx.log.error({ err: error, ratingId }, 'reasons could not be journaled');
          throw new KioskFailure('STORAGE_FAILED');
        }
      }
      try {
        hooks.ratingStored?.();
      } catch (error) {
        ctx.log.error({ err: error }, 'after-store hook failed; the reasons are stored');
      }
      // Only after the answer is stored: a code is never shown for reasons that were not kept.
      return { id, referenceCode: chosen.some((r) => r?.reportPath === true) ? referenceCodeOf(ratingId) : null };
    },
  };
}
