// The ack (.hlack), provisioning (.hlprov) and PIN reset (.hlreset) files on the stick, each
// imported with one tap (the section head's page lists only PIN reset files: `kinds`).
// A provisioning file sets the whole kiosk up in one step (and holds a secret token: the
// screen reminds IT staff to delete it from the stick). On a kiosk that has not pinned central's
// key yet, the first tap only shows what the file would set and its key's fingerprint; it is
// applied after the IT admin confirms the fingerprint is the one central printed (`central key`).
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { ImportableFile, ImportableFileKind } from '../../../shared/contract/it-admin';
import { roleLabels } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { formatCount } from '../dashboard/figures-format';
import { useStaffSession } from '../staff/staff-session-context';
import { formatBytes, formatInstant } from './it-format';

type Outcome = { ok: true; lines: string[] } | { ok: false; error: KioskError };
type Provisioning = MethodOutput<'importProvisioningFile'>;

export const CONFIRM_KEY_NOTE =
  'Máy này chưa ghi nhận khóa của máy chủ trung tâm. So dấu vân tay dưới đây với dấu vân tay cán bộ CNTT của tỉnh cung cấp (lệnh "central key" hoặc khi tạo tệp). Chỉ xác nhận nếu giống hệt; nếu khác, tệp có thể bị giả mạo.';

const kindLabels: Record<ImportableFileKind, string> = { ack: 'Tệp xác nhận', provisioning: 'Tệp cấu hình', 'pin-reset': 'Tệp đặt lại mã PIN' };
const kindNotes: Record<ImportableFileKind, string> = {
  ack: 'Tệp xác nhận (.hlack) từ máy chủ trung tâm đánh dấu các đánh giá đã đến nơi.',
  provisioning: 'Tệp cấu hình (.hlprov) cài đặt toàn bộ máy trong một bước.',
  'pin-reset':
    'Tệp đặt lại mã PIN (.hlreset) do máy chủ trung tâm ký: mã PIN của Trưởng bộ phận hoặc Cán bộ CNTT thành mã dùng một lần mà máy chủ trung tâm đã in ra, phải đổi khi đăng nhập.',
};
const allKinds: readonly ImportableFileKind[] = ['ack', 'provisioning', 'pin-reset'];

