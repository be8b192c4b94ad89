// One generic registration: every contract method becomes one ipcMain handler that validates
// through the same `dispatch` as the browser host. No per-method glue.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methodNames, type Handlers } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import { dispatch } from '../backend/dispatch';
import type { Logger } from '../backend/logger';

export function bindContractToIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  log: Logger,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: kioskError('UNAUTHORIZED') };
      return dispatch(handlers, log, name, input);
    });
  }
}
