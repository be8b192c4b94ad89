// "Tra cứu mã phản ánh" (issue 15): the section head or IT types the reference code a citizen
// quoted (from the report-path notice) and sees that one rating — when, which level, who was on
// duty, which service area, the dossier code, the reasons. Exact codes only: the backend reads
// the typed text forgivingly (lower case, O/0, I/1, dashes) but never lists or guesses.
import { useState, type FormEvent } from 'react';
import type { RatingByReference } from '../../../shared/contract/report-path';
import { misuseLabels } from '../../../shared/rating-flags';
import { parseReferenceCode } from '../../../shared/reference-code-text';
import type { KioskError } from '../../../shared/result';
import { scales } from '../../../shared/scales';
import { useKioskApi } from '../api/kiosk-api-context';
import { useStaffSession } from './staff-session-context';
import '../styles/reference-lookup.css';

export const CODE_MALFORMED = 'Mã phản ánh gồm HL và 10 chữ hoặc số, ví dụ HL-7Q2MV-K0D9X. Hãy kiểm tra lại.';

/** 2026-11-25T09:00:00.000+07:00 (the kiosk's local time, as stored) → 25/11/2026 09:00:00. */
const localTime = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
const levelLabel = (r: RatingByReference) => scales[r.scale].find((l) => l.level === r.level)?.label ?? `Mức ${r.level}`;

export function ReferenceLookupScreen() {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<{ referenceCode: string; ratings: RatingByReference[] } | null>(null);
  const [problem, setProblem] = useState<KioskError | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    // The same reader as the backend's: a malformed code is refused here, with no call.
    if (parseReferenceCode(typed) === null) {
      setFound(null);
      setProblem({ code: 'INVALID_INPUT', message: CODE_MALFORMED });
      return;
    }
    setBusy(true);
    const reply = await api.findRatingByReference({ referenceCode: typed });
    setBusy(false);
    if (reply.ok) {
      setFound(reply.data);
      setProblem(null);
    } else if (!handleSessionError(reply.error)) {
      setFound(null);
      setProblem(reply.error);
    }
  };

  return (
    <section className="reference-lookup">
      <p className="staff-note">Nhập mã tra cứu người dân ghi lại (dạng HL-XXXXX-XXXXX). Chỉ tìm đúng mã; chữ thường, dấu gạch và O/0, I/1 đều được chấp nhận.</p>
      <form className="reference-lookup-form" onSubmit={(e) => void lookUp(e)}>
        <label htmlFor="reference-code-input" className="form-label">
          Mã phản ánh
        </label>
        <input
          id="reference-code-input"
          className="form-input form-input--code"
          value={typed}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem?.code === 'INVALID_INPUT'}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="staff-button staff-button--primary" disabled={busy || typed.trim() === ''}>
          Tra cứu
        </button>
      </form>
      {problem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {problem.message}
        </p>
      )}
      {found !== null && (
        <div role="status">
          <h3 className="staff-subtitle">Mã {found.referenceCode}</h3>
          {found.ratings.length > 1 && <p className="staff-note">Mã này trùng với {found.ratings.length} đánh giá (rất hiếm): đối chiếu thời điểm người dân nêu.</p>}
          {found.ratings.map((r) => (
            <table key={r.ratingId} className="staff-table reference-lookup-table" aria-label={`Đánh giá có mã ${found.referenceCode}`}>
              <tbody>
                <tr>
                  <th scope="row">Thời điểm</th>
                  <td>{localTime(r.createdAt)}</td>
                </tr>
                <tr>
                  <th scope="row">Mức đánh giá</th>
                  <td>{levelLabel(r)}</td>
                </tr>
                <tr>
                  <th scope="row">Cán bộ tiếp nhận</th>
                  <td>{r.officerName ?? 'Chưa đăng nhập ca'}</td>
                </tr>
                <tr>
                  <th scope="row">Lĩnh vực</th>
                  <td>{r.serviceName ?? r.serviceCode ?? 'Chưa chọn lĩnh vực'}</td>
                </tr>
                <tr>
                  <th scope="row">Mã hồ sơ</th>
                  <td>{r.dossierCode ?? '—'}</td>
                </tr>
                <tr>
                  <th scope="row">Lý do</th>
                  <td>{r.reasons.map((x) => x.label).join('; ') || '—'}</td>
                </tr>
                {misuseLabels(r.flags) !== '' && (
                  <tr>
                    <th scope="row">Nghi ngờ</th>
                    <td>{misuseLabels(r.flags)}</td>
                  </tr>
                )}
              </tbody>
            </table>
          ))}
        </div>
      )}
    </section>
  );
}
