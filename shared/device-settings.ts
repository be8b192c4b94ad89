// The IT admin's device settings (issue 5): everything the setup screen and a provisioning file
// set. One schema for the form (the renderer shows its messages field by field) and for the
// backend (the contract refuses a bad value with the same Vietnamese message).
import { z } from 'zod';
import { kioskSettingsSchema, syncSettingsSchema, timeZoneSchema } from './settings';
import { languageListSchema, reasonListSchema, reasonSchema, languageSchema } from './citizen-options';
import { reportContactSchema } from './report-contact';
import { openingHoursSchema } from './opening-hours';
import { scaleIdSchema } from './scales';
import { serviceAreaSchema } from './staff';
import { refuseRepeatedCodes } from './unique-codes';
import { dossierSettingsSchema } from './dossier-code';

/** Mã đơn vị, e.g. `000.00.21.H56` (the national code of an administrative unit). */
export const officeCodeSchema = z
  .string({ error: 'Mã đơn vị không được để trống' })
  .trim()
  .min(1, 'Mã đơn vị không được để trống')
  .max(64, 'Mã đơn vị tối đa 64 ký tự')
  .regex(/^[A-Za-z0-9._-]+$/, 'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _ (ví dụ 000.00.21.H56)');

export const kioskLabelSchema = z.string().trim().min(1, 'Nhãn máy không được để trống').max(200, 'Nhãn máy tối đa 200 ký tự');

/** The bearer token central issued for this device. A secret: written, never read back. */
export const deviceTokenSchema = z
  .string()
  .trim()
  .min(16, 'Token thiết bị quá ngắn (ít nhất 16 ký tự)')
  .max(200, 'Token thiết bị tối đa 200 ký tự')
  .regex(/^[\w-]+$/, 'Token thiết bị chỉ gồm chữ không dấu, số, - và _');

export const serviceAreaListSchema = z
  .array(serviceAreaSchema)
  .max(50, 'Tối đa 50 lĩnh vực')
  .superRefine(refuseRepeatedCodes((code) => `Mã lĩnh vực bị trùng: ${code}`));

/** What the setup screen saves. `deviceToken: null` keeps the current token. */
export const deviceSettingsInputSchema = z.strictObject({
  officeCode: officeCodeSchema,
  officeName: kioskSettingsSchema.shape.officeName,
  counterNumber: kioskSettingsSchema.shape.counterNumber,
  kioskLabel: kioskLabelSchema.nullable(),
  scaleId: scaleIdSchema,
  timeZone: z.string({ error: 'Múi giờ không hợp lệ' }).pipe(timeZoneSchema),
  thankYouSeconds: kioskSettingsSchema.shape.thankYouSeconds,
  /** Left out: keep the kiosk's value (tools and files written before the setting existed). */
  burstMaxPerMinute: kioskSettingsSchema.shape.burstMaxPerMinute.optional(),
  serviceAreas: serviceAreaListSchema,
  languages: languageListSchema,
  reasons: reasonListSchema,
  /** Left out: keep the kiosk's value, as `burstMaxPerMinute`. */
  startAtLogin: kioskSettingsSchema.shape.startAtLogin.optional(),
  /** Left out: keep the kiosk's value, as `burstMaxPerMinute` (issue 15, the report path). */
  reportContact: reportContactSchema.optional(),
  /** Left out: keep the kiosk's value (issue 15, the dossier code). */
  dossier: dossierSettingsSchema.optional(),
  /** Left out: keep the kiosk's hours, as `burstMaxPerMinute`. */
  openingHours: openingHoursSchema.optional(),
  /** Left out: keep the kiosk's value (issue 16: officers' photos to central). */
  directoryPhotos: kioskSettingsSchema.shape.directoryPhotos.optional(),
  /** null: "văn phòng không có mạng" (sync files only). */
  endpoint: syncSettingsSchema.shape.endpoint,
  deviceToken: deviceTokenSchema.nullable(),
});
export type DeviceSettingsInput = z.input<typeof deviceSettingsInputSchema>;

/** What the setup screen reads: every setting, and only whether a token is set. */
export const deviceSettingsSchema = z.object({
  officeCode: z.string().nullable(),
  officeName: z.string(),
  counterNumber: z.number().int(),
  kioskLabel: z.string().nullable(),
  scaleId: scaleIdSchema,
  timeZone: z.string(),
  thankYouSeconds: z.number().int(),
  burstMaxPerMinute: z.number().int(),
  serviceAreas: z.array(serviceAreaSchema),
  languages: z.array(languageSchema),
  reasons: z.array(reasonSchema),
  startAtLogin: z.boolean(),
  /** Issue 16: officers' photos go to central with the kiosk's directory. */
  directoryPhotos: z.boolean(),
  reportContact: reportContactSchema,
  dossier: dossierSettingsSchema,
  openingHours: openingHoursSchema,
  endpoint: z.string().nullable(),
  tokenSet: z.boolean(),
  needsSetup: z.boolean(),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/** What an audit entry shows instead of a secret. */
export const MASKED_SECRET = '••••';

export const deviceSettingKeys = [
  'officeCode',
  'officeName',
  'counterNumber',
  'kioskLabel',
  'scaleId',
  'timeZone',
  'thankYouSeconds',
  'burstMaxPerMinute',
  'serviceAreas',
  'languages',
  'reasons',
  'startAtLogin',
  'reportContact',
  'dossier',
  'directoryPhotos',
  'endpoint',
  'deviceToken',
  'openingHours',
] as const;
export type DeviceSettingKey = (typeof deviceSettingKeys)[number];

/** The settings the audit log names, with the label the log screen shows. */
export const deviceSettingLabels: Record<DeviceSettingKey, string> = {
  officeCode: 'Mã đơn vị',
  officeName: 'Tên cơ quan',
  counterNumber: 'Số quầy',
  kioskLabel: 'Nhãn máy',
  scaleId: 'Thang đánh giá',
  timeZone: 'Múi giờ',
  thankYouSeconds: 'Thời gian cảm ơn (giây)',
  burstMaxPerMinute: 'Số đánh giá tối đa trong một phút',
  serviceAreas: 'Lĩnh vực',
  languages: 'Ngôn ngữ',
  reasons: 'Lý do không hài lòng',
  startAtLogin: 'Tự khởi động khi đăng nhập',
  reportContact: 'Nơi phản ánh, kiến nghị',
  dossier: 'Mã hồ sơ',
  directoryPhotos: 'Gửi ảnh cán bộ về máy chủ trung tâm',
  endpoint: 'Máy chủ trung tâm',
  deviceToken: 'Token thiết bị',
  openingHours: 'Giờ làm việc',
};
