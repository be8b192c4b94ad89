// The renderer's only way to the backend: a typed client derived from the contract. The
// transport is IPC (Electron preload) or HTTP (browser mode); either way every reply and every
// pushed event is parsed against the contract, because it crossed a process boundary.
// The parsing lives in reply-schemas.ts, a chunk of its own (zod and every schema): the client
// starts fetching it when it is created, while the first calls travel, and parses each reply
// with it; once it is there, replies and events are parsed exactly as before, synchronously.
import type { EventName, KioskApi, KioskBridge } from '../../../shared/contract';
import { bridgeKey, eventsPath, httpPath, methodNames, type MethodName } from '../../../shared/contract/names';
import { kioskError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type * as replySchemas from './reply-schemas';

export interface Transport {
  /** Sends one call and returns whatever came back, unparsed. */
  call: (name: MethodName, input: unknown) => Promise<unknown>;
  /** Receives every pushed event, unparsed; returns the unsubscribe function. */
  listen: (listener: (name: string, payload: unknown) => void) => () => void;
}

export type ReplySchemas = typeof replySchemas;

/** The parsing chunk, fetched once; forgotten after a failure so the next reply tries again. */
let loadingSchemas: Promise<ReplySchemas> | undefined;
export function loadReplySchemas(): Promise<ReplySchemas> {
  loadingSchemas ??= import('./reply-schemas').catch((error: unknown) => {
    loadingSchemas = undefined;
    throw error;
  });
  return loadingSchemas;
}

/**
 * `schemas`: the parsing module itself (UI tests hand it over, already loaded), or by default
 * loaded lazily as described above.
 */
export function createKioskClient(transport: Transport, schemas?: ReplySchemas): KioskApi {
  let parser: ReplySchemas | undefined = schemas;
  const parserReady = (): Promise<ReplySchemas> =>
    parser !== undefined
      ? Promise.resolve(parser)
      : loadReplySchemas().then((loaded) => {
          parser = loaded;
          return loaded;
        });
  if (parser === undefined) parserReady().catch(() => undefined); // start now; a failure shows on the first reply

  const call = async (name: MethodName, input: unknown): Promise<Result<unknown>> => {
    let reply: unknown;
    try {
      reply = await transport.call(name, input);
    } catch (error) {
      return { ok: false, error: kioskError('UNAVAILABLE', error instanceof Error ? error.message : String(error)) };
    }
    if (parser !== undefined) return parser.parseReply(name, reply);
    try {
      return (await parserReady()).parseReply(name, reply);
    } catch (error) {
      return { ok: false, error: kioskError('INTERNAL', `the contract's schemas could not be loaded: ${error instanceof Error ? error.message : String(error)}`) };
    }
  };
  const methods = Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input)]));
  const subscribe: KioskApi['subscribe'] = (wanted, listener) => {
    let listening = true;
    const deliver = (loaded: ReplySchemas, payload: unknown) => {
      const parsed = loaded.parseEvent(wanted as EventName, payload);
      // One event today; with more, this cast is where the name meets its schema.
      if (listening && parsed !== undefined) listener(parsed.payload as Parameters<typeof listener>[0]);
    };
    const stop = transport.listen((name, payload) => {
      if (name !== wanted) return;
      if (parser !== undefined) deliver(parser, payload);
      else parserReady().then((loaded) => deliver(loaded, payload), () => undefined); // in order: one promise
    });
    return () => {
      listening = false;
      stop();
    };
  };
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
