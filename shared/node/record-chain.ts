// The record chain's hash (shared/sync/chain.ts says what is hashed), synchronous: the kiosk
// computes each link inside the insert transaction of its record (better-sqlite3 transactions
// cannot await), and central checks thousands of links per batch without a thread-pool hop.
import { createHash } from 'node:crypto';
import { chainedContent, chainLinkInput, type ChainRecordKind } from '../sync/chain';

/** link(position) = SHA-256 hex of `chainLinkInput(previous link, position, kind, content)`. */
export function chainLink(previousLink: string, position: number, kind: ChainRecordKind, content: string): string {
  return createHash('sha256').update(chainLinkInput(previousLink, position, kind, content), 'utf8').digest('hex');
}

/** The link of a wire record (its own chain fields left out of the content). */
export function recordLink(previousLink: string, position: number, kind: ChainRecordKind, record: object): string {
  return chainLink(previousLink, position, kind, chainedContent(record));
}
