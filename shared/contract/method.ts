import type { z } from 'zod';
import { staffRoles, type StaffRole } from '../staff';

/**
 * Who may call a method, declared with the method: `'public'` (the citizen screen, the sign-in
 * pad), or the staff roles whose open session may call it. `dispatch` enforces it before any
 * handler runs; the renderer's staff tiles read it too. There is no default: a method without
 * it fails typecheck and `mergeContracts` throws at load.
 */
export type MethodAccess = 'public' | readonly [StaffRole, ...StaffRole[]];

/**
 * Where a method runs, declared with the method: `'any'` (the plain-Node backend answers it, in
 * Electron and in browser mode), or `'electron'` (only the Electron shell can: a native dialog,
 * printing the window). The backend implements only the `'any'` ones; a host without a method's
 * handler answers NOT_SUPPORTED from `dispatch`. No default, as for `access`.
 */
export type MethodHost = 'any' | 'electron';
export const methodHosts = ['any', 'electron'] as const satisfies readonly MethodHost[];

interface Schemas {
  input: z.ZodType;
  output: z.ZodType;
  host: MethodHost;
}

export type MethodSchema = Schemas &
  (
    | { access: 'public'; whilePinChangeRequired?: never }
    | {
        access: readonly [StaffRole, ...StaffRole[]];
        /**
         * Callable while the session's PIN is a default or reset one still to be changed
         * (otherwise PIN_CHANGE_REQUIRED). Only what that moment needs: changing the PIN.
         */
        whilePinChangeRequired?: true;
      }
  );

/** A method's access rule, as `dispatch` and the staff tiles read it. */
export interface AccessRule {
  access: MethodAccess;
  whilePinChangeRequired: boolean;
}

/** Identity at run time; keeps each domain's literal method names for the merged contract type. */
export function defineMethods<const M extends Record<string, MethodSchema>>(methods: M): M {
  return methods;
}

type Merged<T extends readonly Record<string, MethodSchema>[]> = T extends readonly [infer Head, ...infer Rest extends Record<string, MethodSchema>[]]
  ? Head & Merged<Rest>
  : unknown;

/** Throws unless `method` declares its access: 'public' or a non-empty list of known roles. */
export function checkAccessDeclared(name: string, method: object): void {
  const { access } = method as { access?: unknown };
  const known = (role: unknown) => (staffRoles as readonly unknown[]).includes(role);
  const valid = access === 'public' || (Array.isArray(access) && access.length > 0 && access.every(known) && new Set(access).size === access.length);
  if (!valid) throw new Error(`Contract method ${name} does not declare its access ('public' or a list of staff roles)`);
  const flag = (method as { whilePinChangeRequired?: unknown }).whilePinChangeRequired;
  if (flag !== undefined && (flag !== true || access === 'public')) {
    throw new Error(`Contract method ${name}: whilePinChangeRequired is only for staff methods, and only \`true\``);
  }
  const { host } = method as { host?: unknown };
  if (!(methodHosts as readonly unknown[]).includes(host)) {
    throw new Error(`Contract method ${name} does not declare where it runs (host: 'any' or 'electron')`);
  }
}

/**
 * Merge domain contracts into one; a name declared twice, or a method without its access or its
 * host, is a bug, so it throws at load.
 */
export function mergeContracts<const T extends readonly Record<string, MethodSchema>[]>(...parts: T): Merged<T> {
  const merged: Record<string, MethodSchema> = {};
  for (const part of parts) {
    for (const [name, method] of Object.entries(part)) {
      if (name in merged) throw new Error(`Contract method declared twice: ${name}`);
      checkAccessDeclared(name, method);
      merged[name] = method;
    }
  }
  return merged as Merged<T>;
}
