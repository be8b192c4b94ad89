// "Xuất tệp đồng bộ": every rating central has not acknowledged into one signed file on the
// stick. The bar follows the backend's syncFileExportProgress events; the all-clear appears
// only after the backend has read the file back and verified it.
import { useEffect, useState } from 'react';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { formatCount } from '../dashboard/figures-format';
import { useStaffSession } from '../staff/staff-session-context';

export const EXPORT_DONE = 'Đã ghi và kiểm tra xong — có thể rút USB.';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; written: number; total: number | null }
  | { kind: 'done'; fileName: string; count: number; reasonAnswerCount: number; fileNumber: number }
  | { kind: 'failed'; error: KioskError };

export function SyncFileExport({ folder }: { folder: string | null }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [state, setState] = useState<State>({ kind: 'idle' });
  // Default: everything central has not acknowledged. A date range re-exports a period (e.g. a
  // stick that got lost), acknowledged or not; central counts each rating once anyway.
  const [range, setRange] = useState<{ fromDay: string; toDay: string } | null>(null);
  const rangeValid = range === null || (range.fromDay !== '' && range.toDay !== '' && range.fromDay <= range.toDay);

  useEffect(
    () =>
      api.subscribe('syncFileExportProgress', ({ written, total }) =>
        setState((s) => (s.kind === 'running' ? { kind: 'running', written, total } : s)),
      ),
    [api],
  );

  const run = async () => {
    if (folder === null) return;
    setState({ kind: 'running', written: 0, total: null });
    const reply = await api.exportSyncFile(range === null ? { folder } : { folder, range });
    if (reply.ok) setState({ kind: 'done', ...reply.data });
    else if (!handleSessionError(reply.error)) setState({ kind: 'failed', error: reply.error });
  };

  return (
    <div className="it-card">
      <h3 className="staff-section-title">Xuất tệp đồng bộ</h3>
      <p className="staff-note">Ghi mọi đánh giá máy chủ trung tâm chưa xác nhận vào một tệp .hlsync có chữ ký. Việc xuất không đánh dấu đã đồng bộ: chỉ tệp xác nhận (.hlack) làm việc đó.</p>
      <fieldset className="it-range">
        <legend className="form-label">Đánh giá cần xuất</legend>
        <label className="it-range-choice">
          <input type="radio" name="export-range" checked={range === null} onChange={() => setRange(null)} /> Mọi đánh giá chưa đồng bộ
        </label>
        <label className="it-range-choice">
          <input type="radio" name="export-range" checked={range !== null} onChange={() => setRange({ fromDay: '', toDay: '' })} /> Theo khoảng
          ngày
        </label>
        {range !== null && (
          <div className="it-range-days">
            <label>
              Từ ngày{' '}
              <input className="form-input form-input--date" type="date" value={range.fromDay} onChange={(e) => setRange({ ...range, fromDay: e.target.value })} />
            </label>
            <label>
              Đến ngày{' '}
              <input className="form-input form-input--date" type="date" value={range.toDay} onChange={(e) => setRange({ ...range, toDay: e.target.value })} />
            </label>
            {!rangeValid && <p className="form-hint">Chọn ngày bắt đầu và ngày kết thúc (không trước ngày bắt đầu).</p>}
          </div>
        )}
      </fieldset>
      <button
        type="button"
        className="staff-button staff-button--primary"
        disabled={folder === null || state.kind === 'running' || !rangeValid}
        onClick={() => void run()}
      >
        Xuất tệp đồng bộ
      </button>
      {folder === null && <p className="form-hint">Chọn thư mục USB trước.</p>}
      {state.kind === 'running' && (
        <div className="it-progress" role="status">
          <progress
            className="it-progress-bar"
            aria-label="Tiến độ xuất tệp đồng bộ"
            max={state.total === null || state.total === 0 ? undefined : state.total}
            value={state.total === null ? undefined : state.written}
          />
          <p className="it-progress-text">
            {state.total === null ? 'Đang chuẩn bị dữ liệu…' : `Đang ghi ${formatCount(state.written)} / ${formatCount(state.total)} đánh giá… Không rút USB.`}
          </p>
        </div>
      )}
      {state.kind === 'done' && (
        <div className="staff-message staff-message--ok it-message" role="status">
          <p className="it-strong">{EXPORT_DONE}</p>
          <p>
            Tệp số {state.fileNumber}: {state.fileName} ({formatCount(state.count)} đánh giá
            {state.reasonAnswerCount > 0 && `, ${formatCount(state.reasonAnswerCount)} câu trả lời lý do`}).
          </p>
        </div>
      )}
      {state.kind === 'failed' && (
        <div className={`staff-message it-message ${state.error.code === 'NOTHING_TO_EXPORT' ? 'staff-message--ok' : 'staff-message--problem'}`} role="alert">
          <p>{state.error.message}</p>
          {state.error.detail !== undefined && <p className="it-detail">{state.error.detail}</p>}
        </div>
      )}
    </div>
  );
}
