// The kiosk's two faces: the citizen screen, and — after a 3-second hold on the office name —
// the staff area over it. Closing the staff area (or its 2-minute idle) brings the citizen back.
// The citizen screen is in the entry chunk; the staff area is fetched on demand (see
// staff/load-staff-area.ts) and shows "Đang mở…" until it is there.
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { CitizenScreen } from './screens/CitizenScreen';
import { loadStaffArea } from './staff/load-staff-area';
import { useSyncWhenOnline } from './sync/use-sync-status';
import { useKioskTimeZoneSetting } from './time/kiosk-time-zone';

export const STAFF_AREA_OPENING = 'Đang mở khu vực cán bộ…';
export const STAFF_AREA_FAILED = 'Không mở được khu vực cán bộ. Vui lòng thử lại hoặc khởi động lại máy đánh giá.';

const lazyStaffArea = () => lazy(() => loadStaffArea().then((module) => ({ default: module.StaffArea })));

export function KioskApp() {
  useSyncWhenOnline();
  const [staffOpen, setStaffOpen] = useState(false);
  useKioskTimeZoneSetting(staffOpen);
  // A new lazy component after a failed load, so the next opening fetches again.
  const [StaffArea, setStaffArea] = useState(lazyStaffArea);
  if (!staffOpen) return <CitizenScreen onStaffEntry={() => setStaffOpen(true)} />;
  const close = () => setStaffOpen(false);
  return (
    <StaffAreaFailure
      onClose={() => {
        setStaffArea(lazyStaffArea);
        close();
      }}
    >
      <Suspense
        fallback={
          <StaffAreaFrame onClose={close} failed={false}>
            {STAFF_AREA_OPENING}
          </StaffAreaFrame>
        }
      >
        <StaffArea onClose={close} />
      </Suspense>
    </StaffAreaFailure>
  );
}

/**
 * The staff area's frame while its chunk loads (normally a blink: the hold started fetching
 * it), or when it could not be loaded. "Đóng" works in both, as in the staff area itself.
 */
function StaffAreaFrame({ children, onClose, failed }: { children: ReactNode; onClose: () => void; failed: boolean }) {
  return (
    <div className="staff-opening" data-testid="staff-area-opening">
      <header className="staff-opening-bar">
        <span className="staff-opening-title">Khu vực cán bộ</span>
        <button type="button" className="staff-opening-close" onClick={onClose}>
          Đóng
        </button>
      </header>
      <p className="staff-opening-text" role={failed ? 'alert' : 'status'}>
        {children}
      </p>
    </div>
  );
}

/** The chunk could not be loaded (a damaged install): say so, and let staff go back. */
class StaffAreaFailure extends Component<{ onClose: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? (
      <StaffAreaFrame onClose={this.props.onClose} failed>
        {STAFF_AREA_FAILED}
      </StaffAreaFrame>
    ) : (
      this.props.children
    );
  }
}
