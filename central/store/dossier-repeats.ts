// "Central reports repeats across kiosks" (issue 15): dossier codes rated more than once, on any
// devices. A kiosk can refuse a second rating for a dossier only among its own ratings; a citizen
// (or a stuffer) with one receipt can still rate it at the next counter, and only central sees
// that. Both stores run the same two-step query (codes with repeats, then their ratings) and
// summarise the rows here, so SQLite and PostgreSQL answer alike.
import { z } from 'zod';

/** At most this many codes per answer, those with the most ratings first: a flood cannot make the answer unbounded. */
export const MAX_DOSSIER_REPEATS = 1000;

export const dossierRepeatSchema = z.object({
  dossierCode: z.string(),
  /** How many ratings carry it, on all devices together (> 1). */
  ratings: z.number().int(),
  /** The devices that stored them, in id order. */
  devices: z.array(z.string()),
  /** The earliest and latest of those ratings' times, as the kiosks stamped them (with offset). */
  firstAt: z.string(),
  lastAt: z.string(),
});
export type DossierRepeat = z.infer<typeof dossierRepeatSchema>;
export const dossierRepeatsResponseSchema = z.object({ repeats: z.array(dossierRepeatSchema) });

/** One rating of a repeated code, as both stores select it. */
export interface DossierRepeatRow {
  dossier_code: string;
  device_id: string;
  created_at: string;
}

/** The rows grouped per code: most ratings first, then by code. */
export function summariseDossierRepeats(rows: readonly DossierRepeatRow[]): DossierRepeat[] {
  const byCode = new Map<string, DossierRepeatRow[]>();
  for (const row of rows) byCode.set(row.dossier_code, [...(byCode.get(row.dossier_code) ?? []), row]);
  const repeats = [...byCode].map(([dossierCode, ratings]): DossierRepeat => {
    // By the instant, not the text: two kiosks may stamp different offsets.
    const times = ratings.map((r) => r.created_at).sort((a, b) => Date.parse(a) - Date.parse(b));
    return {
      dossierCode,
      ratings: ratings.length,
      devices: [...new Set(ratings.map((r) => r.device_id))].sort(),
      firstAt: times[0] ?? '',
      lastAt: times.at(-1) ?? '',
    };
  });
  return repeats.sort((a, b) => b.ratings - a.ratings || (a.dossierCode < b.dossierCode ? -1 : a.dossierCode > b.dossierCode ? 1 : 0));
}
