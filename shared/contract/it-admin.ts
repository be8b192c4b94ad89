// The IT admin's side of the kiosk (issue 5): device settings and first-run setup, USB sync
// files, status and diagnostics, the settings audit log. Every method's access is the 'it-admin'
// role except getSetupState, which the citizen screen reads, and the PIN reset file's import
// (with the folder listing it needs), which the section head may use too: one of the two shared
// roles recovers the other's forgotten or locked PIN with central's signed file.
import { z } from 'zod';
import { deviceSettingKeys, deviceSettingsInputSchema, deviceSettingsSchema } from '../device-settings';
import { scaleIdSchema } from '../scales';
import { incidentKinds } from '../sync/incident';
import { pinSchema, sharedRoles, staffRoleSchema } from '../staff';
import { defineMethods } from './method';
import { syncProblemSchema } from './sync';

const none = z.strictObject({});
/** An absolute folder (USB stick) on the kiosk; the backend checks it exists. */
const folderSchema = z.string().trim().min(1, 'Chưa chọn thư mục').max(1024, 'Đường dẫn quá dài');
const filePathSchema = z.string().trim().min(1, 'Chưa chọn tệp').max(1200, 'Đường dẫn quá dài');

export const usbFolderSchema = z.object({
  path: z.string(),
  /** Where it was found: a removable drive, or KIOSK_USB_DIRS. */
  source: z.enum(['removable', 'configured']),
});
export type UsbFolder = z.infer<typeof usbFolderSchema>;

export const importableFileKinds = ['ack', 'provisioning', 'pin-reset'] as const;
export type ImportableFileKind = (typeof importableFileKinds)[number];

export const importableFileSchema = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(importableFileKinds),
  bytes: z.number().int().nonnegative(),
  modifiedAt: z.string(),
});
export type ImportableFile = z.infer<typeof importableFileSchema>;

export const diagnosticsSchema = z.object({
  appVersion: z.string(),
  deviceId: z.string(),
  /** The device's public key (raw, base64) and a short fingerprint to read over the phone. */
  publicKey: z.string(),
  publicKeyFingerprint: z.string(),
  officeCode: z.string().nullable(),
  officeName: z.string(),
  counterNumber: z.number().int(),
  needsSetup: z.boolean(),
  endpoint: z.string().nullable(),
  tokenSet: z.boolean(),
  clock: z.string(),
  timeZone: z.string(),
  ratingsCount: z.number().int().nonnegative(),
  pendingCount: z.number().int().nonnegative(),
  pendingReasonAnswers: z.number().int().nonnegative(),
  oldestPendingAt: z.string().nullable(),
  quarantinedCount: z.number().int().nonnegative(),
  syncState: z.string(),
  lastSyncSuccessAt: z.string().nullable(),
  lastSyncProblem: syncProblemSchema.nullable(),
  lastExportAt: z.string().nullable(),
  lastFileNumber: z.number().int().nonnegative(),
  lastAckAt: z.string().nullable(),
  databaseBytes: z.number().int().nonnegative(),
  freeDiskBytes: z.number().nonnegative().nullable(),
  /** Space the kiosk's own files take besides the database (issue 12: each within its cap). */
  logsBytes: z.number().int().nonnegative(),
  snapshotsBytes: z.number().int().nonnegative(),
  quarantineBytes: z.number().int().nonnegative(),
  /** When the newest verified snapshot was taken (UTC ISO), or null before the first. */
  newestSnapshotAt: z.string().nullable(),
  /** The database's rebuilds and lost WAL files (issue 12), newest first, with what was declared lost and whether central has been told. */
  storageIncidents: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(incidentKinds),
      detectedAt: z.string(),
      detail: z.string(),
      lostSeqRanges: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
      lostChainRanges: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
      sentAt: z.string().nullable(),
    }),
  ),
  dataDir: z.string(),
  recentErrors: z.array(z.object({ at: z.string(), level: z.enum(['warn', 'error']), message: z.string() })),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

