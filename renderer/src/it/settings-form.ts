// The settings form's state (text as typed) and its check against the same schema the backend
// applies, so each field shows its own Vietnamese message before anything is sent.
import { deviceSettingsInputSchema, type DeviceSettings, type DeviceSettingsInput } from '../../../shared/device-settings';
import type { ScaleId } from '../../../shared/scales';
import type { ServiceArea } from '../../../shared/staff';

export interface SettingsForm {
  officeCode: string;
  officeName: string;
  counterNumber: string;
  kioskLabel: string;
  scaleId: ScaleId;
  timeZone: string;
  thankYouSeconds: string;
  serviceAreas: ServiceArea[];
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
    serviceAreas: s.serviceAreas,
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
    serviceAreas: form.serviceAreas.map((a) => ({ ...a, code: a.code.trim().toUpperCase() })),
    endpoint: form.network === 'offline' ? null : form.endpoint.trim(),
    deviceToken: form.newToken.trim() === '' ? null : form.newToken.trim(),
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
