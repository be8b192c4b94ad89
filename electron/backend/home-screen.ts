import type { Handlers } from '../../shared/contract';
import type { BackendContext } from './backend-context';
import { readKioskSettings } from './settings-repo';

export function homeScreenHandlers(ctx: BackendContext): Pick<Handlers, 'getHomeScreen'> {
  return {
    getHomeScreen: () => {
      const { officeName, counterNumber, scaleId, thankYouSeconds } = readKioskSettings(ctx.db, (issue) =>
        ctx.log.warn({ issue }, 'stored kiosk settings invalid; using defaults'),
      );
      return { officeName, counterNumber, scaleId, thankYouSeconds, officer: null };
    },
  };
}