export const settingsAuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorRole: staffRoleSchema,
  actorName: z.string(),
  via: z.enum(['setup-screen', 'provisioning-file', 'kiosk-cli', 'staff-area']),
  key: z.enum(deviceSettingKeys),
  /** JSON text, or '••••' for a secret; null when there was no value. */
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export type SettingsAuditEntry = z.infer<typeof settingsAuditEntrySchema>;

/** staff_pin_audit's events and ways (kiosk migrations 007–011 hold the same lists as CHECKs). */
export const pinAuditEvents = ['locked', 'reset', 'setup-code', 'setup-code-used', 'initial-pin', 'default-pin-ended'] as const;
export const pinAuditVias = ['staff-area', 'kiosk-cli', 'provisioning-file', 'setup-screen', 'pin-reset-file'] as const;
/** One PIN event for the IT screen: never a PIN, a code or a hash. */
export const pinAuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  event: z.enum(pinAuditEvents),
  /** Whose PIN: a shared role, or an officer (null officerName: no longer on the kiosk). */
  account: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('role'), role: z.enum(sharedRoles) }),
    z.object({ kind: z.literal('officer'), officerName: z.string().nullable() }),
  ]),
  /** 'locked': the wrong PINs in a row and the end of the wait. */
  failures: z.number().int().nullable(),
  retryAt: z.string().nullable(),
  /** Who did it; null for a lockout or a setup code's use (whoever stood at the pad). */
  actorName: z.string().nullable(),
  via: z.enum(pinAuditVias),
});
export type PinAuditEntry = z.infer<typeof pinAuditEntrySchema>;

const itAdmin = ['it-admin'] as const;
/** Who may read the USB stick for a PIN reset file: either shared role resets the other's PIN. */
const sharedRolesOnly = ['section-head', 'it-admin'] as const;

/**
 * The setup form, and on first setup the section head's initial PIN typed by the IT admin on the
 * PIN pad (hashed, to be changed at the section head's first sign-in; refused if the section head
 * already chose a PIN). Saving the setup ends the default PIN 123456 (docs/DECISIONS.md).
 */
export const saveDeviceSettingsInputSchema = deviceSettingsInputSchema.extend({ sectionHeadInitialPin: pinSchema.optional() });

