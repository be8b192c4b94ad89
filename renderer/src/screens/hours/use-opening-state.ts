// The citizen screen's view of the opening hours: the one rule (shared/opening-hours-rule.ts)
// evaluated now, and again by one timer at the next change (the screen switches by itself at
// 11:30 and 13:00, without polling). The same timer never waits more than a minute: a clock set
// forward or back (a drifting PC corrected, IT fixing the date) is noticed within a minute.
import { useEffect, useMemo, useState } from 'react';
import { openingStateAt, type OpeningHours, type OpeningState } from '../../../../shared/opening-hours-rule';

export const RECHECK_MS = 60_000;

export function useOpeningState(hours: OpeningHours | null, timeZone: string): OpeningState | null {
  const [now, setNow] = useState(() => Date.now());
  const state = useMemo(() => (hours === null ? null : openingStateAt(hours, new Date(now), timeZone)), [hours, timeZone, now]);
  useEffect(() => {
    if (state === null) return undefined;
    const untilChange = state.nextChange === null ? RECHECK_MS : state.nextChange.getTime() - Date.now();
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, Math.min(untilChange, RECHECK_MS)));
    return () => clearTimeout(timer);
  }, [state]);
  return state;
}
