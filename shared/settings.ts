// Kiosk settings: what the counter shows and how it stores. Parsed with this schema wherever
// they cross a boundary (database row, provisioning file, setup screen).
import { z } from 'zod';
import { languageListSchema, reasonListSchema } from './citizen-options';
import { defaultReasons } from './default-reasons';
import { defaultDossierSettings, dossierSettingsSchema } from './dossier-code';
import { DEFAULT_TIME_ZONE } from './local-time';
import { defaultReportContact, reportContactSchema } from './report-contact';
import { defaultOpeningHours, openingHoursSchema } from './opening-hours';
import { scaleIdSchema } from './scales';

export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Múi giờ không hợp lệ' },
);

export const kioskSettingsSchema = z.object({
  officeName: z.string().trim().min(1, 'Tên cơ quan không được để trống').max(120, 'Tên cơ quan tối đa 120 ký tự'),
  counterNumber: z
    .number({ error: 'Số quầy phải là một số' })
    .int('Số quầy phải là số nguyên')
    .min(1, 'Số quầy từ 1 đến 999')
    .max(999, 'Số quầy từ 1 đến 999'),
  scaleId: scaleIdSchema,
  /** How long the thank-you stays before the home screen returns. */
  thankYouSeconds: z
    .number({ error: 'Thời gian cảm ơn phải là một số' })
    .int('Thời gian cảm ơn phải là số giây nguyên')
    .min(2, 'Thời gian cảm ơn từ 2 đến 30 giây')
    .max(30, 'Thời gian cảm ơn từ 2 đến 30 giây'),
  /**
   * More ratings than this within one minute: the extra ones are stored but flagged `burst`
   * (suspected misuse, shared/rating-flags.ts). One counter serves one citizen at a time.
   */
  burstMaxPerMinute: z
    .number({ error: 'Số đánh giá tối đa trong một phút phải là một số' })
    .int('Số đánh giá tối đa trong một phút phải là số nguyên')
    .min(2, 'Số đánh giá tối đa trong một phút từ 2 đến 60')
    .max(60, 'Số đánh giá tối đa trong một phút từ 2 đến 60'),
  timeZone: timeZoneSchema,
  /** The languages the citizen's screen offers, Vietnamese first. */
  languages: languageListSchema,
  /** Asked after a negative rating; empty: never asked. */
  reasons: reasonListSchema,
  /**
   * The packaged app registers itself to start when the OS account logs in (Windows/macOS: its
   * login item; Linux: an autostart entry; electron/shell/login-item.ts). Off wherever Shell
   * Launcher, Assigned Access or cage already start it (docs/deploy.md 2.4, 3.3).
   */
  startAtLogin: z.boolean({ error: 'Tự khởi động khi đăng nhập phải là bật hoặc tắt' }),
  /** Where to report harassment, shown after a report-path reason (issue 15, shared/report-contact.ts). */
  reportContact: reportContactSchema,
  /** The dossier code (mã hồ sơ, issue 15): format, one rating per dossier, required (shared/dossier-code.ts). */
  dossier: dossierSettingsSchema,
  /**
   * Opening hours (issue 15): outside them the citizen screen says so and a rating is flagged
   * `outside_hours` (information, counted normally); the Electron shell keeps the display awake
   * only within them. The rule: shared/opening-hours-rule.ts.
   */
  openingHours: openingHoursSchema,
  /**
   * Officers' photos go to central with the kiosk's directory (issue 16, shared/sync/directory.ts).
   * Off unless the office allows it: names are enough to report on, portraits are personal data.
   */
  directoryPhotos: z.boolean({ error: 'Gửi ảnh cán bộ về máy chủ trung tâm phải là bật hoặc tắt' }),
});
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

export const defaultKioskSettings: KioskSettings = {
  officeName: 'Bộ phận Tiếp nhận và Trả kết quả',
  counterNumber: 1,
  scaleId: 'vn-3',
  thankYouSeconds: 5,
  burstMaxPerMinute: 6,
  timeZone: DEFAULT_TIME_ZONE,
  languages: ['vi'],
  reasons: defaultReasons,
  startAtLogin: false,
  reportContact: defaultReportContact,
  dossier: defaultDossierSettings,
  openingHours: defaultOpeningHours,
  directoryPhotos: false,
};

/** Where the kiosk syncs. `null`: an office without network, sync files only. */
export const syncSettingsSchema = z.object({
  endpoint: z
    .url({ protocol: /^https?$/, message: 'Địa chỉ máy chủ trung tâm phải bắt đầu bằng http:// hoặc https://' })
    .transform((url) => url.replace(/\/+$/, ''))
    .nullable(),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export const defaultSyncSettings: SyncSettings = { endpoint: null };
