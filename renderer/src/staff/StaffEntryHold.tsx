// The office emblem and name on the citizen screen; held for 3 seconds it opens the staff area.
// Not a button on purpose: a citizen sees the office name, nothing to press.
import type { PointerEvent, ReactNode } from 'react';
import { loadStaffArea } from './load-staff-area';
import { HOLD_MS, RING_AFTER_MS, useHoldPress } from './use-hold-press';

export function StaffEntryHold({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  const { ringVisible, handlers } = useHoldPress(onOpen);
  // A press may be the start of the hold: fetch the staff area's chunk meanwhile (3 s is plenty).
  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    loadStaffArea().catch(() => undefined); // a failure shows when the area opens
    handlers.onPointerDown(event);
  };
  return (
    <div className="staff-entry" data-testid="staff-entry" {...handlers} onPointerDown={onPointerDown}>
      <span className="office-emblem" aria-hidden="true">
        <svg viewBox="0 0 40 40" focusable="false">
          <circle cx="20" cy="20" r="18" fill="#c8102e" stroke="#ffd54f" strokeWidth="2" />
          <path d="M20 8.5l3.1 8.6h9.1l-7.4 5.4 2.8 8.7-7.6-5.4-7.6 5.4 2.8-8.7-7.4-5.4h9.1z" fill="#ffd54f" />
        </svg>
        {ringVisible && (
          <svg className="hold-ring" viewBox="0 0 48 48" focusable="false" data-testid="hold-ring">
            <circle
              className="hold-ring-fill"
              cx="24"
              cy="24"
              r="22"
              style={{ animationDuration: `${HOLD_MS - RING_AFTER_MS}ms` }}
            />
          </svg>
        )}
      </span>
      {children}
    </div>
  );
}
