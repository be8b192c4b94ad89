// The section head's settings for this kiosk's staff area: the service areas (lĩnh vực) and
// the dashboard's per-officer threshold.
import type { EmitEvent, Handlers } from '../../../shared/contract';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { readServiceAreas, saveDashboardSettings, saveServiceAreas } from '../settings-repo';
import type { StaffSessions } from './staff-session';

type Methods = 'listServiceAreas' | 'saveServiceAreas' | 'saveDashboardSettings';

export function serviceAreaHandlers(ctx: BackendContext, sessions: StaffSessions, emit: EmitEvent): Pick<Handlers, Methods> {
  return {
    listServiceAreas: () => readServiceAreas(ctx.db),

    saveServiceAreas: ({ areas }) => {
      const codes = areas.map((a) => a.code);
      if (new Set(codes).size !== codes.length) throw new KioskFailure('CONFLICT', 'service area codes must be unique');
      const saved = saveServiceAreas(ctx.db, areas);
      ctx.log.info({ count: saved.length }, 'service areas saved');
      // The open shift's area name may have changed.
      emit('shiftChanged', {});
      return saved;
    },

    saveDashboardSettings: (settings) => saveDashboardSettings(ctx.db, settings),
  };
}
