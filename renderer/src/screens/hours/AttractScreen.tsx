// The attract screen (issue 15): within the opening hours, after a while with no touch, a calm
// invitation instead of the bright faces. An always-on screen showing the same image for hours
// risks burn-in (and is the brightest thing in a quiet hall): this one is dark, and its words move
// to another place once a minute (a jump, not an animation: nothing keeps repainting, and nobody
// who prefers reduced motion sees things slide). The whole screen is one button: any touch brings
// the faces back, and that touch never rates (the faces appear only after its click ended).
import { useEffect, useState } from 'react';
import type { Language } from '../../../../shared/citizen-options';
import { hoursText } from './hours-text';
import './hours.css';

/** Where the words stand, in turn (percent of the free space). */
const PLACES: readonly [number, number][] = [
  [0, 0],
  [-18, -20],
  [16, 14],
  [-14, 18],
  [18, -16],
];
export const ATTRACT_MOVE_MS = 60_000;

export function AttractScreen({ languages, onWake }: { languages: readonly Language[]; onWake: () => void }) {
  const [place, setPlace] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setPlace((p) => (p + 1) % PLACES.length), ATTRACT_MOVE_MS);
    return () => clearInterval(timer);
  }, []);
  const [x, y] = PLACES[place] ?? [0, 0];
  return (
    <main className="screen screen--attract">
      <button type="button" className="attract-surface" onClick={onWake} data-place={place}>
        <span className="attract-words" style={{ transform: `translate(${x}%, ${y}%)` }}>
          {languages.map((l) => (
            <span key={l} lang={l} className={l === 'vi' ? 'attract-line' : 'attract-line attract-line--second'}>
              <span className="attract-title">{hoursText[l].attractTitle}</span>
              <span className="attract-hint">{hoursText[l].attractHint}</span>
            </span>
          ))}
        </span>
      </button>
    </main>
  );
}
