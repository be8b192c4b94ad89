import type { Handlers } from '../../shared/contract';
import type { BackendContext } from './backend-context';
import { readKioskSettings } from './settings-repo';
import type { OfficerOnDuty } from './shifts/shift-handlers';

export function homeScreenHandlers(ctx: BackendContext, duty: OfficerOnDuty): Pick<Handlers, 'getHomeScreen'> {
  return {
    getHomeScreen: () => {
      const { officeName, counterNumber, scaleId, thankYouSeconds, languages, reasons, timeZone, reportContact, dossier, openingHours } = readKioskSettings(ctx.db, (issue) =>
        ctx.log.warn({ issue }, 'stored kiosk settings invalid; using defaults'),
      );
      const shift = duty.current();
      const officer = shift === undefined ? null : { name: shift.officer_name, title: shift.officer_title, photoDataUrl: shift.officer_photo };
      return { officeName, counterNumber, scaleId, thankYouSeconds, languages, reasons, timeZone, reportContact, dossier, openingHours, officer };
    },
  };
}
