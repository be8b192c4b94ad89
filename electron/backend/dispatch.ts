// The single entry point for every contract call, shared by the IPC binding and the browser
// host: validate the input, run the handler, validate the output, return a Result.
import { z } from 'zod';
import { contract, isMethodName, type Handlers } from '../../shared/contract';
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
  ) {
    super(detail ?? code);
    this.name = 'KioskFailure';
  }
}

export async function dispatch(handlers: Handlers, log: Logger, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isMethodName(name)) return { ok: false, error: kioskError('UNKNOWN_METHOD', name) };
  const method = contract[name];
  const input = method.input.safeParse(rawInput ?? {});
  if (!input.success) {
    return { ok: false, error: kioskError('INVALID_INPUT', z.prettifyError(input.error)) };
  }
  try {
    // The cast is the one place the per-method types meet a runtime name; the schemas guard it.
    const handler = handlers[name] as (input: unknown) => unknown;
    const output = method.output.parse(await handler(input.data));
    return { ok: true, data: output };
  } catch (error) {
    if (error instanceof KioskFailure) {
      const failure = kioskError(error.code, error.shownDetail);
      return { ok: false, error: error.retryAt === undefined ? failure : { ...failure, retryAt: error.retryAt } };
    }
    log.error({ err: error, method: name }, 'contract call failed');
    return { ok: false, error: kioskError('INTERNAL') };
  }
}
