// The settings form's state (text as typed) and its check against the same schema the backend
// applies, so each field shows its own Vietnamese message before anything is sent.
import { deviceSettingLabels, deviceSettingsInputSchema, type DeviceSettings, type DeviceSettingsInput } from '../../../shared/device-settings';
import type { ReasonInput } from '../../../shared/citizen-options';
import type { OpeningHours } from '../../../shared/opening-hours-rule';
import type { SurveyFactor } from '../../../shared/survey-factors';
import type { ScaleId } from '../../../shared/scales';
import type { ServiceArea } from '../../../shared/staff';
import type { DossierSettings } from '../../../shared/dossier-code';
import { openingHoursFieldName } from './OpeningHoursFieldset';

export interface SettingsForm {
  officeCode: string;
  officeName: string;
  counterNumber: string;
  kioskLabel: string;
  scaleId: ScaleId;
  timeZone: string;
  thankYouSeconds: string;
  burstMaxPerMinute: string;
  serviceAreas: ServiceArea[];
  /** Vietnamese is always on; this adds the English switch on the citizen screen. */
  englishOffered: boolean;
  /** As typed; an empty English label means "show the Vietnamese one". */
  reasons: { code: string; label: string; labelEn: string; factor: SurveyFactor | null; reportPath: boolean }[];
  startAtLogin: boolean;
  /** As typed; an empty hotline or English line means none (issue 15). */
  reportContact: { hotline: string; place: string; placeEn: string };
  /** The dossier code (issue 15); the custom pattern as typed ('' when none). */
  dossier: Omit<DossierSettings, 'customPattern'> & { customPattern: string };
  /** Times as typed ("HH:MM"); checked by the same schema on Save. */
  openingHours: OpeningHours;
  /** Issue 16: officers' photos may go to central with the directory (off unless the office allows). */
  directoryPhotos: boolean;
  network: 'online' | 'offline';
  endpoint: string;
  /** A new token; empty keeps the one set (never shown: the backend does not send it). */
  newToken: string;
}

export function formFromSettings(s: DeviceSettings): SettingsForm {
  return {
    officeCode: s.officeCode ?? '',
    officeName: s.officeName,
    counterNumber: String(s.counterNumber),
    kioskLabel: s.kioskLabel ?? '',
    scaleId: s.scaleId,
    timeZone: s.timeZone,
    thankYouSeconds: String(s.thankYouSeconds),
    burstMaxPerMinute: String(s.burstMaxPerMinute),
    serviceAreas: s.serviceAreas,
    englishOffered: s.languages.includes('en'),
    reasons: s.reasons.map((r) => ({ ...r, labelEn: r.labelEn ?? '' })),
    startAtLogin: s.startAtLogin,
    reportContact: { hotline: s.reportContact.hotline ?? '', place: s.reportContact.place, placeEn: s.reportContact.placeEn ?? '' },
    dossier: { ...s.dossier, customPattern: s.dossier.customPattern ?? '' },
    openingHours: s.openingHours,
    directoryPhotos: s.directoryPhotos,
    network: s.endpoint === null ? 'offline' : 'online',
    endpoint: s.endpoint ?? '',
    newToken: '',
  };
}

/** Field key → message; service area rows as `serviceAreas.<row>.<field>`. */
export type FieldErrors = Record<string, string>;

const asNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

export function checkSettingsForm(form: SettingsForm, tokenSet: boolean): { input: DeviceSettingsInput; errors: FieldErrors } {
  const input: DeviceSettingsInput = {
    officeCode: form.officeCode,
    officeName: form.officeName,
    counterNumber: asNumber(form.counterNumber),
    kioskLabel: form.kioskLabel.trim() === '' ? null : form.kioskLabel,
    scaleId: form.scaleId,
    timeZone: form.timeZone.trim(),
    thankYouSeconds: asNumber(form.thankYouSeconds),
    burstMaxPerMinute: asNumber(form.burstMaxPerMinute),
    serviceAreas: form.serviceAreas.map((a) => ({ ...a, code: a.code.trim().toUpperCase() })),
    languages: form.englishOffered ? ['vi', 'en'] : ['vi'],
    reasons: form.reasons.map((r): ReasonInput => ({ code: r.code.trim().toUpperCase(), label: r.label, labelEn: r.labelEn.trim() === '' ? null : r.labelEn, factor: r.factor, reportPath: r.reportPath })),
    startAtLogin: form.startAtLogin,
    reportContact: {
      hotline: form.reportContact.hotline.trim() === '' ? null : form.reportContact.hotline,
      place: form.reportContact.place,
      placeEn: form.reportContact.placeEn.trim() === '' ? null : form.reportContact.placeEn,
    },
    dossier: { ...form.dossier, customPattern: form.dossier.customPattern.trim() === '' ? null : form.dossier.customPattern.trim() },
    openingHours: form.openingHours,
    directoryPhotos: form.directoryPhotos,
    endpoint: form.network === 'offline' ? null : form.endpoint.trim(),
    // Without network there is nothing to authenticate to: a token typed before switching to
    // "không có mạng" is dropped (null keeps whatever the kiosk holds).
    deviceToken: form.network === 'offline' || form.newToken.trim() === '' ? null : form.newToken.trim(),
  };
  const errors: FieldErrors = {};
  const parsed = deviceSettingsInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      errors[key] ??= issue.message;
    }
  }
  if (form.network === 'online' && !tokenSet && input.deviceToken === null) {
    errors.deviceToken ??= 'Cần token thiết bị để đồng bộ qua mạng (hoặc chọn “Văn phòng không có mạng”).';
  }
  return { input, errors };
}

/**
 * The errors to show while the IT admin corrects the form: the same check as Save, but only for
 * the fields that have already shown an error, so a fixed field clears at once and a field not
 * yet complained about is not nagged while it is being typed.
 */
export function recheckShownFields(form: SettingsForm, tokenSet: boolean, shown: ReadonlySet<string>): FieldErrors {
  const { errors } = checkSettingsForm(form, tokenSet);
  return Object.fromEntries(Object.entries(errors).filter(([key]) => shown.has(key)));
}

/** The audit log's labels, but as the form itself words these fields. */
const fieldNames: Record<string, string> = {
  ...deviceSettingLabels,
  thankYouSeconds: 'Thời gian lời cảm ơn',
  reasons: 'Lý do chưa hài lòng',
  startAtLogin: 'Tự khởi động',
  endpoint: 'Địa chỉ máy chủ trung tâm',
};

/** What the error summary calls a field: its label, or the list and row for a table cell. */
export function fieldName(key: string): string {
  const [head = key, row] = key.split('.');
  if (head === 'openingHours') return openingHoursFieldName(key);
  if (row !== undefined && /^\d+$/.test(row)) return `${head === 'reasons' ? 'Lý do' : 'Lĩnh vực'} dòng ${Number(row) + 1}`;
  return fieldNames[head] ?? head;
}
