// The rating scales used by Vietnamese one-stop sections (see DOMAIN.md). Level 1 is always
// the best; every stored rating records the scale it was given on, so levels are never
// compared across scales without the scale id.
// The levels themselves, without zod: the citizen screen draws them from the renderer's entry
// chunk, which carries no schema (scales.ts adds the schema and re-exports all of this).
export const scaleIds = ['vn-3', 'vn-4', 'vn-5'] as const;
export type ScaleId = (typeof scaleIds)[number];

/** The face drawn on a button: +1 broad smile … -1 deep frown. */
export type Mood = 1 | 0.5 | 0 | -0.5 | -1;

export interface RatingLevel {
  level: number;
  label: string;
  labelEn: string;
  mood: Mood;
  /** Counts towards the satisfaction rate (hài lòng or better). */
  satisfied: boolean;
  /** Button colours; every pair meets WCAG AA (≥ 4.5:1), checked by a test. */
  background: string;
  foreground: string;
}

const veryGood: Omit<RatingLevel, 'level'> = {
  label: 'Rất hài lòng', labelEn: 'Very satisfied', mood: 1, satisfied: true,
  background: '#1B5E20', foreground: '#FFFFFF',
};
const good: Omit<RatingLevel, 'level'> = {
  label: 'Hài lòng', labelEn: 'Satisfied', mood: 0.5, satisfied: true,
  background: '#9CCC65', foreground: '#112600',
};
const neutral: Omit<RatingLevel, 'level'> = {
  label: 'Bình thường', labelEn: 'Neutral', mood: 0, satisfied: false,
  background: '#FFD54F', foreground: '#3A2C00',
};
const bad: Omit<RatingLevel, 'level'> = {
  label: 'Không hài lòng', labelEn: 'Not satisfied', mood: -0.5, satisfied: false,
  background: '#C62828', foreground: '#FFFFFF',
};
const veryBad: Omit<RatingLevel, 'level'> = {
  label: 'Rất không hài lòng', labelEn: 'Very dissatisfied', mood: -1, satisfied: false,
  background: '#6D0F0F', foreground: '#FFFFFF',
};

function numbered(levels: Omit<RatingLevel, 'level'>[]): readonly RatingLevel[] {
  return levels.map((l, i) => ({ ...l, level: i + 1 }));
}

export const scales: Record<ScaleId, readonly RatingLevel[]> = {
  'vn-3': numbered([veryGood, good, bad]),
  'vn-4': numbered([veryGood, good, neutral, bad]),
  'vn-5': numbered([veryGood, good, neutral, bad, veryBad]),
};

/** Below "hài lòng" (neutral included) the citizen is asked why, when reasons are set up. */
export function asksForReasons(scale: ScaleId, level: number): boolean {
  return scales[scale].some((l) => l.level === level && !l.satisfied);
}

export function isLevelOnScale(scale: ScaleId, level: number): boolean {
  return scales[scale].some((l) => l.level === level);
}
