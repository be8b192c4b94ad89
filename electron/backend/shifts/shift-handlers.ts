// Shifts at this counter: an officer starts theirs, picks the service area, ends it; the
// citizen screen and every rating follow the open shift.
import type { EmitEvent, Handlers } from '../../../shared/contract';
import { toLocalDay, toLocalIso } from '../../../shared/local-time';
import type { ServiceArea, Shift } from '../../../shared/staff';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { readKioskSettings, readServiceAreas } from '../settings-repo';
import type { StaffSessions } from '../staff/staff-session';
import { endShiftFromEarlierDay } from './end-of-day';
import { endShift, findOpenShift, insertShift, setShiftServiceCode, type OpenShiftRow } from './shifts-repo';

type ShiftMethods = 'startShift' | 'setShiftServiceArea' | 'endShift' | 'getCurrentShift';

export function toShift(row: OpenShiftRow, areas: readonly ServiceArea[]): Shift {
  const code = row.service_code;
  return {
    id: row.id,
    officerId: row.officer_id,
    officerName: row.officer_name,
    officerTitle: row.officer_title,
    photoDataUrl: row.officer_photo,
    serviceCode: code,
    // An area removed from the list since keeps showing its code rather than nothing.
    serviceName: code === null ? null : (areas.find((a) => a.code === code)?.name ?? code),
    startedAt: row.started_at,
  };
}

export interface OfficerOnDuty {
  /** The open shift after ending yesterday's; emits shiftChanged if it ended one. */
  current: () => OpenShiftRow | undefined;
}

export function officerOnDuty(ctx: BackendContext, emit: EmitEvent): OfficerOnDuty {
  return {
    current: () => {
      const { ended, open } = ctx.db
        .transaction(() => {
          const ended = endShiftFromEarlierDay(ctx.db, ctx.now(), readKioskSettings(ctx.db).timeZone);
          return { ended, open: findOpenShift(ctx.db) };
        })
        .immediate();
      if (ended) emit('shiftChanged', {});
      return open;
    },
  };
}

export function shiftHandlers(ctx: BackendContext, sessions: StaffSessions, duty: OfficerOnDuty, emit: EmitEvent): Pick<Handlers, ShiftMethods> {
  /** null, or the code of an active area from the section head's list. */
  const checkedArea = (serviceCode: string | null): string | null => {
    if (serviceCode !== null && !readServiceAreas(ctx.db).some((a) => a.code === serviceCode && a.active)) {
      throw new KioskFailure('NOT_FOUND', `service area ${serviceCode}`);
    }
    return serviceCode;
  };

  /** The open shift, which must be the signed-in officer's own. */
  const ownOpenShift = (officerId: string | null): OpenShiftRow => {
    const open = duty.current();
    if (open === undefined) throw new KioskFailure('NO_SHIFT');
    if (open.officer_id !== officerId) throw new KioskFailure('FORBIDDEN');
    return open;
  };

  const shiftView = (): Shift => {
    const open = findOpenShift(ctx.db);
    if (open === undefined) throw new KioskFailure('NO_SHIFT');
    return toShift(open, readServiceAreas(ctx.db));
  };

  return {
    startShift: ({ serviceCode }) => {
      const { officerId } = sessions.current();
      if (officerId === null) throw new KioskFailure('FORBIDDEN');
      const code = checkedArea(serviceCode);
      const now = ctx.now();
      const { timeZone } = readKioskSettings(ctx.db);
      const id = ctx.newId();
      ctx.db
        .transaction(() => {
          endShiftFromEarlierDay(ctx.db, now, timeZone);
          const open = findOpenShift(ctx.db);
          // Whoever was on duty (or this officer, starting again) hands over the counter.
          if (open !== undefined) endShift(ctx.db, open.id, toLocalIso(now, timeZone), 'switched');
          insertShift(ctx.db, { id, officer_id: officerId, started_at: toLocalIso(now, timeZone), local_day: toLocalDay(now, timeZone), service_code: code });
        })
        .immediate();
      ctx.log.info({ officerId, shiftId: id, serviceCode: code }, 'shift started');
      emit('shiftChanged', {});
      return shiftView();
    },

    setShiftServiceArea: ({ serviceCode }) => {
      const { officerId } = sessions.current();
      const open = ownOpenShift(officerId);
      setShiftServiceCode(ctx.db, open.id, checkedArea(serviceCode));
      ctx.log.info({ officerId, shiftId: open.id, serviceCode }, 'shift service area set');
      emit('shiftChanged', {});
      return shiftView();
    },

    endShift: () => {
      const { officerId } = sessions.current();
      const open = ownOpenShift(officerId);
      endShift(ctx.db, open.id, toLocalIso(ctx.now(), readKioskSettings(ctx.db).timeZone), 'signed-out');
      ctx.log.info({ officerId, shiftId: open.id }, 'shift ended');
      emit('shiftChanged', {});
      return { ok: true };
    },

    getCurrentShift: () => {
      const open = duty.current();
      return open === undefined ? null : toShift(open, readServiceAreas(ctx.db));
    },
  };
}
