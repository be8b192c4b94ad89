// One valid input per contract method, for tests that call every method (the access matrix).
// Typed as a complete record: a new method fails typecheck here until it has one.
import type { MethodInput, MethodName } from '../../shared/contract';
import { SECTION_HEAD } from './staff-fixture';
import { validSettings } from './it-admin-fixture';

/** `folder`: a folder for the USB methods (a fresh temporary one, so nothing real is touched). */
export function minimalInputs(folder: string): { [N in MethodName]: MethodInput<N> } {
  const range = { from: '2026-11-23', to: '2026-11-23' };
  return {
    getHomeScreen: {},
    submitRating: { scale: 'vn-3', level: 1 },
    submitReasons: { ratingId: '3f1c1d7e-8a55-4b7e-9a0e-2d6f1f3b9c01', reasonCodes: ['WAIT'] },
    checkDossierCode: { dossierCode: 'HS-0001' },
    getSyncStatus: {},
    syncNow: { reason: 'manual' },
    listSignInChoices: {},
    staffSignIn: { subject: SECTION_HEAD, pin: '000000' },
    staffSignOut: {},
    getStaffSession: {},
    changePin: { currentPin: '000000', newPin: '582047' },
    listOfficers: {},
    saveOfficer: { officer: { id: null, code: 'CB99', name: 'Trần Văn Bình', title: 'Chuyên viên', photoDataUrl: null, active: true }, initialPin: '246810' },
    listServiceAreas: {},
    saveServiceAreas: { areas: [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }] },
    saveDashboardSettings: { officerMinimumRatings: 5 },
    startShift: { serviceCode: null },
    setShiftServiceArea: { serviceCode: null },
    endShift: {},
    getCurrentShift: {},
    getTallies: { range },
    exportReport: { range, format: 'csv' },
    savePdfReport: { fileName: 'bao-cao.pdf' },
    getSetupState: {},
    getDeviceSettings: {},
    saveDeviceSettings: validSettings(),
    listSettingsAudit: { limit: 5 },
    listPinAudit: { limit: 5 },
    listUsbFolders: {},
    chooseFolder: {},
    exitKiosk: {},
    exportSyncFile: { folder },
    listImportableFiles: { folder },
    importAckFile: { path: `${folder}/x.hlack` },
    importProvisioningFile: { path: `${folder}/x.hlprov` },
    importPinResetFile: { path: `${folder}/x.hlreset` },
    exportEnrollmentFile: { folder },
    getDiagnostics: {},
    runIntegrityCheck: {},
    exportDiagnosticsBundle: { folder },
    findRatingByReference: { referenceCode: 'HL-00000-00000' },
  };
}
