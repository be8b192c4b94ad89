// The IT admin's domain, assembled for implementContract (kiosk-backend.ts).
import type { Handlers } from '../../../shared/contract';
import { diagnosticsHandlers } from './diagnostics-handlers';
import type { ItAdminDeps } from './it-admin-deps';
import { settingsHandlers } from './settings-handlers';
import { syncFileHandlers } from './sync-file-handlers';

export function itAdminHandlers(deps: ItAdminDeps): Partial<Handlers>[] {
  return [settingsHandlers(deps), syncFileHandlers(deps), diagnosticsHandlers(deps)];
}
