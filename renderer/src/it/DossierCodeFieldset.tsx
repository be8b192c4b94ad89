// "Mã hồ sơ" on the setup screen (issue 15): whether the citizen screen takes a dossier code, its
// format (the national one-stop preset, a loose one, or the office's own pattern), one rating per
// dossier, and required mode with or without "Không có mã hồ sơ". Checked by the same schema as
// the backend's (shared/dossier-code.ts), field by field, like the rest of the form.
import { dossierPresets, type DossierFormatId } from '../../../shared/dossier-code-format';
import type { FieldErrors, SettingsForm } from './settings-form';
import { fieldElementId } from './SettingsErrorSummary';

type DossierForm = SettingsForm['dossier'];

const formats: { id: DossierFormatId; title: string; detail: string }[] = [
  { id: 'one-stop', title: 'Mã hồ sơ Cổng Dịch vụ công', detail: `Mã đơn vị-ngày nhận-số thứ tự, ví dụ ${dossierPresets['one-stop'].example}` },
  { id: 'loose', title: 'Mã bất kỳ', detail: `4–40 chữ, số, dấu . - /, ví dụ ${dossierPresets.loose.example}` },
  { id: 'custom', title: 'Mẫu riêng của đơn vị', detail: 'Biểu thức chính quy, khớp toàn bộ mã (không phân biệt hoa thường)' },
];

export function DossierCodeFieldset({ idPrefix, form, errors, onChange }: { idPrefix: string; form: DossierForm; errors: FieldErrors; onChange: (dossier: DossierForm) => void }) {
  const set = (patch: Partial<DossierForm>) => onChange({ ...form, ...patch });
  const switchTile = (key: 'capture' | 'onePerDossier' | 'required' | 'allowNoCode', label: string, detail: string) => (
    <button
      type="button"
      role="switch"
      id={fieldElementId(idPrefix, `dossier.${key}`)}
      aria-checked={form[key]}
      aria-label={label}
      className="choice-tile choice-tile--text it-choice"
      onClick={() => set(key === 'capture' && form.capture ? { capture: false, required: false } : { [key]: !form[key] })}
    >
      {label}
      <span className="choice-title">{`${form[key] ? 'Đang bật' : 'Đang tắt'} · ${detail}`}</span>
    </button>
  );
  const patternError = errors['dossier.customPattern'];
  return (
    <fieldset className="it-fieldset" id={fieldElementId(idPrefix, 'dossier')}>
      <legend>Mã hồ sơ</legend>
      <div className="it-choices">{switchTile('capture', 'Nhận mã hồ sơ', 'máy quét mã QR trên phiếu hẹn, hoặc bàn phím trên màn hình')}</div>
      {form.capture && (
        <>
          <div className="form-field">
            <span className="form-label" id={`${idPrefix}-dossier-format-label`}>
              Định dạng mã hồ sơ
            </span>
            <div className="it-choices" role="radiogroup" id={fieldElementId(idPrefix, 'dossier.format')} aria-labelledby={`${idPrefix}-dossier-format-label`}>
              {formats.map((f) => (
                <button key={f.id} type="button" role="radio" aria-checked={form.format === f.id} className="choice-tile choice-tile--text it-choice" onClick={() => set({ format: f.id })}>
                  {f.title}
                  <span className="choice-title">{f.detail}</span>
                </button>
              ))}
            </div>
          </div>
          {form.format === 'custom' && (
            <div className="form-field">
              <label htmlFor={fieldElementId(idPrefix, 'dossier.customPattern')}>Mẫu mã hồ sơ</label>
              <input
                id={fieldElementId(idPrefix, 'dossier.customPattern')}
                className="form-input"
                value={form.customPattern}
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                placeholder="HCM-[0-9]{6}"
                aria-invalid={patternError !== undefined}
                aria-describedby={patternError === undefined ? undefined : `${idPrefix}-dossier-customPattern-error`}
                onChange={(e) => set({ customPattern: e.target.value })}
              />
              <p className="form-hint">Tối đa 200 ký tự. Mã luôn được bỏ khoảng trắng hai đầu và viết hoa trước khi so khớp.</p>
              {patternError !== undefined && (
                <p className="form-error" id={`${idPrefix}-dossier-customPattern-error`}>
                  {patternError}
                </p>
              )}
            </div>
          )}
          <div className="it-choices">
            {switchTile('onePerDossier', 'Mỗi hồ sơ một đánh giá', 'lần quét thứ hai báo “Hồ sơ này đã được đánh giá”')}
            {switchTile('required', 'Bắt buộc mã hồ sơ', 'các mặt đánh giá chỉ hiện sau khi có mã')}
            {form.required && switchTile('allowNoCode', 'Cho chọn “Không có mã hồ sơ”', 'người dân không có phiếu hẹn vẫn đánh giá được')}
          </div>
          {errors['dossier.required'] !== undefined && <p className="form-error">{errors['dossier.required']}</p>}
        </>
      )}
    </fieldset>
  );
}
