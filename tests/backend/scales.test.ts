import { describe, expect, it } from 'vitest';
import { scales } from '../../shared/scales';

/** WCAG 2.x contrast ratio between two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('rating scales', () => {
  it('ship vn-3, vn-4 and vn-5 with the national labels, best first', () => {
    expect(scales['vn-3'].map((l) => l.label)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng']);
    expect(scales['vn-4'].map((l) => l.label)).toEqual(['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng']);
    expect(scales['vn-5'].map((l) => l.label)).toEqual(['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng']);
    for (const levels of Object.values(scales)) expect(levels.map((l) => l.level)).toEqual(levels.map((_, i) => i + 1));
  });

  it('count only hài lòng and better as satisfied', () => {
    for (const levels of Object.values(scales)) expect(levels.filter((l) => l.satisfied).map((l) => l.level)).toEqual([1, 2]);
  });

  it('meet WCAG AA contrast (4.5:1) for every button', () => {
    expect(contrast('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    for (const levels of Object.values(scales)) {
      for (const l of levels) expect(contrast(l.background, l.foreground), l.label).toBeGreaterThanOrEqual(4.5);
    }
  });
});
