// The IT admin's home (issue 5): four tabs — device settings (the first-run setup screen too),
// USB sync files, status and diagnostics, the settings audit log. The USB folder chosen in one
// tab stays chosen in the others.
import { useEffect, useState, type ReactNode } from 'react';
import { useKioskApi } from '../api/kiosk-api-context';
import { roleMayCall } from '../../../shared/contract';
import { ExitKioskButton } from '../staff/ExitKioskButton';
import { ReferenceLookupScreen } from '../staff/ReferenceLookupScreen';
import { useStaffSession } from '../staff/staff-session-context';
import { AuditLogScreen } from './AuditLogScreen';
import { DeviceSettingsScreen } from './DeviceSettingsScreen';
import { DiagnosticsScreen } from './DiagnosticsScreen';
import { UsbFilesScreen } from './UsbFilesScreen';
import './it-admin.css';

export type ItTab = 'settings' | 'usb' | 'diagnostics' | 'audit' | 'reference';

export const itTabLabels: Record<ItTab, string> = {
  settings: 'Cài đặt thiết bị',
  usb: 'Tệp đồng bộ (USB)',
  diagnostics: 'Trạng thái & chẩn đoán',
  audit: 'Nhật ký thay đổi',
  reference: 'Tra cứu mã phản ánh',
};
const tabs = Object.keys(itTabLabels) as ItTab[];

export function ItHome({ onChangePin, notice = null }: { onChangePin?: () => void; notice?: string | null }) {
  const api = useKioskApi();
  const { session } = useStaffSession();
  // Issue 15: the reference lookup's tab, as the contract lets this role call it.
  const shownTabs = tabs.filter((t) => t !== 'reference' || roleMayCall(session.role, 'findRatingByReference'));
  const [tab, setTab] = useState<ItTab | null>(null);
  const [needsSetup, setNeedsSetup] = useState<boolean | null>(null);
  const [folder, setFolder] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getSetupState({}).then((reply) => {
      if (!live) return;
      const first = reply.ok && reply.data.needsSetup;
      setNeedsSetup(first);
      // A fresh kiosk opens on its setup screen; a working one on its status.
      setTab((t) => t ?? (first ? 'settings' : 'diagnostics'));
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (tab === null) return <p className="staff-note">Đang tải…</p>;

  let panel: ReactNode;
  switch (tab) {
    case 'settings':
      panel = <DeviceSettingsScreen onSaved={(s) => setNeedsSetup(s.needsSetup)} onOpenUsb={() => setTab('usb')} />;
      break;
    case 'usb':
      panel = <UsbFilesScreen folder={folder} onChooseFolder={setFolder} onProvisioned={() => setNeedsSetup(false)} />;
      break;
    case 'diagnostics':
      panel = <DiagnosticsScreen folder={folder} onChooseFolder={setFolder} />;
      break;
    case 'audit':
      panel = <AuditLogScreen />;
      break;
    case 'reference':
      panel = <ReferenceLookupScreen />;
      break;
  }

  return (
    <div className="it-home">
      {notice !== null && (
        <p className="staff-message staff-message--ok" role="status">
          {notice}
        </p>
      )}
      {needsSetup === true && (
        <p className="staff-message it-setup-banner" role="status">
          Máy đánh giá chưa được cài đặt: lưu “Cài đặt thiết bị” hoặc nhập tệp cấu hình từ USB.
        </p>
      )}
      <div className="it-tab-row">
        <div className="it-tabs" role="tablist" aria-label="Cán bộ CNTT">
          {shownTabs.map((t) => (
            <button key={t} type="button" role="tab" id={`it-tab-${t}`} aria-selected={tab === t} aria-controls="it-panel" className="it-tab" onClick={() => setTab(t)}>
              {itTabLabels[t]}
            </button>
          ))}
        </div>
        {onChangePin !== undefined && (
          <button type="button" className="staff-button staff-button--quiet" onClick={onChangePin}>
            Đổi mã PIN
          </button>
        )}
      </div>
      <div className="it-panel" id="it-panel" role="tabpanel" aria-labelledby={`it-tab-${tab}`}>
        {panel}
      </div>
      <ExitKioskButton />
    </div>
  );
}
