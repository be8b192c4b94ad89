// The staff area: PIN sign-in, officers, service areas, shifts. Every method except the sign-in
// ones needs an open staff session of a role listed in its `access` (dispatch checks it).
import { z } from 'zod';
import {
  officerSchema,
  staffRoles,
  pinSchema,
  serviceAreaSchema,
  shiftSchema,
  staffRoleSchema,
  staffSessionSchema,
  staffSubjectSchema,
} from '../staff';
import { defineMethods } from './method';

const none = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });

export const staffContract = defineMethods({
  /** Public: who may sign in here (names for the list; never PINs or hashes). */
  listSignInChoices: {
    input: none,
    output: z.object({
      officers: z.array(officerSchema.pick({ id: true, code: true, name: true, title: true, photoDataUrl: true })),
      roles: z.array(staffRoleSchema),
    }),
    access: 'public',
    host: 'any',
  },
  /** Fails with PIN_WRONG or PIN_LOCKED (with retryAt) — see the lockout rules in the backend. */
  staffSignIn: { input: z.strictObject({ subject: staffSubjectSchema, pin: z.string().max(16) }), output: staffSessionSchema, access: 'public', host: 'any' },
  staffSignOut: { input: none, output: ok, access: 'public', host: 'any' },
  /** The open session (touching it keeps it alive), or null. */
  getStaffSession: { input: none, output: staffSessionSchema.nullable(), access: 'public', host: 'any' },
  /** Any signed-in role, and the one method a session whose PIN must be changed may call. */
  changePin: {
    input: z.strictObject({ currentPin: z.string().max(16), newPin: pinSchema }),
    output: staffSessionSchema,
    access: staffRoles,
    host: 'any',
    whilePinChangeRequired: true,
  },

  // Section head
  listOfficers: { input: none, output: z.array(officerSchema), access: ['section-head'], host: 'any' },
  saveOfficer: {
    input: z.strictObject({
      officer: officerSchema.omit({ id: true }).extend({ id: z.uuid().nullable() }),
      /** Required for a new officer; resets an existing officer's PIN (to be changed at first use). */
      initialPin: pinSchema.nullable(),
    }),
    output: officerSchema,
    access: ['section-head'],
    host: 'any',
  },
  /** Officers read it too: they pick their shift's area from it. */
  listServiceAreas: { input: none, output: z.array(serviceAreaSchema), access: ['officer', 'section-head'], host: 'any' },
  saveServiceAreas: {
    input: z.strictObject({ areas: z.array(serviceAreaSchema).max(50) }),
    output: z.array(serviceAreaSchema),
    access: ['section-head'],
    host: 'any',
  },
  saveDashboardSettings: {
    input: z.strictObject({ officerMinimumRatings: z.number().int().min(1).max(100) }),
    output: z.object({ officerMinimumRatings: z.number().int() }),
    access: ['section-head'],
    host: 'any',
  },

  // Shifts (an officer's own)
  /** Starts the signed-in officer's shift at this counter; ends whoever's shift was open. */
  startShift: { input: z.strictObject({ serviceCode: z.string().nullable() }), output: shiftSchema, access: ['officer'], host: 'any' },
  setShiftServiceArea: { input: z.strictObject({ serviceCode: z.string().nullable() }), output: shiftSchema, access: ['officer'], host: 'any' },
  endShift: { input: none, output: ok, access: ['officer'], host: 'any' },
  /** Public: the open shift (ended automatically at the end of the local day), or null. */
  getCurrentShift: { input: none, output: shiftSchema.nullable(), access: 'public', host: 'any' },
});
