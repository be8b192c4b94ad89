// Device settings and first-run setup: read, save (validated by the contract's schema, each
// change audited with secrets masked), the audit log, and the public "needs setup" flag.
import type { Handlers } from '../../../shared/contract';
import { KioskFailure } from '../dispatch';
import { isKioskSetUp } from '../settings-repo';
import { hashPin, isWeakPin } from '../staff/pin-hashing';
import { applySetupCredentials, prepareSetupCredentials, roleAwaitsPin } from '../staff/setup-credentials';
import { deviceSettingsChanges, readDeviceSettings } from './device-settings';
import { listPinAuditEntries } from '../staff/pin-lockouts-repo';
import { auditActor, type ItAdminDeps } from './it-admin-deps';
import { listAuditEntries, saveSettingsAudited } from './settings-audit-repo';

type Methods = 'getSetupState' | 'getDeviceSettings' | 'saveDeviceSettings' | 'listSettingsAudit' | 'listPinAudit';

export function settingsHandlers({ ctx, sessions, secrets, settingsSaved }: ItAdminDeps): Pick<Handlers, Methods> {
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
      const { changed } = saveSettingsAudited(ctx.db, {
        secrets,
        changes: deviceSettingsChanges(input),
        actor,
        via: 'setup-screen',
        at,
        alongside: () => {
          if (initialPinHash !== undefined && !roleAwaitsPin(ctx.db, 'section-head')) {
            throw new KioskFailure('INVALID_INPUT', 'section head has a PIN of its own', undefined, 'Trưởng bộ phận đã tự đặt mã PIN: không đặt lại ở đây.');
          }
          applySetupCredentials(ctx.db, credentials, { at: at.toISOString(), actor, via: 'setup-screen', ...(initialPinHash === undefined ? {} : { sectionHeadInitialPinHash: initialPinHash }) });
        },
      });
      // Names of the settings only: values may be secrets.
      ctx.log.info({ changed: changed.map((c) => c.key), actor: actor.role }, 'device settings saved');
      settingsSaved?.();
      return readDeviceSettings(ctx.db, secrets);
    },

    listSettingsAudit: ({ limit }) => listAuditEntries(ctx.db, limit),

    listPinAudit: ({ limit }) => listPinAuditEntries(ctx.db, limit),
  };
}
