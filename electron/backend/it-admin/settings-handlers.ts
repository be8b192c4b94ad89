// Device settings and first-run setup: read, save (validated by the contract's schema, each
// change audited with secrets masked), the audit log, and the public "needs setup" flag.
import type { Handlers } from '../../../shared/contract';
import { KioskFailure } from '../dispatch';
import { isKioskSetUp } from '../settings-repo';
import { hashPin, isWeakPin } from '../staff/pin-hashing';
import { applySetupCredentials, prepareSetupCredentials, roleAwaitsPin } from '../staff/setup-credentials';
import { auditChanges, auditSnapshot, readDeviceSettings, writeDeviceSettings } from './device-settings';
import { auditActor, type ItAdminDeps } from './it-admin-deps';
import { insertAuditEntries, listAuditEntries } from './settings-audit-repo';

type Methods = 'getSetupState' | 'getDeviceSettings' | 'saveDeviceSettings' | 'listSettingsAudit';

export function settingsHandlers({ ctx, sessions, secrets }: ItAdminDeps): Pick<Handlers, Methods> {
  return {
    getSetupState: () => ({ needsSetup: !isKioskSetUp(ctx.db) }),

    getDeviceSettings: () => readDeviceSettings(ctx.db, secrets),

    saveDeviceSettings: async ({ sectionHeadInitialPin, ...input }) => {
      const actor = auditActor(sessions);
      // Setup ends the default PIN; the IT admin may give the section head a first PIN, to be
      // changed at first sign-in. Slow hashing first, then everything in one transaction.
      if (sectionHeadInitialPin !== undefined && isWeakPin(sectionHeadInitialPin)) throw new KioskFailure('PIN_TOO_WEAK');
      const credentials = await prepareSetupCredentials(ctx.db);
      const initialPinHash = sectionHeadInitialPin === undefined ? undefined : await hashPin(sectionHeadInitialPin, ctx.pinHashCost);
      const at = ctx.now();
      const tokenBefore = secrets.read('device-token');
      const changed = ctx.db
        .transaction(() => {
          if (initialPinHash !== undefined && !roleAwaitsPin(ctx.db, 'section-head')) {
            throw new KioskFailure('INVALID_INPUT', 'section head has a PIN of its own', undefined, 'Trưởng bộ phận đã tự đặt mã PIN: không đặt lại ở đây.');
          }
          const before = auditSnapshot(readDeviceSettings(ctx.db, secrets));
          writeDeviceSettings(ctx.db, secrets, input, at);
          const after = auditSnapshot(readDeviceSettings(ctx.db, secrets));
          const changes = auditChanges(before, after, { before: tokenBefore, after: secrets.read('device-token') });
          insertAuditEntries(ctx.db, { at: at.toISOString(), actor, via: 'setup-screen', changes });
          applySetupCredentials(ctx.db, credentials, { at: at.toISOString(), actor, ...(initialPinHash === undefined ? {} : { sectionHeadInitialPinHash: initialPinHash }) });
          return changes.map((c) => c.key);
        })
        .immediate();
      // Names of the settings only: values may be secrets.
      ctx.log.info({ changed, actor: actor.role }, 'device settings saved');
      return readDeviceSettings(ctx.db, secrets);
    },

    listSettingsAudit: ({ limit }) => listAuditEntries(ctx.db, limit),
  };
}
