// All SQL of the reference-code lookup (issue 15, the report path). A code is derived from its
// rating id by a hash, so it is found by hashing: the candidates are the ratings with a reason
// answer (a code is only ever shown after reasons are stored), read as ids one at a time.
import type { Database } from 'better-sqlite3';

/** Every rating id that has a reason answer, streamed (a kiosk holds thousands, not millions). */
export function* ratingIdsWithReasonAnswers(db: Database): Generator<string> {
  for (const id of db.prepare('SELECT rating_id FROM reason_answers').pluck().iterate()) yield id as string;
}

export interface ReferencedRatingRow {
  id: string;
  device_id: string;
  created_at: string;
  scale: string;
  level: number;
  officer_name: string | null;
  service_code: string | null;
  dossier_code: string | null;
  flags: string;
  answer_reasons: string | null;
}

/** The rating with its officer's name and its reason answer's reasons. */
export function referencedRating(db: Database, ratingId: string): ReferencedRatingRow | undefined {
  return db
    .prepare(
      `SELECT r.id, r.device_id, r.created_at, r.scale, r.level, o.name AS officer_name, r.service_code, r.dossier_code, r.flags,
              a.reasons AS answer_reasons
       FROM ratings r LEFT JOIN officers o ON o.id = r.officer_id LEFT JOIN reason_answers a ON a.rating_id = r.id
       WHERE r.id = ?`,
    )
    .get(ratingId) as ReferencedRatingRow | undefined;
}
