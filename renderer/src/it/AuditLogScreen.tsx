// "Nhật ký thay đổi": every change to the device settings, then every PIN event (lockouts,
// resets, setup codes, initial PINs, the end of the default PIN), newest first. Secrets show as
// '••••'; PIN events never hold a PIN, a code or a hash.
import { useCallback, useEffect, useState } from 'react';
import type { PinAuditEntry, SettingsAuditEntry } from '../../../shared/contract/it-admin';
import type { KioskError, Result } from '../../../shared/result';
import { roleLabels } from '../../../shared/staff';
import { useKioskApi } from '../api/kiosk-api-context';
import { useStaffSession } from '../staff/staff-session-context';
import { formatAuditValue, formatInstant, settingLabel } from './it-format';

const viaLabels: Record<SettingsAuditEntry['via'] | PinAuditEntry['via'], string> = {
  'setup-screen': 'màn hình cài đặt',
  'provisioning-file': 'tệp cấu hình',
  'kiosk-cli': 'dòng lệnh',
  'staff-area': 'khu vực cán bộ',
  'pin-reset-file': 'tệp đặt lại mã PIN',
};

function pinEventText(e: PinAuditEntry): string {
  switch (e.event) {
    case 'locked':
      return `Khóa tạm sau ${e.failures ?? '?'} lần nhập sai, đến ${formatInstant(e.retryAt)}`;
    case 'reset':
      return 'Đặt lại mã PIN (mã dùng một lần)';
    case 'setup-code':
      return 'Đặt mã cài đặt dùng một lần';
    case 'setup-code-used':
      return 'Đã đăng nhập bằng mã cài đặt';
    case 'initial-pin':
      return 'Đặt mã PIN ban đầu';
    case 'default-pin-ended':
      return 'Mã PIN mặc định 123456 đã bị xóa';
  }
}

const accountText = (a: PinAuditEntry['account']) => (a.kind === 'role' ? roleLabels[a.role] : (a.officerName ?? 'Cán bộ (không còn trên máy)'));

/** One list from the backend: null while loading, the error when refused. */
function useAuditList<T>(load: () => Promise<Result<T[]>>): T[] | KioskError | null {
  const { handleSessionError } = useStaffSession();
  const [entries, setEntries] = useState<T[] | KioskError | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((reply) => {
      if (!live) return;
      if (reply.ok) setEntries(reply.data);
      else if (!handleSessionError(reply.error)) setEntries(reply.error);
    });
    return () => {
      live = false;
    };
  }, [load, handleSessionError]);
  return entries;
}

/** What a list says instead of its table: loading, refused, or empty (null once it has rows). */
function ListStatus({ entries, empty }: { entries: unknown[] | KioskError | null; empty: string }) {
  if (entries === null) return <p className="staff-note">Đang tải…</p>;
  if (!Array.isArray(entries))
    return (
      <p className="staff-message staff-message--problem" role="alert">
        {entries.message}
      </p>
    );
  return entries.length === 0 ? <p className="staff-note">{empty}</p> : null;
}

export function AuditLogScreen() {
  const api = useKioskApi();
  const loadSettings = useCallback(() => api.listSettingsAudit({ limit: 200 }), [api]);
  const loadPins = useCallback(() => api.listPinAudit({ limit: 200 }), [api]);
  const settings = useAuditList(loadSettings);
  const pins = useAuditList(loadPins);

  return (
    <section>
      <h3 className="staff-section-title">Thay đổi cài đặt</h3>
      <ListStatus entries={settings} empty="Chưa có thay đổi nào." />
      {Array.isArray(settings) && settings.length > 0 && (
        <table className="staff-table it-audit" aria-label="Thay đổi cài đặt">
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
            {settings.map((e) => (
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
      )}
      <h3 className="staff-section-title">Mã PIN</h3>
      <ListStatus entries={pins} empty="Chưa có sự kiện mã PIN nào." />
      {Array.isArray(pins) && pins.length > 0 && (
        <table className="staff-table it-audit" aria-label="Sự kiện mã PIN">
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Tài khoản</th>
              <th scope="col">Sự kiện</th>
              <th scope="col">Người thực hiện</th>
            </tr>
          </thead>
          <tbody>
            {pins.map((e) => (
              <tr key={e.id}>
                <td>{formatInstant(e.at)}</td>
                <td>{accountText(e.account)}</td>
                <td>{pinEventText(e)}</td>
                <td>
                  {e.actorName ?? 'Người đứng tại máy'}
                  <span className="form-hint"> · {viaLabels[e.via]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
