import { z } from 'zod';
import { kioskSettingsSchema } from '../settings';
import { defineMethods } from './method';

export const homeScreenSchema = kioskSettingsSchema
  .pick({ officeName: true, counterNumber: true, scaleId: true, thankYouSeconds: true, languages: true, reasons: true, timeZone: true, reportContact: true, dossier: true, openingHours: true })
  .extend({
    /** The officer on duty ("Cán bộ tiếp nhận: …"), or null when no shift is open. */
    officer: z.object({ name: z.string(), title: z.string(), photoDataUrl: z.string().nullable() }).nullable(),
  });
export type HomeScreen = z.infer<typeof homeScreenSchema>;

export const kioskContract = defineMethods({
  /** What the citizen's home screen shows: office, counter, the configured scale. */
  getHomeScreen: {
    input: z.strictObject({}),
    output: homeScreenSchema,
    access: 'public',
    host: 'any',
  },
});
