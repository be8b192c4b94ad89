// The signed-in person's home: what their role may do, as large tiles; each opens a page with
// a way back. A tile shows iff the contract lets the role call the methods its page needs
// (`access` in shared/contract): today an officer gets shift, dashboard, reports, PIN; a
// section head dashboard, reports, officers, service areas, dashboard setting, PIN reset file,
// PIN; the IT admin renderer/src/it/ItHome (and PIN; its USB tab imports reset files). In
// Electron, the section head and the IT admin may also leave kiosk mode (ExitKioskButton).
import { useState, type ReactNode } from 'react';
import { roleMayCall, type MethodName } from '../../../shared/contract';
import type { StaffRole } from '../../../shared/staff';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { ItHome } from '../it/ItHome';
import { ReportsScreen } from '../reports/ReportsScreen';
import { ChangePinScreen, PIN_CHANGED } from './ChangePinScreen';
import { DashboardSettingsScreen } from './DashboardSettingsScreen';
import { ExitKioskButton } from './ExitKioskButton';
import { OfficersScreen } from './OfficersScreen';
import { PinResetFileScreen } from './PinResetFileScreen';
import { ReferenceLookupScreen } from './ReferenceLookupScreen';
import { ServiceAreasScreen } from './ServiceAreasScreen';
import { ShiftPanel } from './ShiftPanel';
import { useStaffSession } from './staff-session-context';

type Page = 'dashboard' | 'reports' | 'officers' | 'service-areas' | 'dashboard-settings' | 'pin-reset-file' | 'reference-lookup' | 'change-pin';

const pageTitles: Record<Page, string> = {
  dashboard: 'Thống kê đánh giá',
  reports: 'Báo cáo',
  officers: 'Cán bộ',
  'service-areas': 'Lĩnh vực',
  'dashboard-settings': 'Cài đặt thống kê',
  'pin-reset-file': 'Đặt lại mã PIN bằng tệp',
  'reference-lookup': 'Tra cứu mã phản ánh',
  'change-pin': 'Đổi mã PIN',
};

/** What each page calls (in tile order); a role sees the tile only if it may call them all. */
const pageMethods: Record<Page, readonly MethodName[]> = {
  dashboard: ['getTallies'],
  reports: ['getTallies', 'exportReport'],
  officers: ['listOfficers', 'saveOfficer'],
  'service-areas': ['listServiceAreas', 'saveServiceAreas'],
  'dashboard-settings': ['saveDashboardSettings'],
  'pin-reset-file': ['listUsbFolders', 'listImportableFiles', 'importPinResetFile'],
  'reference-lookup': ['findRatingByReference'],
  'change-pin': ['changePin'],
};

const mayCallAll = (role: StaffRole, methods: readonly MethodName[]) => methods.every((name) => roleMayCall(role, name));
const pagesFor = (role: StaffRole): Page[] => (Object.keys(pageMethods) as Page[]).filter((page) => mayCallAll(role, pageMethods[page]));
/** The IT admin's own home (device settings, USB files, status, audit log). */
const itHomeMethods: readonly MethodName[] = ['getDeviceSettings', 'saveDeviceSettings', 'getDiagnostics'];
/** The shift panel (an officer's start and end of shift). */
const shiftMethods: readonly MethodName[] = ['getCurrentShift', 'listServiceAreas', 'startShift', 'endShift'];

export function StaffHome() {
  const { session, replaceSession } = useStaffSession();
  const [page, setPage] = useState<Page | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const home = () => setPage(null);

  if (page !== null) {
    let content: ReactNode;
    switch (page) {
      case 'dashboard':
        content = <DashboardScreen />;
        break;
      case 'reports':
        content = <ReportsScreen />;
        break;
      case 'officers':
        content = <OfficersScreen />;
        break;
      case 'service-areas':
        content = <ServiceAreasScreen />;
        break;
      case 'dashboard-settings':
        content = <DashboardSettingsScreen />;
        break;
      case 'pin-reset-file':
        content = <PinResetFileScreen />;
        break;
      case 'reference-lookup':
        content = <ReferenceLookupScreen />;
        break;
      case 'change-pin':
        content = (
          <ChangePinScreen
            forced={false}
            onCancel={home}
            onDone={(next) => {
              replaceSession(next);
              setNotice(PIN_CHANGED);
              home();
            }}
          />
        );
        break;
    }
    return (
      <div className="staff-page">
        <nav className="staff-page-nav">
          <button type="button" className="staff-button staff-button--quiet" onClick={home}>
            ‹ Trang chính
          </button>
          <h2 className="staff-page-title">{pageTitles[page]}</h2>
        </nav>
        {content}
      </div>
    );
  }

  // The IT admin's home is its own (renderer/src/it/): device settings, USB files, status, audit log.
  if (mayCallAll(session.role, itHomeMethods)) {
    return (
      <ItHome
        notice={notice}
        onChangePin={() => {
          setNotice(null);
          setPage('change-pin');
        }}
      />
    );
  }

  return (
    <div className="staff-home">
      {notice !== null && (
        <p className="staff-message staff-message--ok" role="status">
          {notice}
        </p>
      )}
      {mayCallAll(session.role, shiftMethods) && <ShiftPanel />}
      <div className="menu-grid">
        {pagesFor(session.role).map((p) => (
          <button
            key={p}
            type="button"
            className="menu-tile"
            onClick={() => {
              setNotice(null);
              setPage(p);
            }}
          >
            {pageTitles[p]}
          </button>
        ))}
      </div>
      <ExitKioskButton />
    </div>
  );
}
