// The setup screen's "Nơi phản ánh, kiến nghị" (issue 15): where the citizen screen sends a
// citizen who chose a report-path reason — the office's hotline and a written address or portal
// section. Checked with the same schema as the backend (shared/report-contact.ts).
import type { FieldErrors, SettingsForm } from './settings-form';
import { fieldElementId } from './SettingsErrorSummary';

type Contact = SettingsForm['reportContact'];
const fields: { key: keyof Contact; label: string; hint: string; maxLength: number; inputMode?: 'tel' }[] = [
  { key: 'hotline', label: 'Đường dây nóng (không bắt buộc)', hint: 'Số của tỉnh/thành phố hoặc của cơ quan, đúng như người dân bấm gọi. Để trống: không hiện số điện thoại.', maxLength: 24, inputMode: 'tel' },
  { key: 'place', label: 'Nơi tiếp nhận (tiếng Việt)', hint: 'Ví dụ: Cổng Dịch vụ công quốc gia — dichvucong.gov.vn, mục “Phản ánh, kiến nghị”; hoặc địa chỉ của cơ quan tiếp nhận.', maxLength: 200 },
  { key: 'placeEn', label: 'Nơi tiếp nhận (tiếng Anh, không bắt buộc)', hint: 'Để trống: hiện dòng tiếng Việt.', maxLength: 200 },
];

export function ReportContactFieldset({ idPrefix, contact, errors, onChange }: { idPrefix: string; contact: Contact; errors: FieldErrors; onChange: (contact: Contact) => void }) {
  return (
    <fieldset className="it-fieldset" id={fieldElementId(idPrefix, 'reportContact')}>
      <legend>Nơi phản ánh, kiến nghị</legend>
      <p className="form-hint">
        Hiện cho người dân sau khi chọn một lý do có “Hướng dẫn phản ánh” (mặc định: “Gây phiền hà, sách nhiễu”), cùng mã tra cứu của lượt đánh giá.
      </p>
      <div className="it-form-grid">
        {fields.map(({ key, label, hint, maxLength, inputMode }) => {
          const errorKey = `reportContact.${key}`;
          const error = errors[errorKey];
          return (
            <div className="form-field" key={key}>
              <label htmlFor={fieldElementId(idPrefix, errorKey)}>{label}</label>
              <input
                id={fieldElementId(idPrefix, errorKey)}
                className="form-input"
                value={contact[key]}
                maxLength={maxLength}
                {...(inputMode === undefined ? {} : { inputMode })}
                aria-invalid={error !== undefined}
                aria-describedby={error === undefined ? undefined : `${idPrefix}-${errorKey}-error`}
                onChange={(e) => onChange({ ...contact, [key]: e.target.value })}
              />
              <p className="form-hint">{hint}</p>
              {error !== undefined && (
                <p className="form-error" id={`${idPrefix}-${errorKey}-error`}>
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
