// What opening the kiosk's storage can end in (issue 12). The open path
// (`storage/open-storage.ts`) turns every start-up fault into one of these; the backend and
// both hosts act on them, and never exit: a damaged database is rebuilt, and anything else is
// an outage that shows the one out-of-service notice and is retried until its cause goes away.
import type { Database } from 'better-sqlite3';
import type { NotCorruptReason } from './corruption';

/** What a rebuild found and did, for the diagnostics screen and the incident record. */
export interface RecoveryReport {
  /** The quarantine folder the damaged files were moved to. */
  quarantineDir: string;
  /** The snapshot the rebuild started from (null: none existed). */
  snapshot: string | null;
  /** Records salvaged from the damaged file, and replayed from the tap journal. */
  salvaged: number;
  replayed: number;
  /** Chain positions and seqs that no source held: declared lost in the incident. */
  lostChainRanges: { from: number; to: number }[];
  lostSeqRanges: { from: number; to: number }[];
  /** The incident record's id (storage_incidents). */
  incidentId: string;
  /** How long the rebuild took, in ms (the bound: 60 s). */
  tookMs: number;
}

export type StorageOpening =
  | { kind: 'open'; db: Database; recovered: RecoveryReport | null }
  | {
      kind: 'out-of-service';
      reason: NotCorruptReason;
      /** Short, for the citizen screen's notice and IT (e.g. "HL-DISK-FULL"). */
      incidentCode: string;
      /** One Vietnamese sentence for IT: the cause. */
      message: string;
      /** The underlying error's text, for the log and `kiosk diagnostics`. */
      detail: string;
    };
