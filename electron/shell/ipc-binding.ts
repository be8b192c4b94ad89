// One generic registration: every contract method becomes one ipcMain handler that validates
// through the same `dispatch` as the browser host. No per-method glue.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { ipcChannel, methodNames } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { shellCapabilities, shellCapabilityNames, shellChannel, type ShellHandlers } from '../../shared/shell-bridge';
import { dispatch, KioskFailure, type ContractEndpoint } from '../backend/dispatch';
import type { Logger } from '../backend/logger';

/** The one part of ipcMain the binding uses; tests pass a recorder typed against it. */
export type IpcRegistrar = Pick<IpcMain, 'handle'>;

export function bindContractToIpc(ipcMain: IpcRegistrar, endpoint: ContractEndpoint, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: kioskError('UNAUTHORIZED') };
      return dispatch(endpoint, name, input);
    });
  }
}

/**
 * The shell-only capabilities (shared/shell-bridge.ts) are not contract methods, so `dispatch`
 * does not know them; they get the same treatment here: our own page only, input and output
 * parsed, expected failures as data, anything else logged and answered INTERNAL.
 */
export function bindShellToIpc(
  ipcMain: IpcRegistrar,
  handlers: ShellHandlers,
  log: Logger,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const name of shellCapabilityNames) {
    const { input, output } = shellCapabilities[name];
    ipcMain.handle(shellChannel(name), async (event, rawInput: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) return { ok: false, error: kioskError('UNAUTHORIZED') };
      const parsed = input.safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: kioskError('INVALID_INPUT', z.prettifyError(parsed.error)) };
      try {
        return { ok: true, data: output.parse(await handlers[name]()) };
      } catch (error) {
        if (error instanceof KioskFailure) return { ok: false, error: kioskError(error.code, error.shownDetail) };
        log.error({ err: error, capability: name }, 'shell call failed');
        return { ok: false, error: kioskError('INTERNAL') };
      }
    });
  }
}
