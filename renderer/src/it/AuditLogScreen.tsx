// "Nhật ký thay đổi": every change to the device settings, newest first. Secrets show as '••••'.
import { useEffect, useState } from 'react';
import type { SettingsAuditEntry } from '../../../shared/contract/it-admin';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { useStaffSession } from '../staff/staff-session-context';
import { formatAuditValue, formatInstant, settingLabel } from './it-format';

const viaLabels: Record<SettingsAuditEntry['via'], string> = {
  'setup-screen': 'màn hình cài đặt',
  'provisioning-file': 'tệp cấu hình',
  'kiosk-cli': 'dòng lệnh',
  'staff-area': 'khu vực cán bộ',
};

export function AuditLogScreen() {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [entries, setEntries] = useState<SettingsAuditEntry[] | KioskError | null>(null);

  useEffect(() => {
    let live = true;
    void api.listSettingsAudit({ limit: 200 }).then((reply) => {
      if (!live) return;
      if (reply.ok) setEntries(reply.data);
      else if (!handleSessionError(reply.error)) setEntries(reply.error);
    });
    return () => {
      live = false;
    };
  }, [api, handleSessionError]);

  if (entries === null) return <p className="staff-note">Đang tải…</p>;
  if (!Array.isArray(entries))
    return (
      <p className="staff-message staff-message--problem" role="alert">
        {entries.message}
      </p>
    );
  if (entries.length === 0) return <p className="staff-note">Chưa có thay đổi nào.</p>;
  return (
    <table className="staff-table it-audit">
      <thead>
        <tr>
          <th scope="col">Thời gian</th>
          <th scope="col">Người thay đổi</th>
          <th scope="col">Cài đặt</th>
          <th scope="col">Trước</th>
          <th scope="col">Sau</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{formatInstant(e.at)}</td>
            <td>
              {e.actorName}
              <span className="form-hint"> · {viaLabels[e.via]}</span>
            </td>
            <td>{settingLabel(e.key)}</td>
            <td className="it-audit-value">{formatAuditValue(e.key, e.oldValue)}</td>
            <td className="it-audit-value">{formatAuditValue(e.key, e.newValue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
