// What covers the faces on the home screen (issue 15):
// - outside the opening hours, the "Ngoài giờ làm việc" screen, until the citizen presses its
//   smaller "Đánh giá" button (a rating then is stored and flagged `outside_hours`); it comes back
//   for the next citizen, when the hours change, and after the idle time;
// - within the hours, after the idle time with no touch, the attract screen, which the next touch
//   turns back into the faces.
import { useEffect, useState } from 'react';
import type { HomeScreen } from '../../../../shared/contract';
import type { OpeningState } from '../../../../shared/opening-hours-rule';
import { useIdle } from './use-idle';
import { useOpeningState } from './use-opening-state';

/**
 * Two minutes without a touch within the hours. A citizen who was just served walks to the kiosk
 * in seconds, and reads a three-face question in well under a minute; two quiet minutes mean
 * nobody is in front of it. Shorter would hide the faces from a citizen still at the counter
 * signing papers; much longer leaves the same bright faces lit on an always-on screen.
 */
export const ATTRACT_AFTER_SECONDS = 120;

export type HomeCover = { kind: 'outside-hours'; opening: OpeningState } | { kind: 'attract' } | null;

/** `home`: the home screen shown now (null while a tap is saved, thanked, or nothing is set up). */
export function useHomeCover(home: HomeScreen | null, citizen: number, attractAfterSeconds: number): { cover: HomeCover; reveal: () => void; wake: () => void } {
  const opening = useOpeningState(home?.openingHours ?? null, home?.timeZone ?? '');
  const open = opening?.open ?? true;
  const [revealed, setRevealed] = useState(false);
  const { idle, wake } = useIdle(attractAfterSeconds * 1000, home !== null);

  // A new citizen, or the hours just opened or closed: outside the hours the notice first again.
  useEffect(() => setRevealed(false), [citizen, open]);
  // Nobody rated after pressing "Đánh giá": the notice returns.
  useEffect(() => {
    if (idle && revealed) setRevealed(false);
  }, [idle, revealed]);

  let cover: HomeCover = null;
  if (home !== null && opening !== null) {
    if (!opening.open && !(revealed && !idle)) cover = { kind: 'outside-hours', opening };
    else if (opening.open && idle) cover = { kind: 'attract' };
  }
  return {
    cover,
    reveal: () => {
      setRevealed(true);
      wake();
    },
    wake,
  };
}
