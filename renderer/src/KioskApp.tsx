// The kiosk's two faces: the citizen screen, and — after a 3-second hold on the office name —
// the staff area over it. Closing the staff area (or its 2-minute idle) brings the citizen back.
import { useState } from 'react';
import { CitizenScreen } from './screens/CitizenScreen';
import { StaffArea } from './staff/StaffArea';
import { useSyncWhenOnline } from './sync/use-sync-status';

export function KioskApp() {
  useSyncWhenOnline();
  const [staffOpen, setStaffOpen] = useState(false);
  return staffOpen ? <StaffArea onClose={() => setStaffOpen(false)} /> : <CitizenScreen onStaffEntry={() => setStaffOpen(true)} />;
}
