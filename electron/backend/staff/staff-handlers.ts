// Signing in to the staff area, out of it, and changing one's own PIN.
import type { Handlers } from '../../../shared/contract';
import { roleLabels, staffRoles, type StaffSubject } from '../../../shared/staff';
import type { BackendContext } from '../backend-context';
import { KioskFailure } from '../dispatch';
import { readProvisioningInfo } from '../settings-repo';
import { credentialSubject, findCredential, markSetupCodeUsed, saveCredential, saveCredentialIfMissing } from './credentials-repo';
import { insertPinAudit } from './pin-lockouts-repo';
import { findOfficer, listOfficers } from './officers-repo';
import type { PinCheck } from './pin-check';
import { DEFAULT_PIN, hashPin, isWeakPin } from './pin-hashing';
import type { StaffSessions } from './staff-session';

type StaffMethods = 'listSignInChoices' | 'staffSignIn' | 'staffSignOut' | 'getStaffSession' | 'changePin';

export function staffHandlers(ctx: BackendContext, sessions: StaffSessions, pins: PinCheck): Pick<Handlers, StaffMethods> {
  /**
   * The default PIN exists only on a kiosk IT staff have not set up yet: once the setup screen
   * or a provisioning file saved the office (the provisioning facts), a role without a
   * credential has no usable PIN — answered like a wrong PIN — and recovers with its setup code,
   * the initial PIN set during setup, or `reset-pin`. (A kiosk row written by a tool alone does
   * not end it: that is not IT's setup.)
   */
  const defaultPinAllowed = () => readProvisioningInfo(ctx.db) === undefined;

  /** Before setup, the two shared roles start with the default PIN, to be changed at first use. */
  const ensureRoleCredential = async (subject: StaffSubject) => {
    const key = credentialSubject(subject);
    if (subject.kind !== 'role' || findCredential(ctx.db, key) !== undefined || !defaultPinAllowed()) return;
    const pin_hash = await hashPin(DEFAULT_PIN, ctx.pinHashCost);
    // Checked again after the slow hash: setup may have been saved meanwhile (another process).
    ctx.db
      .transaction(() => {
        if (defaultPinAllowed()) saveCredentialIfMissing(ctx.db, { subject: key, pin_hash, must_change: 1, updated_at: ctx.now().toISOString() });
      })
      .immediate();
  };

  /**
   * An officer who was deactivated (or never existed) has no usable PIN. A setup code that was
   * used once opens no further session; only the session it opened may change it (changePin).
   */
  const usableHash = (subject: StaffSubject, { usedSetupCode }: { usedSetupCode: boolean }) => () => {
    if (subject.kind === 'officer' && findOfficer(ctx.db, subject.officerId)?.active !== true) return undefined;
    const credential = findCredential(ctx.db, credentialSubject(subject));
    if (credential?.setup_code === 'used' && !usedSetupCode) return undefined;
    return credential?.pin_hash;
  };

  /** A sign-in with a setup code uses it up, audited in the same transaction; false if it was used meanwhile. */
  const useSetupCode = (key: string, pinHash: string) =>
    ctx.db
      .transaction(() => {
        if (!markSetupCodeUsed(ctx.db, key, pinHash)) return false;
        insertPinAudit(ctx.db, { event: 'setup-code-used', at: ctx.now().toISOString(), subject: key, via: 'staff-area' });
        return true;
      })
      .immediate();

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
      await pins.verify(key, pin, usableHash(subject, { usedSetupCode: false }));
      const credential = findCredential(ctx.db, key);
      if (credential === undefined || credential.setup_code === 'used') throw new KioskFailure('PIN_WRONG');
      if (credential.setup_code === 'unused') {
        if (!useSetupCode(key, credential.pin_hash)) throw new KioskFailure('PIN_WRONG');
        ctx.log.info({ subject: key, outcome: 'setup code used' }, 'staff setup code used');
      }
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
      const session = sessions.current();
      const key = credentialSubject(session.subject);
      await pins.verify(key, currentPin, usableHash(session.subject, { usedSetupCode: true }));
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
