// The staff area closes itself after 2 minutes without a touch or a key, and keeps the
// backend's session alive while someone is using it (the backend expires a session after
// 2 minutes without a call). Every pointer or key event anywhere in the document counts.
import { useEffect, useRef } from 'react';

export const STAFF_IDLE_MS = 120_000;
/** How often, at most, the session is touched while in use: well inside the backend's 2 minutes. */
export const KEEP_ALIVE_MS = 30_000;

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

export function useStaffActivity({
  onIdle,
  keepAlive,
  idleMs = STAFF_IDLE_MS,
}: {
  onIdle: () => void;
  /** Called every KEEP_ALIVE_MS if there was activity since the last call; null: no session yet. */
  keepAlive: (() => void) | null;
  idleMs?: number;
}): void {
  const lastActivity = useRef(0);
  const lastKeepAlive = useRef(0);
  const latest = useRef({ onIdle, keepAlive });
  useEffect(() => {
    latest.current = { onIdle, keepAlive };
  });

  // Idle: one timeout; each time it fires it either closes or re-arms for the time remaining.
  useEffect(() => {
    lastActivity.current = Date.now();
    lastKeepAlive.current = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const idleFor = Date.now() - lastActivity.current;
      if (idleFor >= idleMs) latest.current.onIdle();
      else timer = setTimeout(check, idleMs - idleFor);
    };
    timer = setTimeout(check, idleMs);
    const touch = () => {
      lastActivity.current = Date.now();
    };
    activityEvents.forEach((name) => document.addEventListener(name, touch, { capture: true, passive: true }));
    return () => {
      clearTimeout(timer);
      activityEvents.forEach((name) => document.removeEventListener(name, touch, { capture: true }));
    };
  }, [idleMs]);

  useEffect(() => {
    const interval = setInterval(() => {
      const { keepAlive: ping } = latest.current;
      if (ping === null || lastActivity.current <= lastKeepAlive.current) return;
      lastKeepAlive.current = Date.now();
      ping();
    }, KEEP_ALIVE_MS);
    return () => clearInterval(interval);
  }, []);
}
