// A press held still for `holdMs` (3 s): the staff's discreet way in. A tap, a short press, a
// double tap, a second finger or a finger sliding away all cancel it, so a citizen or a child
// pressing the office name does not open the staff area by chance.
import { useCallback, useEffect, useRef, useState, type MouseEvent, type PointerEvent } from 'react';

export const HOLD_MS = 3_000;
/** The ring appears only after this long: invisible to a citizen's tap, visible to staff. */
export const RING_AFTER_MS = 1_000;
/** A finger drifts a little while held; more than this is a swipe, not a hold. */
const MOVE_TOLERANCE_PX = 24;

interface Hold {
  pointerId: number;
  x: number;
  y: number;
  timers: ReturnType<typeof setTimeout>[];
}

export function useHoldPress(onHeld: () => void, holdMs = HOLD_MS) {
  const hold = useRef<Hold | null>(null);
  const [ringVisible, setRingVisible] = useState(false);

  const cancel = useCallback(() => {
    hold.current?.timers.forEach(clearTimeout);
    hold.current = null;
    setRingVisible(false);
  }, []);

  useEffect(() => cancel, [cancel]);

  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    if (hold.current !== null) {
      // A second finger (or a palm): not a deliberate hold.
      cancel();
      return;
    }
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    hold.current = {
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      timers: [
        setTimeout(() => setRingVisible(true), Math.min(RING_AFTER_MS, holdMs)),
        setTimeout(() => {
          cancel();
          onHeld();
        }, holdMs),
      ],
    };
  };

  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const current = hold.current;
    if (current === null || event.pointerId !== current.pointerId) return;
    // jsdom and some drivers send moves without coordinates; only a real displacement cancels.
    if (!Number.isFinite(event.clientX) || !Number.isFinite(event.clientY)) return;
    if (Math.hypot(event.clientX - current.x, event.clientY - current.y) > MOVE_TOLERANCE_PX) cancel();
  };

  const onPointerEnd = (event: PointerEvent<HTMLElement>) => {
    if (hold.current !== null && event.pointerId === hold.current.pointerId) cancel();
  };

  return {
    ringVisible,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: onPointerEnd,
      onPointerCancel: onPointerEnd,
      onPointerLeave: onPointerEnd,
      // A long touch opens the context menu on some systems; the hold is ours.
      onContextMenu: (event: MouseEvent<HTMLElement>) => event.preventDefault(),
    },
  };
}
