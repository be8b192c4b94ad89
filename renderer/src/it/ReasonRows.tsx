// The "reasons" list of the setup screen: what a citizen may pick after a negative rating.
// Rows can be edited, removed, added, or reset to the usual list; an empty list turns the
// question off. Codes are what reports count, so the hint asks to keep them when relabelling.
import { defaultReasons } from '../../../shared/default-reasons';
import { NO_FACTOR_NAME, surveyFactorNames } from '../../../shared/survey-factor-names';
import { surveyFactorSchema, surveyFactors } from '../../../shared/survey-factors';
import type { FieldErrors, SettingsForm } from './settings-form';
import { fieldElementId } from './SettingsErrorSummary';

type Row = SettingsForm['reasons'][number];

export function ReasonRows({ idPrefix, rows, errors, onChange }: { idPrefix: string; rows: readonly Row[]; errors: FieldErrors; onChange: (rows: Row[]) => void }) {
  const update = (index: number, patch: Partial<Row>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <>
      <p className="form-hint">
        Hỏi người dân sau khi chọn mức chưa hài lòng (không bắt buộc trả lời). Xóa hết để không hỏi. Báo cáo đếm theo mã: khi sửa nội dung, giữ nguyên mã. Mỗi lý do thuộc một nhóm tiêu chí của khảo sát SIPAS; báo cáo gộp lý do theo nhóm.
      </p>
      {rows.length > 0 && (
        <table className="staff-table it-areas it-reasons">
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Lý do (tiếng Việt)</th>
              <th scope="col">Tiếng Anh (không bắt buộc)</th>
              <th scope="col">Nhóm tiêu chí</th>
              <th scope="col">Hướng dẫn phản ánh</th>
              <th scope="col">
                <span className="visually-hidden">Xóa</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const problem = errors[`reasons.${i}.code`] ?? errors[`reasons.${i}.label`] ?? errors[`reasons.${i}.labelEn`];
              return (
                <tr key={i}>
                  <td>
                    <input
                      id={fieldElementId(idPrefix, `reasons.${i}.code`)}
                      className="form-input form-input--code"
                      aria-label={`Mã lý do dòng ${i + 1}`}
                      value={row.code}
                      maxLength={32}
                      aria-invalid={errors[`reasons.${i}.code`] !== undefined}
                      onChange={(e) => update(i, { code: e.target.value.toUpperCase() })}
                    />
                  </td>
                  <td>
                    <input id={fieldElementId(idPrefix, `reasons.${i}.label`)} className="form-input" aria-label={`Lý do dòng ${i + 1}`} value={row.label} maxLength={120} aria-invalid={errors[`reasons.${i}.label`] !== undefined} onChange={(e) => update(i, { label: e.target.value })} />
                    {problem !== undefined && <p className="form-error">{problem}</p>}
                  </td>
                  <td>
                    <input id={fieldElementId(idPrefix, `reasons.${i}.labelEn`)} className="form-input" aria-label={`Lý do dòng ${i + 1} bằng tiếng Anh`} value={row.labelEn} maxLength={120} onChange={(e) => update(i, { labelEn: e.target.value })} />
                  </td>
                  <td>
                    <select
                      id={fieldElementId(idPrefix, `reasons.${i}.factor`)}
                      className="form-input"
                      aria-label={`Nhóm tiêu chí của lý do dòng ${i + 1}`}
                      value={row.factor ?? ''}
                      onChange={(e) => update(i, { factor: e.target.value === '' ? null : surveyFactorSchema.parse(e.target.value) })}
                    >
                      {surveyFactors.map((f) => (
                        <option key={f} value={f}>
                          {surveyFactorNames[f]}
                        </option>
                      ))}
                      <option value="">{NO_FACTOR_NAME}</option>
                    </select>
                  </td>
                  <td>
                    {/* Issue 15: after this reason the citizen sees where to report, and a reference code. */}
                    <input
                      type="checkbox"
                      id={fieldElementId(idPrefix, `reasons.${i}.reportPath`)}
                      className="it-checkbox"
                      aria-label={`Hướng dẫn phản ánh sau lý do dòng ${i + 1}`}
                      checked={row.reportPath}
                      onChange={(e) => update(i, { reportPath: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button type="button" className="staff-button" aria-label={`Xóa lý do dòng ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      Xóa
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="button-row">
        <button type="button" className="staff-button" onClick={() => onChange([...rows, { code: '', label: '', labelEn: '', factor: null, reportPath: false }])}>
          + Thêm lý do
        </button>
        <button type="button" className="staff-button" onClick={() => onChange(defaultReasons.map((r) => ({ ...r, labelEn: r.labelEn ?? '' })))}>
          Dùng danh sách thường gặp
        </button>
      </div>
    </>
  );
}
