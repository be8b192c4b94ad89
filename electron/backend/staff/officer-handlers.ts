// The section head's list of officers: create, edit, deactivate, reset a PIN.
import type { EmitEvent, Handlers } from '../../../shared/contract';
import { toLocalIso } from '../../../shared/local-time';
import type { Officer } from '../../../shared/staff';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { readKioskSettings } from '../settings-repo';
import { endShift, findOpenShift } from '../shifts/shifts-repo';
import { auditActor } from '../it-admin/it-admin-deps';
import { credentialSubject, saveCredential } from './credentials-repo';
import { findOfficer, insertOfficer, listOfficers, officerCodeTaken, updateOfficer } from './officers-repo';
import { hashPin, isWeakPin } from './pin-hashing';
import { insertPinAudit } from './pin-lockouts-repo';
import type { StaffSessions } from './staff-session';

export function officerHandlers(ctx: BackendContext, sessions: StaffSessions, emit: EmitEvent): Pick<Handlers, 'listOfficers' | 'saveOfficer'> {
  return {
    listOfficers: () => listOfficers(ctx.db),

    saveOfficer: async ({ officer: input, initialPin }) => {
      // Who resets a PIN, for the audit row (dispatch let only a section head in).
      const actor = auditActor(sessions);
      const isNew = input.id === null;
      if (isNew && initialPin === null) throw new KioskFailure('INVALID_INPUT', 'a new officer needs an initial PIN');
      // The same rule as a PIN one changes oneself: a first or reset PIN is not a guessable one.
      if (initialPin !== null && isWeakPin(initialPin)) throw new KioskFailure('PIN_TOO_WEAK');
      if (input.id !== null && findOfficer(ctx.db, input.id) === undefined) throw new KioskFailure('NOT_FOUND');
      const officer: Officer = { ...input, id: input.id ?? ctx.newId() };
      if (officerCodeTaken(ctx.db, officer.code, officer.id)) throw new KioskFailure('CONFLICT');
      // Hash before the transaction: it is slow and asynchronous.
      const pin_hash = initialPin === null ? null : await hashPin(initialPin, ctx.pinHashCost);
      const now = ctx.now();
      const dutyChanged = ctx.db
        .transaction(() => {
          // Checked again under the write lock: the hash took time.
          if (officerCodeTaken(ctx.db, officer.code, officer.id)) throw new KioskFailure('CONFLICT');
          if (isNew) insertOfficer(ctx.db, officer, now.toISOString());
          else updateOfficer(ctx.db, officer);
          // A PIN the section head set is known to two people: the officer must change it.
          if (pin_hash !== null) {
            const subject = credentialSubject({ kind: 'officer', officerId: officer.id });
            saveCredential(ctx.db, { subject, pin_hash, must_change: 1, updated_at: now.toISOString() });
            // A reset is audited (who reset whose PIN, never the PIN); a new officer's first PIN is not a reset.
            if (!isNew) {
              insertPinAudit(ctx.db, { event: 'reset', at: now.toISOString(), subject, actor, via: 'staff-area' });
            }
          }
          const open = findOpenShift(ctx.db);
          if (open?.officer_id !== officer.id) return false;
          // A deactivated officer is no longer on duty; an edited one shows their new name.
          if (!officer.active) endShift(ctx.db, open.id, toLocalIso(now, readKioskSettings(ctx.db).timeZone), 'signed-out');
          return true;
        })
        .immediate();
      ctx.log.info({ officerId: officer.id, created: isNew, pinReset: pin_hash !== null, active: officer.active }, 'officer saved');
      if (dutyChanged) emit('shiftChanged', {});
      return findOfficer(ctx.db, officer.id) ?? officer;
    },
  };
}
