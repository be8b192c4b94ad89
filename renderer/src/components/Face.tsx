import type { Mood } from '../../../shared/scales';

/** A simple face whose mouth bends with the mood: readable at a glance, without words. */
export function Face({ mood, colour }: { mood: Mood; colour: string }) {
  const bend = mood * 16;
  const mouthY = 66 - bend / 4;
  return (
    <svg className="face" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="44" fill="none" stroke={colour} strokeWidth="6" />
      <circle cx="35" cy="40" r="6" fill={colour} />
      <circle cx="65" cy="40" r="6" fill={colour} />
      {mood === -1 && (
        <>
          <line x1="25" y1="24" x2="42" y2="30" stroke={colour} strokeWidth="5" strokeLinecap="round" />
          <line x1="75" y1="24" x2="58" y2="30" stroke={colour} strokeWidth="5" strokeLinecap="round" />
        </>
      )}
      <path
        d={`M 30 ${mouthY - bend / 2} Q 50 ${mouthY + bend} 70 ${mouthY - bend / 2}`}
        fill="none"
        stroke={colour}
        strokeWidth="6"
        strokeLinecap="round"
      />
    </svg>
  );
}
