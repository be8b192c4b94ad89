// Helpers for staff-area tests: call through dispatch (so errors come back as data, as the
// UI sees them), sign in with the right PIN, create officers, seed crafted ratings.
import { defaultReasons } from '../../shared/default-reasons';
import { insertReasonAnswer } from '../../electron/backend/reason-answers-repo';
import { randomUUID } from 'node:crypto';
import type { MethodInput, MethodName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { dispatch } from '../../electron/backend/dispatch';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { insertRating } from '../../electron/backend/ratings-repo';
import type { ScaleId } from '../../shared/scales';

export const SECTION_HEAD = { kind: 'role', role: 'section-head' } as const;
export const IT_ADMIN = { kind: 'role', role: 'it-admin' } as const;
/** What the section head changes the default PIN to in these tests. */
export const HEAD_PIN = '480275';

export function call<N extends MethodName>(backend: KioskBackend, name: N, input: MethodInput<N>): Promise<Result<unknown>> {
  return dispatch(backend.endpoint, name, input);
}

/** The data of a call that must succeed. */
export async function must<N extends MethodName>(backend: KioskBackend, name: N, input: MethodInput<N>): Promise<unknown> {
  const reply = await call(backend, name, input);
  if (!reply.ok) throw new Error(`${name} failed: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

/** First run: the section head signs in with the default PIN and changes it. */
export async function signInSectionHead(backend: KioskBackend): Promise<void> {
  const first = await call(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: '123456' });
  if (first.ok) {
    await must(backend, 'changePin', { currentPin: '123456', newPin: HEAD_PIN });
    return;
  }
  await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: HEAD_PIN });
}

/**
 * Open a section head's session without typing a PIN (scrypt costs ~90 ms a hash): for tests
 * of what the staff area shows, not of how one gets in.
 */
export function sectionHeadSession(backend: KioskBackend): void {
  backend.staff.open({ subject: SECTION_HEAD, role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận', mustChangePin: false });
}

export interface TestOfficer {
  id: string;
  name: string;
  pin: string;
}

/**
 * The section head adds an officer; the officer signs in once and replaces the initial PIN.
 * Leaves the officer signed in.
 */
export async function addOfficer(backend: KioskBackend, name: string, code: string, pin = '905718'): Promise<TestOfficer> {
  await signInSectionHead(backend);
  const officer = (await must(backend, 'saveOfficer', {
    officer: { id: null, code, name, title: 'Công chức một cửa', photoDataUrl: null, active: true },
    initialPin: '246810',
  })) as { id: string };
  await must(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: '246810' });
  await must(backend, 'changePin', { currentPin: '246810', newPin: pin });
  return { id: officer.id, name, pin };
}

export async function signInOfficer(backend: KioskBackend, officer: TestOfficer): Promise<void> {
  await must(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: officer.pin });
}

export interface CraftedRating {
  /** Local ISO with offset, e.g. '2026-11-23T09:15:00.000+07:00'. */
  at: string;
  scale?: ScaleId;
  level: number;
  officerId?: string | null;
  serviceCode?: string | null;
  dossierCode?: string | null;
  /** Labels the citizen picked afterwards: stored as a reason answer, as the kiosk does. */
  reasons?: string[];
  flags?: string[];
}

/** Store ratings exactly as given (times, officers, flags), as if tapped back then. */
export function seedRatings(backend: KioskBackend, ratings: readonly CraftedRating[]): void {
  const { db, deviceId, bootId } = backend.context;
  db.transaction(() => {
    for (const r of ratings) {
      const row = insertRating(db, {
        id: randomUUID(),
        device_id: deviceId,
        created_at: r.at,
        local_day: r.at.slice(0, 10),
        scale: r.scale ?? 'vn-3',
        level: r.level,
        officer_id: r.officerId ?? null,
        service_code: r.serviceCode ?? null,
        dossier_code: r.dossierCode ?? null,
        reasons: [],
        flags: r.flags ?? [],
        app_version: '9.9.9-test',
        boot_id: bootId,
      });
      if (r.reasons !== undefined && r.reasons.length > 0) {
        const reasons = r.reasons.map((label) => ({ code: defaultReasons.find((d) => d.label === label)?.code ?? label.toUpperCase(), label }));
        insertReasonAnswer(db, { id: randomUUID(), ratingId: row.id, deviceId, createdAt: r.at, reasons });
      }
    }
  })();
}
