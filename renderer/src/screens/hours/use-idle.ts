// "Nobody has touched the screen for a while", for the attract screen. Any touch or key anywhere
// restarts the wait, except while idle: then only the attract screen's own click wakes the screen
// (`wake`), so the touch that wakes it can never land on a face underneath (no rating from it).
import { useCallback, useEffect, useRef, useState } from 'react';

export function useIdle(afterMs: number, active: boolean): { idle: boolean; wake: () => void } {
  const [idle, setIdle] = useState(false);
  const [touches, setTouches] = useState(0);
  const idleNow = useRef(false);
  idleNow.current = idle;

  useEffect(() => {
    if (!active) return undefined;
    const touched = () => {
      if (!idleNow.current) setTouches((n) => n + 1);
    };
    window.addEventListener('pointerdown', touched, true);
    window.addEventListener('keydown', touched, true);
    return () => {
      window.removeEventListener('pointerdown', touched, true);
      window.removeEventListener('keydown', touched, true);
    };
  }, [active]);

  useEffect(() => {
    if (!active) {
      setIdle(false);
      return undefined;
    }
    if (idle) return undefined;
    const timer = setTimeout(() => setIdle(true), afterMs);
    return () => clearTimeout(timer);
  }, [active, idle, afterMs, touches]);

  const wake = useCallback(() => {
    setIdle(false);
    setTouches((n) => n + 1);
  }, []);
  return { idle, wake };
}
