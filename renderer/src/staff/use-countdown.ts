import { useEffect, useState } from 'react';

/** Whole seconds left until `until` (an ISO instant), ticking every second; 0 once past or null. */
export function useSecondsUntil(until: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return undefined;
    const interval = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(interval);
  }, [until]);
  if (until === null) return 0;
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 1_000));
}

/** "4 phút 05 giây", "45 giây". */
export function formatWait(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} phút ${String(rest).padStart(2, '0')} giây` : `${rest} giây`;
}
