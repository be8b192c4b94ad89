import type { Migration } from './migration';

/**
 * The dossier code (issue 15): "has this dossier been rated here?" is asked inside every tap's
 * insert transaction when the office allows one rating per dossier, so it must not scan the
 * table. Partial: most ratings carry no code. Not UNIQUE: the setting can be switched on after
 * repeats were stored, and a stored rating is never refused afterwards (append-only).
 */
export const dossierCodeIndex: Migration = {
  version: 14,
  name: 'dossier code index',
  up: (db) => {
    db.exec('CREATE INDEX ratings_dossier_code ON ratings (dossier_code) WHERE dossier_code IS NOT NULL');
  },
};
