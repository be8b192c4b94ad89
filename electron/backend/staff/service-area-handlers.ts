// The section head's settings for this kiosk's staff area: the service areas (lĩnh vực) and
// the dashboard's per-officer threshold.
import type { EmitEvent, Handlers } from '../../../shared/contract';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { auditActor } from '../it-admin/it-admin-deps';
import { saveSettingsAudited } from '../it-admin/settings-audit-repo';
import type { SecretStore } from '../secret-store';
import { readServiceAreas, saveDashboardSettings } from '../settings-repo';
import type { StaffSessions } from './staff-session';

type Methods = 'listServiceAreas' | 'saveServiceAreas' | 'saveDashboardSettings';

export function serviceAreaHandlers(ctx: BackendContext, sessions: StaffSessions, secrets: SecretStore, emit: EmitEvent): Pick<Handlers, Methods> {
  return {
    listServiceAreas: () => readServiceAreas(ctx.db),

    saveServiceAreas: ({ areas }) => {
      const codes = areas.map((a) => a.code);
      if (new Set(codes).size !== codes.length) throw new KioskFailure('CONFLICT', 'service area codes must be unique');
      // Audited like every settings write: who (the signed-in section head; dispatch let only
      // one in), old → new, one row when the list changed and none when it did not.
      const { result: saved } = saveSettingsAudited(ctx.db, {
        secrets,
        changes: { serviceAreas: areas },
        actor: auditActor(sessions),
        via: 'staff-area',
        at: ctx.now(),
        alongside: () => readServiceAreas(ctx.db),
      });
      ctx.log.info({ count: saved.length }, 'service areas saved');
      // The open shift's area name may have changed.
      emit('shiftChanged', {});
      return saved;
    },

    saveDashboardSettings: (settings) => saveDashboardSettings(ctx.db, settings),
  };
}
