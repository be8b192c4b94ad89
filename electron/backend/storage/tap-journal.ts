// The tap journal (issue 12): every acknowledged rating and reason answer, also outside SQLite.
// better-sqlite3 has no recovery extension, and a zeroed header loses everything after the last
// snapshot; this append-only file is what a rebuild replays past the snapshot. Invariants:
//  - one JSON line per record: {"kind","record","sha256"}, `record` its format-2 wire form
//    (chainPosition and chainLink included), `sha256` the hex SHA-256 of canonicalJson(record);
//  - a line is written and fsynced by the tap AFTER the SQLite commit and BEFORE the reply: a
//    citizen is thanked only for a record held by both. A failed append fails the tap
//    (STORAGE_FAILED), and the next append goes to a new segment, never after torn bytes;
//  - reading skips a line that does not parse or fails its hash (a write torn by power loss);
//  - segments `journal/tap-<n>.jsonl` (0600 in a 0700 folder): a new one at every open, after
//    every verified snapshot and past `maxSegmentBytes`. A segment is deleted only when all its
//    positions are ≤ the newest verified snapshot's highest position, and never the newest such
//    segment nor the one being written: an uncovered record is never deleted, whatever its size.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson, chainLinkSchema, chainPositionSchema, chainRecordKinds, type ChainRecordKind } from '../../../shared/sync/chain';
import { ensurePrivateDir } from '../../../shared/node/file-modes';
import { fsyncPath } from './storage-files';
import { highestChainPosition, readDatabaseFile } from './storage-repo';

/** A segment rotates past this size (a busy counter writes ~1 MiB a day). */
export const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;

const SEGMENT = /^tap-(\d{8})\.jsonl$/;

/** A chained record in its format-2 wire form: the rating or answer fields plus its chain fields. */
export interface JournalRecord {
  id: string;
  chainPosition: number;
  chainLink: string;
  [field: string]: unknown;
}

export interface JournalEntry {
  kind: ChainRecordKind;
  record: JournalRecord;
}

const lineSchema = z.object({
  kind: z.enum(chainRecordKinds),
  record: z.looseObject({ id: z.string(), chainPosition: chainPositionSchema, chainLink: chainLinkSchema }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export function journalDir(dataDir: string): string {
  return join(dataDir, 'journal');
}

export interface TapJournal {
  /** Appends and fsyncs one record; throws when it cannot (the tap then fails). */
  append: (kind: ChainRecordKind, record: JournalRecord) => void;
  /** After a verified snapshot: a new segment, and covered segments pruned. Returns the removed files. */
  snapshotTaken: (snapshotPath: string) => string[];
  close: () => void;
}

export interface TapJournalOptions {
  maxSegmentBytes?: number;
}

export function openTapJournal(dataDir: string, options: TapJournalOptions = {}): TapJournal {
  const dir = journalDir(dataDir);
  const maxBytes = options.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES;
  let fd: number | undefined;
  let written = 0;

  const closeSegment = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already unusable: the next append opens a new segment
      }
    }
    fd = undefined;
  };
  const openSegment = (): number => {
    ensurePrivateDir(dir);
    const next = (segmentNumbers(dir).at(-1) ?? 0) + 1;
    const opened = openSync(join(dir, segmentName(next)), 'a', 0o600);
    fd = opened;
    written = 0;
    fsyncPath(dir);
    return opened;
  };

  return {
    append: (kind, record) => {
      const line = `${JSON.stringify({ kind, record, sha256: recordHash(record) })}\n`;
      try {
        const target = fd ?? openSegment();
        const bytes = Buffer.from(line, 'utf8');
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(target, bytes, offset, bytes.length - offset);
        fsyncSync(target);
        written += bytes.length;
      } catch (error) {
        // Never append after bytes that may be torn: the next record starts a new segment.
        closeSegment();
        throw error;
      }
      if (written >= maxBytes) closeSegment();
    },
    snapshotTaken: (snapshotPath) => {
      // Closed: the next record opens a new segment, and none is being written while pruning.
      closeSegment();
      const covered = highestPositionIn(snapshotPath);
      return covered === null ? [] : pruneJournal(dataDir, covered);
    },
    close: closeSegment,
  };
}

export function recordHash(record: object): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}

/** Every sound line of every segment, in segment and line order; `skipped` counts the others. */
export function readTapJournal(dataDir: string): { entries: JournalEntry[]; skipped: number } {
  const dir = journalDir(dataDir);
  const entries: JournalEntry[] = [];
  let skipped = 0;
  for (const n of segmentNumbers(dir)) {
    const segment = readSegment(join(dir, segmentName(n)));
    if (segment === null) continue;
    for (const entry of segment.entries) entries.push(entry);
    skipped += segment.skipped;
  }
  return { entries, skipped };
}

function parseLine(line: string): JournalEntry | null {
  try {
    const parsed = lineSchema.safeParse(JSON.parse(line));
    if (!parsed.success || recordHash(parsed.data.record) !== parsed.data.sha256) return null;
    return { kind: parsed.data.kind, record: parsed.data.record as JournalRecord };
  } catch {
    return null;
  }
}

/** The journal's record at the highest chain position (undefined: none). A database without it lost acknowledged records. */
export function newestJournalRecord(dataDir: string): JournalRecord | undefined {
  let newest: JournalRecord | undefined;
  for (const { record } of readTapJournal(dataDir).entries) if (newest === undefined || record.chainPosition > newest.chainPosition) newest = record;
  return newest;
}

/**
 * After a rebuild: the segments it read move into its quarantine folder (`journal/`), so what
 * it declared lost is not found "ahead" of the new database at the next start.
 */
export function retireJournal(dataDir: string, quarantineFolder: string): string[] {
  const dir = journalDir(dataDir);
  const names = segmentNumbers(dir).map(segmentName);
  if (names.length === 0) return [];
  const target = join(quarantineFolder, 'journal');
  ensurePrivateDir(target);
  for (const name of names) renameSync(join(dir, name), join(target, name));
  fsyncPath(target);
  fsyncPath(dir);
  return names;
}

/**
 * Deletes the segments whose every position is ≤ `coveredThrough`, except the newest of them
 * (kept as a spare: the previous snapshot may be the one a rebuild needs). Called with no
 * segment open (snapshotTaken closes it first).
 */
export function pruneJournal(dataDir: string, coveredThrough: number): string[] {
  const dir = journalDir(dataDir);
  const covered = segmentNumbers(dir)
    .map(segmentName)
    .filter((name) => {
      const segment = readSegment(join(dir, name));
      return segment !== null && segment.entries.every((e) => e.record.chainPosition <= coveredThrough);
    });
  const removed = covered.slice(0, -1);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  if (removed.length > 0) fsyncPath(dir);
  return removed;
}

/** One segment's sound lines, and how many others it has (torn or failing their hash); null when it cannot be read. */
function readSegment(path: string): { entries: JournalEntry[]; skipped: number } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const entries: JournalEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseLine(line);
    if (entry === null) skipped += 1;
    else entries.push(entry);
  }
  return { entries, skipped };
}

/** The highest chain position a (snapshot) database holds, or null when it cannot be read. */
export function highestPositionIn(path: string): number | null {
  try {
    return readDatabaseFile(path, highestChainPosition);
  } catch {
    return null;
  }
}

function segmentNumbers(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const match = SEGMENT.exec(name);
      return match === null ? [] : [Number(match[1])];
    })
    .sort((a, b) => a - b);
}

function segmentName(n: number): string {
  return `tap-${String(n).padStart(8, '0')}.jsonl`;
}