export const itAdminContract = defineMethods({
  /** Public: true until the office and counter were saved once or a provisioning file applied. */
  getSetupState: { input: none, output: z.object({ needsSetup: z.boolean() }), access: 'public', host: 'any' },
  getDeviceSettings: { input: none, output: deviceSettingsSchema, access: itAdmin, host: 'any' },
  /** Every value validated (Vietnamese messages); each change lands in the audit log. */
  saveDeviceSettings: { input: saveDeviceSettingsInputSchema, output: deviceSettingsSchema, access: itAdmin, host: 'any' },
  listSettingsAudit: {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(settingsAuditEntrySchema),
    access: itAdmin,
    host: 'any',
  },

  /** Lockouts, PIN resets, setup codes, initial PINs, ended default PINs: newest first. */
  listPinAudit: {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(pinAuditEntrySchema),
    access: itAdmin,
    host: 'any',
  },

  /** Candidate folders on removable media (and KIOSK_USB_DIRS); a typed path works too. */
  listUsbFolders: { input: none, output: z.array(usbFolderSchema), access: sharedRolesOnly, host: 'any' },
  /**
   * The native "choose a folder" dialog for the USB stick (Electron only: the shell's handler;
   * browser mode answers NOT_SUPPORTED and the page offers no button). Cancelling answers
   * CANCELLED. It only returns a path, checked by the backend like a typed one when used.
   */
  chooseFolder: { input: z.strictObject({}), output: z.object({ path: z.string().min(1).max(4096) }), access: sharedRolesOnly, host: 'electron' },
  /**
   * Leaves kiosk mode: closes the app (Electron only; the window refuses to close otherwise).
   * The two shared roles, like the PIN reset file: IT for maintenance, the section head to shut
   * the counter down.
   */
  exitKiosk: { input: z.strictObject({}), output: z.object({ closing: z.literal(true) }), access: sharedRolesOnly, host: 'electron' },
  /** Writes, reads back and verifies one .hlsync file; pushes syncFileExportProgress meanwhile. */
  exportSyncFile: {
    input: z.strictObject({
      folder: folderSchema,
      range: z.strictObject({ fromDay: z.iso.date('Ngày dạng YYYY-MM-DD'), toDay: z.iso.date('Ngày dạng YYYY-MM-DD') }).optional(),
    }),
    output: z.object({ fileName: z.string(), path: z.string(), count: z.number().int(), reasonAnswerCount: z.number().int(), fileNumber: z.number().int() }),
    access: itAdmin,
    host: 'any',
  },
  /** The ack (.hlack), provisioning (.hlprov) and PIN reset (.hlreset) files in a folder, newest first; `kinds` narrows the list. */
  listImportableFiles: {
    input: z.strictObject({ folder: folderSchema, kinds: z.array(z.enum(importableFileKinds)).min(1).max(importableFileKinds.length).optional() }),
    output: z.array(importableFileSchema),
    access: sharedRolesOnly,
    host: 'any',
  },
  /**
   * A PIN reset file signed by central (`central pin-reset-file`), for a kiosk where nobody has a
   * shell: the named role's PIN becomes the one-time code central printed, to be changed at
   * first sign-in; its lockout ends. Verified with the pinned central key, for this device, each
   * file once; audited. The section head imports IT's file and the IT admin the section head's
   * (either may import their own).
   */
  importPinResetFile: {
    input: z.strictObject({ path: filePathSchema }),
    output: z.object({ role: z.enum(sharedRoles) }),
    access: sharedRolesOnly,
    host: 'any',
  },
  importAckFile: {
    input: z.strictObject({ path: filePathSchema }),
    /** marked: records (ratings and reason answers) the ack turned synced. */
    output: z.object({ marked: z.number().int(), pendingCount: z.number().int(), pendingReasonAnswers: z.number().int(), fileNumber: z.number().int() }),
    access: itAdmin,
    host: 'any',
  },
  /**
   * Inspect → confirm. While no central key is pinned, a call without `confirmedFingerprint`
   * applies nothing and answers `applied: false` with what the file would set and its key's
   * fingerprint, for the IT admin to compare with the one central printed (`central key`); the
   * call with that fingerprint applies it (a different one: CENTRAL_KEY_FINGERPRINT_MISMATCH).
   * Once a key is pinned, only files signed by it apply, in one step.
   */
  importProvisioningFile: {
    input: z.strictObject({ path: filePathSchema, confirmedFingerprint: z.string().trim().min(1).max(64).optional() }),
    output: z.object({
      applied: z.boolean(),
      centralKeyFingerprint: z.string(),
      officeCode: z.string(),
      officeName: z.string(),
      counterNumber: z.number().int(),
      kioskLabel: z.string().nullable(),
      scaleId: scaleIdSchema,
      timeZone: z.string(),
      endpoint: z.string().nullable(),
      /** null: the file kept the kiosk's list. */
      serviceAreaCount: z.number().int().nullable(),
      pinnedCentralKey: z.boolean(),
    }),
    access: itAdmin,
    host: 'any',
  },
  exportEnrollmentFile: {
    input: z.strictObject({ folder: folderSchema }),
    output: z.object({ fileName: z.string(), path: z.string(), deviceId: z.string(), publicKeyFingerprint: z.string() }),
    access: itAdmin,
    host: 'any',
  },

  getDiagnostics: { input: none, output: diagnosticsSchema, access: itAdmin, host: 'any' },
  runIntegrityCheck: { input: none, output: z.object({ ok: z.boolean(), result: z.array(z.string()) }), access: itAdmin, host: 'any' },
  /** One JSON file with no secrets and no personal data (ratings only as counts). */
  exportDiagnosticsBundle: { input: z.strictObject({ folder: folderSchema }), output: z.object({ fileName: z.string(), path: z.string() }), access: itAdmin, host: 'any' },
});

export const syncFileExportProgressSchema = z.object({ written: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
