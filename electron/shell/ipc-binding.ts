// One generic registration: every contract method becomes one ipcMain handler that validates
// through the same `dispatch` as the browser host. No per-method glue. Before dispatch: the
// sender must be the app's main frame (kiosk-window.ts `isAppMainFrame`), and the method within
// its rate limit (ipc-rate-limit.ts). The endpoint is read at each call: the shell swaps in the
// out-of-service one (out-of-service.ts) without registering anything again.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methodNames } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { KioskError } from '../../shared/result';
import { dispatch, type ContractEndpoint } from '../backend/dispatch';
import type { RateLimiter } from './ipc-rate-limit';

/** The one part of ipcMain the binding uses; tests pass a recorder typed against it. */
export type IpcRegistrar = Pick<IpcMain, 'handle'>;

export interface IpcGuards {
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Absent: no limit (the tests of dispatch through IPC). */
  rateLimiter?: RateLimiter;
}

/** Where calls go now: the endpoint, or (out of service) one refusal for every call. */
export type IpcRoute = ContractEndpoint | { refusal: KioskError };

export function bindContractToIpc(
  ipcMain: IpcRegistrar,
  endpoint: ContractEndpoint | (() => IpcRoute),
  guards: IpcGuards | ((event: IpcMainInvokeEvent) => boolean),
): void {
  const { isTrustedSender, rateLimiter } = typeof guards === 'function' ? { isTrustedSender: guards, rateLimiter: undefined } : guards;
  const current = typeof endpoint === 'function' ? endpoint : () => endpoint;
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: kioskError('UNAUTHORIZED') };
      const refusedUntil = rateLimiter?.refusedUntil(name);
      if (refusedUntil !== undefined) return { ok: false, error: { ...kioskError('RATE_LIMITED'), retryAt: new Date(refusedUntil).toISOString() } };
      const route = current();
      return 'refusal' in route ? { ok: false, error: route.refusal } : dispatch(route, name, input);
    });
  }
}