export function ImportFiles({ folder, kinds = allKinds, onProvisioned }: { folder: string | null; kinds?: readonly ImportableFileKind[]; onProvisioned?: () => void }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  // Each reading of the folder has a number; only the latest one's answer is shown.
  const [listRequest, setListRequest] = useState(0);
  const [answer, setAnswer] = useState<{ request: number; folder: string; files: ImportableFile[] | KioskError } | null>(null);
  const files = answer !== null && answer.request === listRequest && answer.folder === folder ? answer.files : null;
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** A provisioning file waiting for the IT admin to confirm its central key's fingerprint. */
  const [toConfirm, setToConfirm] = useState<{ file: ImportableFile; preview: Provisioning } | null>(null);

  useEffect(() => {
    if (folder === null) return undefined;
    let live = true;
    void api.listImportableFiles(kinds === allKinds ? { folder } : { folder, kinds: [...kinds] }).then((reply) => {
      if (!live) return;
      if (reply.ok) setAnswer({ request: listRequest, folder, files: reply.data });
      else if (!handleSessionError(reply.error)) setAnswer({ request: listRequest, folder, files: reply.error });
    });
    return () => {
      live = false;
    };
  }, [api, folder, kinds, handleSessionError, listRequest]);
  const list = () => setListRequest((n) => n + 1);

  const importFile = async (file: ImportableFile) => {
    setBusy(file.path);
    setOutcome(null);
    if (file.kind === 'ack') {
      const reply = await api.importAckFile({ path: file.path });
      if (reply.ok) {
        setOutcome({
          ok: true,
          lines: [
            `Đã nhập tệp xác nhận của tệp đồng bộ số ${reply.data.fileNumber}: ${formatCount(reply.data.marked)} mục (đánh giá và lý do) được đánh dấu đã đồng bộ.`,
            `Còn ${formatCount(reply.data.pendingCount)} đánh giá và ${formatCount(reply.data.pendingReasonAnswers)} câu trả lời lý do chờ gửi.`,
          ],
        });
      } else if (!handleSessionError(reply.error)) setOutcome({ ok: false, error: reply.error });
    } else if (file.kind === 'pin-reset') {
      const reply = await api.importPinResetFile({ path: file.path });
      if (reply.ok) {
        setOutcome({
          ok: true,
          lines: [
            `Đã đặt lại mã PIN của ${roleLabels[reply.data.role]}.`,
            'Đăng nhập bằng mã dùng một lần do máy chủ trung tâm cung cấp, rồi đặt mã PIN mới. Tệp này không dùng lại được: hãy xóa tệp khỏi USB.',
          ],
        });
      } else if (!handleSessionError(reply.error)) setOutcome({ ok: false, error: reply.error });
    } else {
      await applyProvisioning(file);
    }
    setBusy(null);
  };

  const applyProvisioning = async (file: ImportableFile, confirmedFingerprint?: string) => {
    setToConfirm(null);
    const reply = await api.importProvisioningFile(confirmedFingerprint === undefined ? { path: file.path } : { path: file.path, confirmedFingerprint });
    if (reply.ok && !reply.data.applied) setToConfirm({ file, preview: reply.data });
    else if (reply.ok) {
      const d = reply.data;
      setOutcome({
        ok: true,
        lines: [
          `Đã áp dụng cấu hình: ${d.officeName} (${d.officeCode}), quầy ${d.counterNumber}${d.kioskLabel === null ? '' : ` – ${d.kioskLabel}`}.`,
          `Thang ${d.scaleId.replace('vn-', '')} mức · ${d.endpoint ?? 'Văn phòng không có mạng (chỉ tệp đồng bộ)'}${d.serviceAreaCount === null ? '' : ` · ${d.serviceAreaCount} lĩnh vực`}.`,
          ...(d.pinnedCentralKey ? ['Đã ghi nhận khóa của máy chủ trung tâm.'] : []),
          'Tệp cấu hình chứa mã bí mật: hãy xóa tệp khỏi USB sau khi dùng.',
        ],
      });
      onProvisioned?.();
    } else if (!handleSessionError(reply.error)) setOutcome({ ok: false, error: reply.error });
  };

  const confirm = async (file: ImportableFile, fingerprint: string) => {
    setBusy(file.path);
    setOutcome(null);
    await applyProvisioning(file, fingerprint);
    setBusy(null);
  };

  return (
    <div className="it-card">
      <h3 className="staff-section-title">Nhập tệp từ USB</h3>
      <p className="staff-note">{kinds.map((kind) => kindNotes[kind]).join(' ')}</p>
      {folder === null && <p className="form-hint">Chọn thư mục USB trước.</p>}
      {folder !== null && (
        <button type="button" className="staff-button" onClick={list}>
          Đọc lại thư mục
        </button>
      )}
      {folder !== null && files === null && <p className="staff-note">Đang đọc thư mục…</p>}
      {files !== null && !Array.isArray(files) && (
        <div className="staff-message staff-message--problem it-message" role="alert">
          <p>{files.message}</p>
          {files.detail !== undefined && <p className="it-detail">{files.detail}</p>}
        </div>
      )}
      {Array.isArray(files) && files.length === 0 && <p className="staff-note">Không có {kinds.map((kind) => kindLabels[kind].toLowerCase()).join(' hoặc ')} trong thư mục này.</p>}
      {Array.isArray(files) && files.length > 0 && (
        <ul className="it-file-list">
          {files.map((f) => (
            <li key={f.path} className="it-file-row">
              <span className="it-file-name">
                <strong>{kindLabels[f.kind]}</strong> {f.name}
                <span className="form-hint">
                  {' '}
                  · {formatBytes(f.bytes)} · {formatInstant(f.modifiedAt)}
                </span>
              </span>
              <button type="button" className="staff-button staff-button--primary" disabled={busy !== null} onClick={() => void importFile(f)} aria-label={`Nhập ${f.name}`}>
                {busy === f.path ? 'Đang nhập…' : 'Nhập'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {toConfirm !== null && (
        <div className="staff-message it-message" role="dialog" aria-label="Xác nhận khóa máy chủ trung tâm">
          <p>
            <strong>{toConfirm.file.name}</strong>: {toConfirm.preview.officeName} ({toConfirm.preview.officeCode}), quầy {toConfirm.preview.counterNumber} ·{' '}
            {toConfirm.preview.endpoint ?? 'Văn phòng không có mạng (chỉ tệp đồng bộ)'}
          </p>
          <p>{CONFIRM_KEY_NOTE}</p>
          <p className="it-fingerprint" data-testid="central-key-fingerprint">
            {toConfirm.preview.centralKeyFingerprint}
          </p>
          <div className="button-row">
            <button type="button" className="staff-button staff-button--primary" disabled={busy !== null} onClick={() => void confirm(toConfirm.file, toConfirm.preview.centralKeyFingerprint)}>
              Dấu vân tay giống hệt: áp dụng cấu hình
            </button>
            <button type="button" className="staff-button" disabled={busy !== null} onClick={() => setToConfirm(null)}>
              Huỷ
            </button>
          </div>
        </div>
      )}
      {outcome !== null && (
        <div className={`staff-message it-message ${outcome.ok ? 'staff-message--ok' : 'staff-message--problem'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.ok ? (
            outcome.lines.map((line) => <p key={line}>{line}</p>)
          ) : (
            <>
              <p>{outcome.error.message}</p>
              {outcome.error.detail !== undefined && <p className="it-detail">{outcome.error.detail}</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
