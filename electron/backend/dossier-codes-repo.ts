// All SQL about dossier codes on the kiosk (issue 15). Every function takes the database first.
import type { Database } from 'better-sqlite3';

/** Whether a rating with this (normalised) dossier code is stored on this kiosk (index ratings_dossier_code). */
export function isDossierRated(db: Database, dossierCode: string): boolean {
  return db.prepare('SELECT 1 FROM ratings WHERE dossier_code = ? LIMIT 1').get(dossierCode) !== undefined;
}
