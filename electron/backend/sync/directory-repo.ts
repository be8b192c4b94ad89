// The kiosk's directory on its way to central (issue 16, shared/sync/directory.ts): built from the
// settings, the service areas and the officers; sent while central has not acknowledged its
// current revision. State (key `directory_sync` of the settings table):
//  - `revision` goes up by one each time the content's hash changes, never down: central keeps
//    the highest revision it received, so a directory arriving late on a USB stick loses;
//  - `ackedRevision` is the highest revision an ack (HTTP, or an imported ack file) covered.
//    Sent again only when revision > ackedRevision: a changed officer name goes once, an
//    unchanged directory never again.
// What is read here is exactly what may leave the kiosk: the officers' columns named below, never
// a PIN or hash (those live in `staff_credentials`, not read here).
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { toLocalIso } from '../../../shared/local-time';
import { canonicalJson } from '../../../shared/sync/chain';
import {
  MAX_DIRECTORY_BYTES,
  MAX_DIRECTORY_OFFICERS,
  MAX_DIRECTORY_PHOTO_CHARS,
  kioskDirectorySchema,
  type DirectoryContent,
  type KioskDirectory,
} from '../../../shared/sync/directory';
import { readKioskSettings, readServiceAreas } from '../settings-repo';
import { listOfficers } from '../staff/officers-repo';

const STATE_KEY = 'directory_sync';

const stateSchema = z.object({
  revision: z.number().int().nonnegative(),
  /** SHA-256 of the canonical content of `revision`. */
  hash: z.string(),
  changedAt: z.string(),
  ackedRevision: z.number().int().nonnegative(),
  /** The revision each recent sync file carried, so importing its ack marks exactly that one. */
  inFiles: z.array(z.strictObject({ fileNumber: z.number().int().positive(), revision: z.number().int().positive() })).default([]),
});
type DirectoryState = z.infer<typeof stateSchema>;
const noState: DirectoryState = { revision: 0, hash: '', changedAt: '', ackedRevision: 0, inFiles: [] };
/** Files whose directory revision is remembered until their ack is imported. */
const MAX_REMEMBERED_FILES = 20;

function readState(db: Database): DirectoryState {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(STATE_KEY) as { value: string } | undefined;
  const parsed = stateSchema.safeParse(row === undefined ? noState : JSON.parse(row.value));
  return parsed.success ? parsed.data : noState;
}

function saveState(db: Database, state: DirectoryState): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(STATE_KEY, JSON.stringify(stateSchema.parse(state)));
}

/** What the kiosk would tell central now, without the stamp. Photos only when the office allows them, each bounded. */
export function directoryContent(db: Database): DirectoryContent {
  const settings = readKioskSettings(db);
  const photos = settings.directoryPhotos;
  const officers = listOfficers(db)
    .slice(0, MAX_DIRECTORY_OFFICERS)
    .map((o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      title: o.title,
      active: o.active,
      photo: photos && o.photoDataUrl !== null && o.photoDataUrl.length <= MAX_DIRECTORY_PHOTO_CHARS ? o.photoDataUrl : null,
    }));
  const content: DirectoryContent = {
    officeName: settings.officeName,
    timeZone: settings.timeZone,
    serviceAreas: readServiceAreas(db).map((a) => ({ code: a.code, name: a.name, active: a.active })),
    officers,
    reasons: settings.reasons.map((r) => ({ code: r.code, label: r.label, factor: r.factor })),
  };
  // Photos are the only part that can grow past the bound: left out rather than the names.
  if (Buffer.byteLength(JSON.stringify(content)) <= MAX_DIRECTORY_BYTES) return content;
  return { ...content, officers: officers.map((o) => ({ ...o, photo: null })) };
}

/**
 * The directory to send, or null when central has acknowledged the current one. A changed
 * content takes the next revision here (stamped with `now` in the office's zone), in one transaction.
 */
export function pendingDirectory(db: Database, now: Date): KioskDirectory | null {
  return db
    .transaction((): KioskDirectory | null => {
      const content = directoryContent(db);
      const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
      let state = readState(db);
      if (state.hash !== hash) {
        state = { ...state, revision: state.revision + 1, hash, changedAt: toLocalIso(now, readKioskSettings(db).timeZone) };
        saveState(db, state);
      }
      if (state.ackedRevision >= state.revision) return null;
      return kioskDirectorySchema.parse({ revision: state.revision, changedAt: state.changedAt, ...content });
    })
    .immediate();
}

/** Central acknowledged a batch (or file) carrying this revision. */
export function markDirectoryAcked(db: Database, revision: number): void {
  const state = readState(db);
  if (revision > state.ackedRevision) saveState(db, { ...state, ackedRevision: revision });
}

/** A sync file carried this revision: its ack file, once imported, acknowledges it. */
export function rememberDirectoryInFile(db: Database, fileNumber: number, revision: number): void {
  const state = readState(db);
  saveState(db, { ...state, inFiles: [...state.inFiles.filter((f) => f.fileNumber !== fileNumber), { fileNumber, revision }].slice(-MAX_REMEMBERED_FILES) });
}

/** The ack file of `fileNumber` was imported: the directory it carried (if any) is central's now. */
export function directoryFileAcked(db: Database, fileNumber: number): void {
  const state = readState(db);
  const carried = state.inFiles.find((f) => f.fileNumber === fileNumber);
  if (carried === undefined) return;
  saveState(db, { ...state, ackedRevision: Math.max(state.ackedRevision, carried.revision), inFiles: state.inFiles.filter((f) => f.fileNumber !== fileNumber) });
}

/** For IT diagnostics and tests: the current and the acknowledged revision. */
export function directoryRevisions(db: Database): { revision: number; ackedRevision: number } {
  const { revision, ackedRevision } = readState(db);
  return { revision, ackedRevision };
}
