// One generic registration: every contract method becomes one ipcMain handler that validates
// through the same `dispatch` as the browser host. No per-method glue.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methodNames } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import { dispatch, type ContractEndpoint } from '../backend/dispatch';

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
