// The renderer's only way to the backend: a typed client derived from the contract. The
// transport is IPC (Electron preload) or HTTP (browser mode); either way the reply is parsed
// against the contract, because it crossed a process boundary.
import { bridgeKey, contract, httpPath, methodNames, type KioskApi, type KioskBridge, type MethodName } from '../../../shared/contract';
import { kioskError } from '../../../shared/errors';
import { resultSchema, type Result } from '../../../shared/result';

/** Sends one call and returns whatever came back, unparsed. */
export type Transport = (name: MethodName, input: unknown) => Promise<unknown>;

export function createKioskClient(transport: Transport): KioskApi {
  const call = async (name: MethodName, input: unknown): Promise<Result<unknown>> => {
    let reply: unknown;
    try {
      reply = await transport(name, input);
    } catch (error) {
      return { ok: false, error: kioskError('UNAVAILABLE', error instanceof Error ? error.message : String(error)) };
    }
    const parsed = resultSchema(contract[name].output).safeParse(reply);
    return parsed.success ? (parsed.data as Result<unknown>) : { ok: false, error: kioskError('INTERNAL', 'reply did not match the contract') };
  };
  return Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input)])) as KioskApi;
}

export function ipcTransport(bridge: KioskBridge): Transport {
  return (name, input) => bridge[name](input);
}

export function httpTransport(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  return async (name, input) => {
    const response = await fetchImpl(httpPath(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return response.json();
  };
}

const TOKEN_KEY = 'kiosk-token';

/**
 * Electron's preload when present; otherwise browser mode, with the per-launch token taken from
 * the URL fragment once, kept for reloads in sessionStorage, and removed from the address bar.
 */
export function transportForThisWindow(win: Window = window): Transport {
  const bridge = (win as unknown as Record<string, KioskBridge | undefined>)[bridgeKey];
  if (bridge !== undefined) return ipcTransport(bridge);
  const fromUrl = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromUrl !== null) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    win.history.replaceState(null, '', win.location.pathname);
  }
  return httpTransport(win.sessionStorage.getItem(TOKEN_KEY) ?? '');
}
