// "Trạng thái & chẩn đoán": what IT staff check on a kiosk that does not sync, on the screen
// and as one JSON bundle for the stick (no secrets, no personal data: the backend sees to it).
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Diagnostics } from '../../../shared/contract/it-admin';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { formatCount } from '../dashboard/figures-format';
import { useStaffSession } from '../staff/staff-session-context';
import { FolderPicker } from './FolderPicker';
import { formatBytes, formatInstant } from './it-format';

const syncStates: Record<string, string> = {
  'not-configured': 'Chưa cấu hình (không có mạng hoặc chưa có token)',
  idle: 'Sẵn sàng',
  syncing: 'Đang gửi',
  waiting: 'Đang chờ thử lại',
  stopped: 'Máy chủ từ chối — cần kiểm tra cài đặt',
};

type Message = { ok: boolean; lines: string[] };

export function DiagnosticsScreen({ folder, onChooseFolder }: { folder: string | null; onChooseFolder: (folder: string) => void }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [d, setD] = useState<Diagnostics | KioskError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const failed = useCallback(
    (error: KioskError) => {
      if (!handleSessionError(error)) setMessage({ ok: false, lines: [error.message, ...(error.detail === undefined ? [] : [error.detail])] });
    },
    [handleSessionError],
  );

  const load = useCallback(() => {
    void api.getDiagnostics({}).then((reply) => {
      if (reply.ok) setD(reply.data);
      else if (!handleSessionError(reply.error)) setD(reply.error);
    });
  }, [api, handleSessionError]);
  useEffect(load, [load]);

  const act = async (name: string, work: () => Promise<void>) => {
    setBusy(name);
    setMessage(null);
    await work();
    setBusy(null);
  };

  const syncNow = () =>
    act('sync', async () => {
      const reply = await api.syncNow({ reason: 'manual' });
      if (!reply.ok) return failed(reply.error);
      const s = reply.data;
      setMessage({
        ok: s.lastProblem === null || s.state === 'idle',
        lines: [s.state === 'not-configured' ? 'Chưa cấu hình đồng bộ qua mạng: dùng tệp đồng bộ (USB).' : `Đã thử đồng bộ: ${syncStates[s.state] ?? s.state}. Còn ${formatCount(s.pendingCount)} chờ gửi.`, ...(s.lastProblem === null ? [] : [s.lastProblem.message])],
      });
      load();
    });

  const integrity = () =>
    act('integrity', async () => {
      const reply = await api.runIntegrityCheck({});
      if (!reply.ok) return failed(reply.error);
      setMessage(reply.data.ok ? { ok: true, lines: ['Cơ sở dữ liệu không có lỗi (integrity_check: ok).'] } : { ok: false, lines: ['Cơ sở dữ liệu có lỗi:', ...reply.data.result.slice(0, 10)] });
    });

  const bundle = () =>
    act('bundle', async () => {
      if (folder === null) return;
      const reply = await api.exportDiagnosticsBundle({ folder });
      if (!reply.ok) return failed(reply.error);
      setMessage({ ok: true, lines: [`Đã ghi gói chẩn đoán ${reply.data.fileName}.`, 'Gói không chứa token, khóa bí mật, mã PIN hay dữ liệu cá nhân.'] });
    });

  if (d === null) return <p className="staff-note">Đang tải…</p>;
  if ('code' in d)
    return (
      <p className="staff-message staff-message--problem" role="alert">
        {d.message}
      </p>
    );
  const at = (iso: string | null) => formatInstant(iso, d.timeZone);

  return (
    <section className="it-diagnostics">
      <div className="button-row">
        <button type="button" className="staff-button staff-button--primary" disabled={busy !== null} onClick={() => void syncNow()}>
          {busy === 'sync' ? 'Đang đồng bộ…' : 'Đồng bộ ngay'}
        </button>
        <button type="button" className="staff-button" disabled={busy !== null} onClick={() => void integrity()}>
          {busy === 'integrity' ? 'Đang kiểm tra…' : 'Kiểm tra CSDL'}
        </button>
        <button type="button" className="staff-button" disabled={busy !== null} onClick={load}>
          Làm mới
        </button>
      </div>
      {message !== null && (
        <div className={`staff-message it-message ${message.ok ? 'staff-message--ok' : 'staff-message--problem'}`} role={message.ok ? 'status' : 'alert'}>
          {message.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <div className="it-facts-grid">
        <Facts title="Đồng bộ">
          <Fact label="Trạng thái">{syncStates[d.syncState] ?? d.syncState}</Fact>
          <Fact label="Chờ gửi">{formatCount(d.pendingCount)}</Fact>
          <Fact label="Lý do chờ gửi">{formatCount(d.pendingReasonAnswers)}</Fact>
          <Fact label="Cũ nhất chờ gửi">{at(d.oldestPendingAt)}</Fact>
          <Fact label="Bị cách ly">{formatCount(d.quarantinedCount)}</Fact>
          <Fact label="Lần đồng bộ thành công">{at(d.lastSyncSuccessAt)}</Fact>
          <Fact label="Sự cố gần nhất">{d.lastSyncProblem === null ? '—' : d.lastSyncProblem.message}</Fact>
          <Fact label="Máy chủ trung tâm">{d.endpoint ?? 'Văn phòng không có mạng'}</Fact>
          <Fact label="Token thiết bị">{d.tokenSet ? 'Đã đặt' : 'Chưa đặt'}</Fact>
        </Facts>
        <Facts title="Tệp đồng bộ (USB)">
          <Fact label="Lần xuất gần nhất">{at(d.lastExportAt)}</Fact>
          <Fact label="Số tệp gần nhất">{d.lastFileNumber === 0 ? '—' : d.lastFileNumber}</Fact>
          <Fact label="Lần nhập xác nhận gần nhất">{at(d.lastAckAt)}</Fact>
          <Fact label="Tổng số đánh giá">{formatCount(d.ratingsCount)}</Fact>
        </Facts>
        <Facts title="Thiết bị">
          <Fact label="Đơn vị">{d.officeCode === null ? d.officeName : `${d.officeName} (${d.officeCode})`}</Fact>
          <Fact label="Quầy">{d.needsSetup ? 'Chưa cài đặt' : d.counterNumber}</Fact>
          <Fact label="Mã thiết bị">
            <span className="it-mono">{d.deviceId}</span>
          </Fact>
          <Fact label="Dấu vân tay khóa">
            <span className="it-mono">{d.publicKeyFingerprint}</span>
          </Fact>
          <Fact label="Phiên bản">{d.appVersion}</Fact>
          <Fact label="Đồng hồ máy">{at(d.clock)}</Fact>
        </Facts>
        <Facts title="Lưu trữ">
          <Fact label="Cơ sở dữ liệu">{formatBytes(d.databaseBytes)}</Fact>
          <Fact label="Dung lượng trống">{formatBytes(d.freeDiskBytes)}</Fact>
          <Fact label="Nhật ký (log)">{formatBytes(d.logsBytes)}</Fact>
          <Fact label="Bản sao lưu">{formatBytes(d.snapshotsBytes)}</Fact>
          <Fact label="Bản sao lưu gần nhất">{at(d.newestSnapshotAt)}</Fact>
          <Fact label="CSDL hỏng đã cách ly">{formatBytes(d.quarantineBytes)}</Fact>
          <Fact label="Thư mục dữ liệu">
            <span className="it-mono">{d.dataDir}</span>
          </Fact>
        </Facts>
      </div>

      <StorageIncidents incidents={d.storageIncidents} at={at} />

      <div className="it-card">
        <h3 className="staff-section-title">Lỗi và cảnh báo gần đây</h3>
        {d.recentErrors.length === 0 ? (
          <p className="staff-note">Không có.</p>
        ) : (
          <ul className="it-log-list">
            {d.recentErrors
              .slice()
              .reverse()
              .map((e, i) => (
                <li key={i}>
                  <span className={`badge ${e.level === 'error' ? 'it-badge--error' : 'it-badge--warn'}`}>{e.level === 'error' ? 'Lỗi' : 'Cảnh báo'}</span> {at(e.at)} — {e.message}
                </li>
              ))}
          </ul>
        )}
      </div>

      <div className="it-card">
        <h3 className="staff-section-title">Gói chẩn đoán</h3>
        <p className="staff-note">Một tệp JSON cho cán bộ CNTT cấp trên: trạng thái, cài đặt (không có token), nhật ký thay đổi và nhật ký hoạt động. Không có token, khóa bí mật, mã PIN, ảnh cán bộ; đánh giá chỉ ở dạng số lượng.</p>
        <FolderPicker folder={folder} onChoose={onChooseFolder} />
        <button type="button" className="staff-button staff-button--primary" disabled={folder === null || busy !== null} onClick={() => void bundle()}>
          {busy === 'bundle' ? 'Đang ghi…' : 'Xuất gói chẩn đoán'}
        </button>
      </div>
    </section>
  );
}

function Facts({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="it-card">
      <h3 className="staff-section-title">{title}</h3>
      <dl className="it-facts">{children}</dl>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const incidentTitles: Record<Diagnostics['storageIncidents'][number]['kind'], string> = {
  'database-rebuilt': 'Cơ sở dữ liệu hỏng, đã được dựng lại',
  'wal-lost': 'Mất tệp nhật ký ghi (-wal) khi máy đang chạy',
};

const rangesText = (ranges: readonly { from: number; to: number }[]) => ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(', ');

/** The database's incidents (issue 12): what happened, what was lost, whether central was told. */
function StorageIncidents({ incidents, at }: { incidents: Diagnostics['storageIncidents']; at: (iso: string | null) => string }) {
  return (
    <div className="it-card">
      <h3 className="staff-section-title">Sự cố lưu trữ</h3>
      {incidents.length === 0 && <p className="staff-note">Chưa có sự cố nào.</p>}
      {incidents.length > 0 && (
        <ul className="it-incidents" aria-label="Sự cố lưu trữ">
          {incidents.map((i) => (
            <li key={i.id}>
              <p>
                <strong>{incidentTitles[i.kind]}</strong> · {at(i.detectedAt)}
              </p>
              <p className="it-detail">{i.detail}</p>
              <p>
                {i.lostSeqRanges.length === 0 && i.lostChainRanges.length === 0
                  ? 'Không mất đánh giá nào.'
                  : `Khai báo mất: đánh giá số ${rangesText(i.lostSeqRanges) || '—'}; vị trí chuỗi ${rangesText(i.lostChainRanges) || '—'}.`}{' '}
                {i.sentAt === null ? 'Chưa báo về máy chủ trung tâm.' : `Đã báo về máy chủ trung tâm (${at(i.sentAt)}).`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
