// What the IT admin's handlers need beyond the BackendContext: the session (who acts), the secret
// store, the sync engine (status, "sync now"), the event hub, the data folder and the USB scan.
import type { EmitEvent } from '../../../shared/contract';
import type { UsbFolder } from '../../../shared/contract/it-admin';
import type { BackendContext } from '../backend-context';
import type { SecretStore } from '../secret-store';
import type { StaffSessions } from '../staff/staff-session';
import type { SyncEngine } from '../sync/sync-engine';
import type { AuditActor } from './settings-audit-repo';

export interface ItAdminDeps {
  ctx: BackendContext;
  sessions: StaffSessions;
  secrets: SecretStore;
  sync: Pick<SyncEngine, 'status'>;
  emit: EmitEvent;
  /** The kiosk's data folder: logs/kiosk.log, free disk space. */
  dataDir: string;
  databaseFile: string;
  /** After setup or settings are saved: the backend takes a snapshot, so a rebuild has the kiosk's identity before its first rating. */
  settingsSaved?: () => void;
  usbFolders: () => UsbFolder[];
}

/** Who acts, for an audit row (settings or PIN): the caller dispatch let in by the method's access. */
export function auditActor(sessions: StaffSessions): AuditActor {
  const session = sessions.current();
  return { role: session.role, officerId: session.officerId, name: session.displayName };
}
