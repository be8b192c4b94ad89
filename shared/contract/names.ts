// The contract's method names and the channels derived from them — no schema, no zod. The
// preload needs only this (a sandboxed preload is one bundled file, and it never parses
// anything: the backend parses every call, the renderer every reply). `index.ts` checks this
// list against the declared methods when it loads, and tsc checks the types, so the list
// cannot drift from the contract: a method declared without its name here (or the reverse)
// fails typecheck and throws at load.
export const methodNames = [
  // kiosk.ts
  'getHomeScreen',
  // ratings.ts
  'submitRating',
  'submitReasons',
  'checkDossierCode',
  // sync.ts
  'getSyncStatus',
  'syncNow',
  // staff.ts
  'listSignInChoices',
  'staffSignIn',
  'staffSignOut',
  'getStaffSession',
  'changePin',
  'listOfficers',
  'saveOfficer',
  'listServiceAreas',
  'saveServiceAreas',
  'saveDashboardSettings',
  'startShift',
  'setShiftServiceArea',
  'endShift',
  'getCurrentShift',
  // reports.ts
  'getTallies',
  'exportReport',
  'savePdfReport',
  // it-admin.ts
  'getSetupState',
  'getDeviceSettings',
  'saveDeviceSettings',
  'listSettingsAudit',
  'listPinAudit',
  'listUsbFolders',
  'chooseFolder',
  'exitKiosk',
  'exportSyncFile',
  'listImportableFiles',
  'importAckFile',
  'importProvisioningFile',
  'importPinResetFile',
  'exportEnrollmentFile',
  'getDiagnostics',
  'runIntegrityCheck',
  'exportDiagnosticsBundle',
  // report-path.ts
  'findRatingByReference',
] as const;

export type MethodName = (typeof methodNames)[number];

/**
 * The methods declared `host: 'electron'` (index.ts checks this list against the declarations,
 * in types and at load): what a page asks before offering them (`hostHasMethod`), without zod.
 */
export const electronMethodNames = ['savePdfReport', 'chooseFolder', 'exitKiosk'] as const satisfies readonly MethodName[];
export type ElectronMethodName = (typeof electronMethodNames)[number];
/** Which host serves the page: the preload puts `host: 'electron'` beside the methods; browser mode has no bridge. */
export type HostKind = 'electron' | 'browser';
/** Whether a host answers a method at all (otherwise it answers NOT_SUPPORTED). */
export function hostHasMethod(host: HostKind, name: MethodName): boolean {
  return host === 'electron' || !(electronMethodNames as readonly string[]).includes(name);
}

/** The key under which the preload puts the bridge on `window`. */
export const bridgeKey = 'kioskBridge';
/** Electron: the one IPC channel carrying every pushed event. */
export const eventChannel = 'kiosk:event';
/** Browser mode: the server-sent events route. */
export const eventsPath = '/api/events';
/** Electron: the IPC channel of a method. */
export const ipcChannel = (name: MethodName): string => `kiosk:${name}`;
/** The browser host's route for a method. */
export const httpPath = (name: MethodName): string => `/api/${name}`;

/**
 * Throws unless `declared` (the contract's keys) and `methodNames` hold the same names, each
 * once. Called by index.ts at load.
 */
export function checkMethodNames(declared: readonly string[]): void {
  const listed = new Set<string>(methodNames);
  const missing = declared.filter((name) => !listed.has(name));
  const extra = methodNames.filter((name) => !declared.includes(name));
  const repeated = methodNames.filter((name, i) => methodNames.indexOf(name) !== i);
  if (missing.length + extra.length + repeated.length > 0) {
    throw new Error(
      `shared/contract/names.ts does not match the contract: not listed [${missing.join(', ')}], ` +
        `listed but not declared [${extra.join(', ')}], listed twice [${repeated.join(', ')}]`,
    );
  }
}
