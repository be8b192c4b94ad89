// All SQL for `record_chain` (migration 012): the device's record chain (issue 11,
// shared/sync/chain.ts). `appendToChain` is the one writer: the rating and reason-answer repos
// call it inside the transaction that inserts the record, so a record and its chain row commit
// together or not at all. Rows are never updated or deleted (triggers refuse both).
import type { Database, Statement } from 'better-sqlite3';
import { GENESIS_LINK, type ChainRecordKind } from '../../shared/sync/chain';
import { recordLink } from '../../shared/node/record-chain';

/** A record's place in the chain, as the wire (format 2) carries it. */
export interface ChainFields {
  chainPosition: number;
  chainLink: string;
}

export interface ChainRow {
  position: number;
  kind: ChainRecordKind;
  record_id: string;
  link: string;
  migrated: 0 | 1;
}

/**
 * Chains `wireRecord` (its format-1 wire form) at the next position. Must run inside the
 * caller's write transaction (IMMEDIATE): the last row is read and extended under the lock.
 */
export function appendToChain(db: Database, kind: ChainRecordKind, wireRecord: { id: string }): ChainFields {
  const { last: lastRow, insert } = appendStatements(db);
  const last = lastRow.get() as { position: number; link: string } | undefined;
  const position = (last?.position ?? 0) + 1;
  const link = recordLink(last?.link ?? GENESIS_LINK, position, kind, wireRecord);
  insert.run(position, kind, wireRecord.id, link);
  return { chainPosition: position, chainLink: link };
}

interface AppendStatements {
  last: Statement<[]>;
  insert: Statement<[number, ChainRecordKind, string, string]>;
}

const preparedAppends = new WeakMap<Database, AppendStatements>();

/** Prepared once per open database (as outbox-repo.ts's): every tap appends. */
function appendStatements(db: Database): AppendStatements {
  let statements = preparedAppends.get(db);
  if (statements === undefined) {
    statements = {
      last: db.prepare('SELECT position, link FROM record_chain ORDER BY position DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO record_chain (position, kind, record_id, link, migrated) VALUES (?, ?, ?, ?, 0)'),
    };
    preparedAppends.set(db, statements);
  }
  return statements;
}

export interface ChainHeadState {
  /** The last position (0 while nothing is chained) and its link (GENESIS_LINK then). */
  position: number;
  link: string;
  /** The last position chained by migration 012 (records stored before the chain), or null. */
  migratedThrough: number | null;
  migratedLink: string | null;
}

export function chainHeadState(db: Database): ChainHeadState {
  const last = db.prepare('SELECT position, link FROM record_chain ORDER BY position DESC LIMIT 1').get() as { position: number; link: string } | undefined;
  const migrated = db.prepare('SELECT position, link FROM record_chain WHERE migrated = 1 ORDER BY position DESC LIMIT 1').get() as
    | { position: number; link: string }
    | undefined;
  return {
    position: last?.position ?? 0,
    link: last?.link ?? GENESIS_LINK,
    migratedThrough: migrated?.position ?? null,
    migratedLink: migrated?.link ?? null,
  };
}

/** The chain fields of each id that has a chain row (ids without one are left out). */
export function chainFieldsFor(db: Database, ids: readonly string[]): Map<string, ChainFields> {
  const rows = db
    .prepare('SELECT c.record_id, c.position, c.link FROM json_each(?) j JOIN record_chain c ON c.record_id = j.value')
    .all(JSON.stringify(ids)) as { record_id: string; position: number; link: string }[];
  return new Map(rows.map((r) => [r.record_id, { chainPosition: r.position, chainLink: r.link }]));
}
