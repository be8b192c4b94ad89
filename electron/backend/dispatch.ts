// The single entry point for every contract call, shared by the IPC binding and the browser
// host: check who is calling against the method's declared access, answer NOT_SUPPORTED for a
// method this host does not run, validate the input, run the handler, validate the output,
// return a Result.
import { z } from 'zod';
import { contract, isMethodName, type HostHandlers } from '../../shared/contract';
import type { MethodSchema } from '../../shared/contract/method';
import { kioskError } from '../../shared/errors';
import type { ErrorCode, Result } from '../../shared/result';
import type { Logger } from './logger';

/** An expected failure a handler reports to the caller (as opposed to a bug). */
export class KioskFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    /** When the caller may try again (PIN lockout); crosses the boundary as `error.retryAt`. */
    readonly retryAt?: string,
    /**
     * A Vietnamese explanation meant for the person (why a USB file was refused), sent as
     * `error.detail`. The plain `detail` above is never sent.
     */
    readonly shownDetail?: string,
    /** OUT_OF_SERVICE: the outage's incident code, sent as `error.incidentCode`. */
    readonly incidentCode?: string,
  ) {
    super(detail ?? code);
    this.name = 'KioskFailure';
  }
}

/**
 * Enforces a method's declared access (shared/contract/method.ts) for the caller at hand:
 * returns when allowed, throws KioskFailure(SIGN_IN_REQUIRED | PIN_CHANGE_REQUIRED | FORBIDDEN)
 * otherwise. The backend's is its StaffSessions (staff-session.ts `check`).
 */
export interface AccessGuard {
  check: (method: Pick<MethodSchema, 'access' | 'whilePinChangeRequired'>) => void;
}

/**
 * What a transport (IPC, HTTP) hands to dispatch: the host's handlers (the backend's, plus in
 * Electron the shell's `host: 'electron'` ones), its guard, its log.
 */
export interface ContractEndpoint {
  handlers: HostHandlers;
  access: AccessGuard;
  log: Logger;
}

export async function dispatch({ handlers, access, log }: ContractEndpoint, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isMethodName(name)) return { ok: false, error: kioskError('UNKNOWN_METHOD', name) };
  const method = contract[name];
  try {
    // Access before input: a caller who may not call the method learns nothing about what
    // input it would take (no validation messages), and no handler runs for them.
    access.check(method);
  } catch (error) {
    return failure(error, log, name);
  }
  // A method this host does not run (a `host: 'electron'` one in browser mode) is declared, so
  // it is not unknown: the same answer for each, from the handlers the host has.
  const handler = (handlers as Partial<Record<string, (input: unknown) => unknown>>)[name];
  if (handler === undefined) return { ok: false, error: kioskError('NOT_SUPPORTED') };
  const input = method.input.safeParse(rawInput ?? {});
  if (!input.success) {
    return { ok: false, error: kioskError('INVALID_INPUT', z.prettifyError(input.error)) };
  }
  try {
    // The cast above is the one place the per-method types meet a runtime name; the schemas guard it.
    const output = method.output.parse(await handler(input.data));
    return { ok: true, data: output };
  } catch (error) {
    return failure(error, log, name);
  }
}

function failure(error: unknown, log: Logger, name: string): Result<unknown> {
  if (error instanceof KioskFailure) {
    return {
      ok: false,
      error: {
        ...kioskError(error.code, error.shownDetail),
        ...(error.incidentCode === undefined ? {} : { incidentCode: error.incidentCode }),
        ...(error.retryAt === undefined ? {} : { retryAt: error.retryAt }),
      },
    };
  }
  log.error({ err: error, method: name }, 'contract call failed');
  return { ok: false, error: kioskError('INTERNAL') };
}
