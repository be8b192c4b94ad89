// Choose the USB folder: the removable drives the backend found (and KIOSK_USB_DIRS), a path
// typed by hand, or (in Electron only) the native folder dialog. Every way ends in the same
// path, which the backend checks when it is used. The choice is shared by the USB and
// diagnostics tabs (ItHome keeps it).
import { useEffect, useId, useState } from 'react';
import type { UsbFolder } from '../../../shared/contract/it-admin';
import { useKioskApi } from '../api/kiosk-api-context';
import { useHostHasMethod } from '../api/host-context';
import { useStaffSession } from '../staff/staff-session-context';

export function FolderPicker({ folder, onChoose }: { folder: string | null; onChoose: (folder: string) => void }) {
  const api = useKioskApi();
  // Electron only (host: 'electron'); browser mode would answer NOT_SUPPORTED, so no button.
  const canChooseFolder = useHostHasMethod('chooseFolder');
  const { handleSessionError } = useStaffSession();
  const id = useId();
  // Each scan has a number; the answer shown is the latest scan's (null while it runs).
  const [scanRequest, setScanRequest] = useState(0);
  const [answer, setAnswer] = useState<{ request: number; folders: UsbFolder[] } | null>(null);
  const found = answer?.request === scanRequest ? answer.folders : null;
  const [typed, setTyped] = useState('');
  const [dialogProblem, setDialogProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.listUsbFolders({}).then((reply) => {
      if (!live) return;
      if (reply.ok) setAnswer({ request: scanRequest, folders: reply.data });
      else if (!handleSessionError(reply.error)) setAnswer({ request: scanRequest, folders: [] });
    });
    return () => {
      live = false;
    };
  }, [api, handleSessionError, scanRequest]);
  const scan = () => setScanRequest((n) => n + 1);

  const openDialog = async () => {
    setDialogProblem(null);
    const reply = await api.chooseFolder({});
    if (reply.ok) {
      // Shown in the path box too, so the IT admin sees (and may correct) what was picked.
      setTyped(reply.data.path);
      onChoose(reply.data.path);
    } else if (reply.error.code !== 'CANCELLED' && !handleSessionError(reply.error)) {
      setDialogProblem(reply.error.message);
    }
  };

  return (
    <div className="it-folder-picker">
      <p className="form-label" id={`${id}-found`}>
        Thư mục USB
      </p>
      {found === null && <p className="staff-note">Đang tìm USB…</p>}
      {found !== null && found.length === 0 && <p className="staff-note">Chưa thấy USB nào. Cắm USB rồi bấm “Tìm lại USB”, hoặc nhập đường dẫn bên dưới.</p>}
      {found !== null && found.length > 0 && (
        <div className="it-choices" role="radiogroup" aria-labelledby={`${id}-found`}>
          {found.map((f) => (
            <button key={f.path} type="button" role="radio" aria-checked={folder === f.path} className="choice-tile choice-tile--text it-choice it-folder" onClick={() => onChoose(f.path)}>
              <span className="it-mono">{f.path}</span>
              <span className="choice-title">{f.source === 'removable' ? 'Ổ di động' : 'Thư mục đã cấu hình'}</span>
            </button>
          ))}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="staff-button" onClick={scan}>
          Tìm lại USB
        </button>
        {canChooseFolder && (
          <button type="button" className="staff-button" onClick={() => void openDialog()}>
            Chọn thư mục
          </button>
        )}
        <label className="visually-hidden" htmlFor={`${id}-typed`}>
          Đường dẫn thư mục
        </label>
        <input id={`${id}-typed`} className="form-input it-path-input" placeholder="Hoặc nhập đường dẫn, ví dụ E:\ hoặc /media/usb" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="button" className="staff-button" disabled={typed.trim() === ''} onClick={() => onChoose(typed.trim())}>
          Dùng thư mục này
        </button>
      </div>
      {dialogProblem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {dialogProblem}
        </p>
      )}
      {folder !== null && (
        <p className="it-chosen" data-testid="chosen-folder">
          Đang chọn: <strong>{folder}</strong>
        </p>
      )}
    </div>
  );
}
