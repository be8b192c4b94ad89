// Device settings and first-run setup: read, save (validated by the contract's schema, each
// change audited with secrets masked), the audit log, and the public "needs setup" flag.
import type { Handlers } from '../../../shared/contract';
import { isKioskSetUp } from '../settings-repo';
import { auditChanges, auditSnapshot, readDeviceSettings, writeDeviceSettings } from './device-settings';
import { requireItAdmin, type ItAdminDeps } from './it-admin-deps';
import { insertAuditEntries, listAuditEntries } from './settings-audit-repo';

type Methods = 'getSetupState' | 'getDeviceSettings' | 'saveDeviceSettings' | 'listSettingsAudit';

export function settingsHandlers({ ctx, sessions, secrets }: ItAdminDeps): Pick<Handlers, Methods> {
  return {
    getSetupState: () => ({ needsSetup: !isKioskSetUp(ctx.db) }),

    getDeviceSettings: () => {
      requireItAdmin(sessions);
      return readDeviceSettings(ctx.db, secrets);
    },

    saveDeviceSettings: (input) => {
      const actor = requireItAdmin(sessions);
      const at = ctx.now();
      const tokenBefore = secrets.read('device-token');
      const changed = ctx.db
        .transaction(() => {
          const before = auditSnapshot(readDeviceSettings(ctx.db, secrets));
          writeDeviceSettings(ctx.db, secrets, input, at);
          const after = auditSnapshot(readDeviceSettings(ctx.db, secrets));
          const changes = auditChanges(before, after, { before: tokenBefore, after: secrets.read('device-token') });
          insertAuditEntries(ctx.db, { at: at.toISOString(), actor, via: 'setup-screen', changes });
          return changes.map((c) => c.key);
        })
        .immediate();
      // Names of the settings only: values may be secrets.
      ctx.log.info({ changed, actor: actor.role }, 'device settings saved');
      return readDeviceSettings(ctx.db, secrets);
    },

    listSettingsAudit: ({ limit }) => {
      requireItAdmin(sessions);
      return listAuditEntries(ctx.db, limit);
    },
  };
}
