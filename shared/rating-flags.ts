// The one list of flags a kiosk puts on a rating. A flag never removes a rating: every tap is
// stored. It only says how the rating is counted:
// - 'misuse': suspected misuse ("nghi ngờ"): left out of tallies and reports by default, counted
//   on its own, and included when staff switch "Tính cả đánh giá nghi ngờ" on;
// - 'info': information only (e.g. the clock ran backwards): counted like any rating.
// A flag not in this list (from a newer kiosk, or hand-made) is information only: a rating is
// never hidden for a reason this code cannot name. Flags travel to central unchanged
// (`shared/sync/wire.ts`: an open list of short strings, so a newer kiosk's flag never makes an
// older central refuse a batch).

export type RatingFlagKind = 'misuse' | 'info';

export const ratingFlags = {
  /** Set by hand or by a later rule: suspected misuse, no specific reason. */
  suspected_misuse: { kind: 'misuse', label: 'Nghi ngờ' },
  /** Sooner after the previous rating than the thank-you time: the screen cannot send it. */
  cooldown: { kind: 'misuse', label: 'Gửi sớm hơn thời gian lời cảm ơn' },
  /** More ratings within one minute than the kiosk's limit (`burstMaxPerMinute`). */
  burst: { kind: 'misuse', label: 'Quá nhiều đánh giá trong một phút' },
  /** The wall clock read earlier than at the previous rating (it was set back). */
  clock_went_backwards: { kind: 'info', label: 'Đồng hồ máy bị lùi' },
  /** Given outside the office's opening hours (`openingHours`): information, counted normally. */
  outside_hours: { kind: 'info', label: 'Ngoài giờ làm việc' },
} as const satisfies Record<string, { kind: RatingFlagKind; label: string }>;

export type RatingFlag = keyof typeof ratingFlags;

const known = (flag: string): flag is RatingFlag => Object.hasOwn(ratingFlags, flag);

/** Flags that exclude a rating from tallies by default. */
export const misuseFlags = (Object.keys(ratingFlags) as RatingFlag[]).filter((f) => ratingFlags[f].kind === 'misuse');

export const isMisuseFlag = (flag: string): boolean => known(flag) && ratingFlags[flag].kind === 'misuse';

/** The Vietnamese words for a rating's misuse flags, for reports ('' when there are none). */
export function misuseLabels(flags: readonly string[]): string {
  return flags
    .filter(isMisuseFlag)
    .map((f) => ratingFlags[f as RatingFlag].label)
    .join('; ');
}
