// Listens for a scanner's burst on the whole page while `enabled` (the citizen screen's home),
// before any control sees the keys (capture phase). A finished scan goes to `onScan`.
import { useEffect, useRef } from 'react';
import { createScanDetector } from './scan-detector';

export function useScanner(enabled: boolean, onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  }, [onScan]);
  useEffect(() => {
    if (!enabled) return undefined;
    const detector = createScanDetector();
    const onKey = (event: KeyboardEvent) => {
      // event.timeStamp: when the key arrived, not when a busy page got round to it.
      const step = detector.key(event.key, event.timeStamp, { repeat: event.repeat, modified: event.ctrlKey || event.altKey || event.metaKey });
      if (step.kind === 'pass') return;
      event.preventDefault();
      event.stopPropagation();
      if (step.kind === 'scan') latest.current(step.code);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [enabled]);
}
