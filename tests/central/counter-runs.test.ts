// Issue 17: runs of "Không hài lòng" by the ratings' own times (central/alerts/counter-runs.ts),
// the rule the alert episodes follow: N within M minutes, inclusive; a run goes on while the
// condition holds without a break; the order ratings arrive in does not matter.
import { describe, expect, it } from 'vitest';
import { counterRuns, localDayAt, offsetMinutesOf } from '../../central/alerts/counter-runs';

const at = (hhmm: string) => {
  const createdAt = `2026-11-23T${hhmm}:00.000+07:00`;
  return { ms: Date.parse(createdAt), createdAt };
};
const spans = (times: string[], count: number, minutes: number) =>
  counterRuns(times.map(at), count, minutes).map((r) => ({ reachedAt: r.reachedAt.slice(11, 16), count: r.count, to: new Date(r.toMs + 7 * 3_600_000).toISOString().slice(11, 16) }));

describe('counter runs', () => {
  it('N within exactly M minutes is a run; one minute more is not', () => {
    expect(spans(['08:00', '08:15', '08:30'], 3, 30)).toEqual([{ reachedAt: '08:30', count: 3, to: '08:30' }]);
    expect(spans(['08:00', '08:15', '08:31'], 3, 30)).toEqual([]);
  });

  it('a run goes on while windows keep it true, and a later one after a break is another', () => {
    expect(spans(['08:00', '08:05', '08:10', '08:20', '08:34', '10:00', '10:01', '10:02'], 3, 30)).toEqual([
      { reachedAt: '08:10', count: 5, to: '08:40' },
      { reachedAt: '10:02', count: 3, to: '10:30' },
    ]);
    // From 08:35 to 08:36 fewer than three lie in the last 30 minutes: a break, so 08:36 starts another.
    expect(spans(['08:00', '08:05', '08:10', '08:20', '08:36'], 3, 30).map((r) => r.reachedAt)).toEqual(['08:10', '08:36']);
  });

  it('the order of arrival does not matter (a late USB file)', () => {
    expect(spans(['10:02', '08:10', '10:00', '08:00', '10:01', '08:05'], 3, 30)).toEqual(spans(['08:00', '08:05', '08:10', '10:00', '10:01', '10:02'], 3, 30));
  });

  it('reads the local day at the rating\'s own offset', () => {
    expect(offsetMinutesOf('2026-11-23T00:10:00.000+07:00')).toBe(420);
    expect(offsetMinutesOf('2026-11-23T00:10:00.000Z')).toBe(0);
    expect(offsetMinutesOf('2026-11-23T00:10:00.000')).toBeNull();
    expect(localDayAt(Date.parse('2026-11-23T00:10:00.000+07:00') - 30 * 60_000, 420)).toBe('2026-11-22');
  });
});
