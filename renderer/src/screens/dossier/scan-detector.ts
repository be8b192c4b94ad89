// A barcode/QR scanner at the counter is a keyboard that types very fast: a dossier code's
// characters a few milliseconds apart, then Enter. A person typing on a keyboard is far slower
// (well over 50 ms between keys), so a burst of at least SCAN_MIN_LENGTH characters, each within
// SCAN_MAX_GAP_MS of the one before, ended by Enter just as fast, is a scan; anything else is not.
// Pure and clock-free (the caller passes each key's time), so tests drive it with exact gaps.

export const SCAN_MAX_GAP_MS = 50;
export const SCAN_MIN_LENGTH = 4;
/** Longer than any code the rule accepts: a stuck key or a flood is cut off, never stored. */
const SCAN_MAX_LENGTH = 200;

/** What to do with a key: `swallow` it (it must not reach a focused control), `pass` it, or a finished `scan`. */
export type ScanStep = { kind: 'swallow' } | { kind: 'pass' } | { kind: 'scan'; code: string };

export function createScanDetector() {
  let buffer = '';
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => {
    buffer = '';
    last = Number.NEGATIVE_INFINITY;
  };
  return {
    /** One keydown: its `key`, its time in ms, and whether it is an auto-repeat or carries Ctrl/Alt/Meta. */
    key(key: string, at: number, extra: { repeat?: boolean; modified?: boolean } = {}): ScanStep {
      if (extra.modified === true) {
        reset();
        return { kind: 'pass' };
      }
      const fast = at - last <= SCAN_MAX_GAP_MS;
      if (key === 'Enter') {
        const code = buffer;
        const scanned = fast && code.length >= SCAN_MIN_LENGTH && code.length <= SCAN_MAX_LENGTH;
        reset();
        // A scan's Enter must not also press the face that has the focus.
        return scanned ? { kind: 'scan', code } : { kind: 'pass' };
      }
      if (key.length !== 1) return { kind: 'pass' }; // Shift before a capital, arrows, Tab: not characters
      if (extra.repeat === true) {
        reset(); // a held key repeats fast: not a scanner
        return { kind: 'swallow' };
      }
      // Space keeps its meaning (pressing the focused button) unless it is inside a fast burst.
      if (key === ' ' && !(fast && buffer.length > 0)) {
        reset();
        return { kind: 'pass' };
      }
      buffer = fast ? buffer + key : key;
      if (buffer.length > SCAN_MAX_LENGTH) buffer = buffer.slice(0, SCAN_MAX_LENGTH + 1);
      last = at;
      // Typed characters never reach the page's controls: the citizen screen has no text field.
      return { kind: 'swallow' };
    },
  };
}
