// The wire schema refuses what no store could keep or no reader could trust.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SEQ, syncBatchSchema, type SyncBatch } from '../../shared/sync/wire';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'sync-protocol.md'), 'utf8');
const example = JSON.parse(/```json example=batch\n([\s\S]*?)```/.exec(doc)?.[1] ?? '{}') as SyncBatch;
const [first, second] = example.ratings;
if (first === undefined || second === undefined) throw new Error('the doc example has two ratings');

const issues = (batch: unknown) => syncBatchSchema.safeParse(batch).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('syncBatchSchema', () => {
  it('accepts the documented example', () => {
    expect(issues(example)).toEqual([]);
  });

  it('refuses a level that does not exist on the scale', () => {
    expect(issues({ ...example, ratings: [{ ...first, scale: 'vn-3', level: 5 }, second] })).toEqual(['ratings.0.level: level not on the scale']);
  });

  it('refuses a seq or an id repeated in one batch, and seqTo before seqFrom', () => {
    expect(issues({ ...example, ratings: [first, { ...second, seq: first.seq }] })).toEqual(['ratings.1.seq: seq repeated in batch']);
    expect(issues({ ...example, ratings: [first, { ...second, id: first.id }] })).toEqual(['ratings.1.id: id repeated in batch']);
    expect(issues({ ...example, seqFrom: 42, seqTo: 41 })).toContain('seqTo: seqTo before seqFrom');
  });

  it('refuses control characters and lone surrogates in text, keeps Vietnamese', () => {
    expect(issues({ ...example, ratings: [{ ...first, reasons: ['Thái độ\u0000'] }, second] })).toEqual([
      'ratings.0.reasons.0: chứa ký tự điều khiển hoặc UTF-16 không hợp lệ',
    ]);
    expect(issues({ ...example, ratings: [{ ...first, reasons: ['nửa \uD83D cặp'] }, second] })).toHaveLength(1);
    expect(issues({ ...example, ratings: [{ ...first, reasons: ['Thời gian chờ lâu 😞'] }, second] })).toEqual([]);
  });

  it('refuses a rating of another device', () => {
    expect(issues({ ...example, ratings: [{ ...first, deviceId: '00000000-0000-4000-8000-000000000000' }, second] })).toEqual([
      'ratings.0.deviceId: not the batch device',
    ]);
  });

  it('refuses a localDay that is not the date of createdAt in its own offset', () => {
    expect(issues({ ...example, ratings: [{ ...first, createdAt: '2026-11-24T00:30:00.000+07:00', localDay: '2026-11-24' }, second] })).toEqual([]);
    expect(issues({ ...example, ratings: [{ ...first, createdAt: '2026-11-23T02:15:02.123Z', localDay: '2026-11-23' }, second] })).toEqual([]);
    expect(issues({ ...example, ratings: [first, { ...second, createdAt: '2026-11-24T00:30:00.000+07:00', localDay: '2026-11-23' }] })).toEqual([
      'ratings.1.localDay: localDay is not the date of createdAt',
    ]);
  });

  it(`refuses a seq, seqFrom or seqTo over ${MAX_SEQ}`, () => {
    const at = (seq: number) => ({ ...example, seqFrom: seq, seqTo: seq, ratings: [{ ...first, seq }] });
    expect(issues(at(MAX_SEQ))).toEqual([]);
    expect(issues(at(MAX_SEQ + 1))).toEqual(expect.arrayContaining(['ratings.0.seq: Too big: expected number to be <=1000000000', 'seqFrom: Too big: expected number to be <=1000000000']));
  });
});
