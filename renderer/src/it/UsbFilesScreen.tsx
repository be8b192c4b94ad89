// "Tệp đồng bộ (USB)": choose the stick's folder, export a sync file, import ack and
// provisioning files, export the enrollment file for central.
import { useState } from 'react';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { useStaffSession } from '../staff/staff-session-context';
import { FolderPicker } from './FolderPicker';
import { ImportFiles } from './ImportFiles';
import { SyncFileExport } from './SyncFileExport';

export function UsbFilesScreen({ folder, onChooseFolder, onProvisioned }: { folder: string | null; onChooseFolder: (folder: string) => void; onProvisioned?: () => void }) {
  return (
    <section className="it-usb">
      <div className="it-card">
        <FolderPicker folder={folder} onChoose={onChooseFolder} />
      </div>
      <SyncFileExport folder={folder} />
      <ImportFiles folder={folder} {...(onProvisioned === undefined ? {} : { onProvisioned })} />
      <EnrollmentExport folder={folder} />
    </section>
  );
}

function EnrollmentExport({ folder }: { folder: string | null }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [result, setResult] = useState<{ fileName: string; publicKeyFingerprint: string } | KioskError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (folder === null) return;
    setBusy(true);
    const reply = await api.exportEnrollmentFile({ folder });
    setBusy(false);
    if (reply.ok) setResult(reply.data);
    else if (!handleSessionError(reply.error)) setResult(reply.error);
  };

  return (
    <div className="it-card">
      <h3 className="staff-section-title">Tệp đăng ký thiết bị</h3>
      <p className="staff-note">Mang khóa công khai của máy này tới máy chủ trung tâm (lệnh “device enroll”). Không chứa bí mật nào.</p>
      <button type="button" className="staff-button" disabled={folder === null || busy} onClick={() => void run()}>
        Xuất tệp đăng ký thiết bị
      </button>
      {result !== null && 'code' in result && (
        <div className="staff-message staff-message--problem it-message" role="alert">
          <p>{result.message}</p>
          {result.detail !== undefined && <p className="it-detail">{result.detail}</p>}
        </div>
      )}
      {result !== null && !('code' in result) && (
        <div className="staff-message staff-message--ok it-message" role="status">
          <p>Đã ghi {result.fileName}.</p>
          <p>
            Dấu vân tay khóa: <span className="it-mono">{result.publicKeyFingerprint}</span>
          </p>
        </div>
      )}
    </div>
  );
}
