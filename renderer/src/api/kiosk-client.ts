// The renderer's only way to the backend: a typed client derived from the contract. The
// transport is IPC (Electron preload) or HTTP (browser mode); either way every reply and every
// pushed event is parsed against the contract, because it crossed a process boundary.
import {
  bridgeKey,
  contract,
  contractEvents,
  eventsPath,
  httpPath,
  methodNames,
  type EventName,
  type KioskApi,
  type KioskBridge,
  type MethodName,
} from '../../../shared/contract';
import { kioskError } from '../../../shared/errors';
import { resultSchema, type Result } from '../../../shared/result';

export interface Transport {
  /** Sends one call and returns whatever came back, unparsed. */
  call: (name: MethodName, input: unknown) => Promise<unknown>;
  /** Receives every pushed event, unparsed; returns the unsubscribe function. */
  listen: (listener: (name: string, payload: unknown) => void) => () => void;
}

export function createKioskClient(transport: Transport): KioskApi {
  const call = async (name: MethodName, input: unknown): Promise<Result<unknown>> => {
    let reply: unknown;
    try {
      reply = await transport.call(name, input);
    } catch (error) {
      return { ok: false, error: kioskError('UNAVAILABLE', error instanceof Error ? error.message : String(error)) };
    }
    const parsed = resultSchema(contract[name].output).safeParse(reply);
    return parsed.success ? (parsed.data as Result<unknown>) : { ok: false, error: kioskError('INTERNAL', 'reply did not match the contract') };
  };
  const methods = Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input)]));
  const subscribe: KioskApi['subscribe'] = (wanted, listener) =>
    transport.listen((name, payload) => {
      if (name !== wanted) return;
      const parsed = contractEvents[wanted as EventName].safeParse(payload);
      // One event today; with more, this cast is where the name meets its schema.
      if (parsed.success) listener(parsed.data as Parameters<typeof listener>[0]);
    });
  return { ...methods, subscribe } as KioskApi;
}

export function ipcTransport(bridge: KioskBridge): Transport {
  return { call: (name, input) => bridge[name](input), listen: (listener) => bridge.onEvent(listener) };
}

const RECONNECT_MS = 3_000;

export function httpTransport(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  const authorization = `Bearer ${token}`;
  return {
    call: async (name, input) => {
      const response = await fetchImpl(httpPath(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(input ?? {}),
      });
      return response.json();
    },
    // Server-sent events read through fetch (EventSource cannot send the Authorization header);
    // reconnects until unsubscribed, so a restarted host is picked up again.
    listen: (listener) => {
      const abort = new AbortController();
      const connect = async () => {
        while (!abort.signal.aborted) {
          try {
            const response = await fetchImpl(eventsPath, { headers: { authorization }, signal: abort.signal });
            const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
              const chunk = await reader?.read();
              if (chunk === undefined || chunk.done) break;
              buffer += chunk.value;
              let end: number;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                dispatchSse(buffer.slice(0, end), listener);
                buffer = buffer.slice(end + 2);
              }
            }
          } catch {
            // Host gone or restarting: try again shortly.
          }
          await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
        }
      };
      void connect();
      return () => abort.abort();
    },
  };
}

function dispatchSse(block: string, listener: (name: string, payload: unknown) => void): void {
  let name = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (data === '') return;
  try {
    listener(name, JSON.parse(data));
  } catch {
    // A malformed event is dropped; the next status event replaces it anyway.
  }
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
