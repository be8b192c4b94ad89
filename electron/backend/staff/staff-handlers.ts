// Signing in to the staff area, out of it, and changing one's own PIN.
import type { Handlers } from '../../../shared/contract';
import { roleLabels, staffRoles, type StaffSubject } from '../../../shared/staff';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { credentialSubject, findCredential, saveCredential, saveCredentialIfMissing } from './credentials-repo';
import { findOfficer, listOfficers } from './officers-repo';
import type { PinCheck } from './pin-check';
import { DEFAULT_PIN, hashPin, isWeakPin } from './pin-hashing';
import type { StaffSessions } from './staff-session';

type StaffMethods = 'listSignInChoices' | 'staffSignIn' | 'staffSignOut' | 'getStaffSession' | 'changePin';

export function staffHandlers(ctx: BackendContext, sessions: StaffSessions, pins: PinCheck): Pick<Handlers, StaffMethods> {
  /** The two shared roles start with the default PIN, to be changed at first use (docs/ARCHITECTURE.md). */
  const ensureRoleCredential = async (subject: StaffSubject) => {
    const key = credentialSubject(subject);
    if (subject.kind !== 'role' || findCredential(ctx.db, key) !== undefined) return;
    const pin_hash = await hashPin(DEFAULT_PIN, ctx.pinHashCost);
    saveCredentialIfMissing(ctx.db, { subject: key, pin_hash, must_change: 1, updated_at: ctx.now().toISOString() });
  };

  /** An officer who was deactivated (or never existed) has no usable PIN. */
  const usableHash = (subject: StaffSubject) => () => {
    if (subject.kind === 'officer' && findOfficer(ctx.db, subject.officerId)?.active !== true) return undefined;
    return findCredential(ctx.db, credentialSubject(subject))?.pin_hash;
  };

  return {
    listSignInChoices: () => ({
      officers: listOfficers(ctx.db)
        .filter((o) => o.active)
        .map(({ id, code, name, title, photoDataUrl }) => ({ id, code, name, title, photoDataUrl })),
      roles: staffRoles.filter((role) => role !== 'officer'),
    }),

    staffSignIn: async ({ subject, pin }) => {
      await ensureRoleCredential(subject);
      const key = credentialSubject(subject);
      await pins.verify(key, pin, usableHash(subject));
      const credential = findCredential(ctx.db, key);
      if (credential === undefined) throw new KioskFailure('PIN_WRONG');
      const officer = subject.kind === 'officer' ? findOfficer(ctx.db, subject.officerId) : undefined;
      const session = sessions.open({
        subject,
        role: subject.kind === 'officer' ? 'officer' : subject.role,
        officerId: officer?.id ?? null,
        displayName: officer?.name ?? roleLabels[subject.kind === 'officer' ? 'officer' : subject.role],
        mustChangePin: credential.must_change === 1,
      });
      return sessions.view(session);
    },

    staffSignOut: () => {
      sessions.close();
      return { ok: true };
    },

    getStaffSession: () => {
      const session = sessions.touch();
      return session === null ? null : sessions.view(session);
    },

    changePin: async ({ currentPin, newPin }) => {
      const session = sessions.requireSignedIn();
      const key = credentialSubject(session.subject);
      await pins.verify(key, currentPin, usableHash(session.subject));
      // Hashing takes time: the staff area may have been closed or changed hands meanwhile.
      const still = sessions.touch();
      if (still === null || credentialSubject(still.subject) !== key) throw new KioskFailure('SIGN_IN_REQUIRED');
      if (isWeakPin(newPin) || newPin === currentPin) throw new KioskFailure('PIN_TOO_WEAK');
      const pin_hash = await hashPin(newPin, ctx.pinHashCost);
      saveCredential(ctx.db, { subject: key, pin_hash, must_change: 0, updated_at: ctx.now().toISOString() });
      sessions.pinChanged();
      ctx.log.info({ subject: key, outcome: 'pin changed' }, 'staff PIN changed');
      const current = sessions.touch();
      if (current === null) throw new KioskFailure('SIGN_IN_REQUIRED');
      return sessions.view(current);
    },
  };
}
