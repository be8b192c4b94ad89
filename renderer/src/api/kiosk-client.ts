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

/**
 * Whether the backend answers (issue 14): 'connecting' until the first answer, 'up' while the
 * events stream is open, 'down' once it broke or fell silent (host gone or restarting: the
 * stream keeps trying), 'refused' when the host no longer accepts this page's secret (it cannot
 * recover by itself: the page must be opened at the host's new address).
 */
export type BackendConnection = 'connecting' | 'up' | 'down' | 'refused';
export type ConnectionWatcher = (listener: (state: BackendConnection) => void) => () => void;

export interface Transport {
  /** Sends one call and returns whatever came back, unparsed. */
  call: (name: MethodName, input: unknown) => Promise<unknown>;
  /** Receives every pushed event, unparsed; returns the unsubscribe function. */
  listen: (listener: (name: string, payload: unknown) => void) => () => void;
  /**
   * The connection's state, now and at each change; returns the unsubscribe function. Left out
   * (Electron's IPC): the backend lives in the app's own main process, and is always there.
   */
  watchConnection?: ConnectionWatcher;
}

/** The contract's methods and events, and whether the backend answers at all. */
export type KioskClient = KioskApi & { watchConnection: ConnectionWatcher };

/** The watch of a backend that is always there (Electron's IPC, a test's fake api). */
export const alwaysUp: ConnectionWatcher = (listener) => {
  listener('up');
  return () => {};
};

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
export function createKioskClient(transport: Transport, schemas?: ReplySchemas): KioskClient {
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
  return { ...methods, subscribe, watchConnection: transport.watchConnection ?? alwaysUp } as KioskClient;
}

export function ipcTransport(bridge: KioskBridge): Transport {
  return { call: (name, input) => bridge[name](input), listen: (listener) => bridge.onEvent(listener) };
}

export interface StreamTiming {
  /** Pause between two attempts to open the events stream. */
  reconnectMs: number;
  /** A stream with nothing, not even the host's keep-alive (every 10 s), for this long is dead. */
  silentMs: number;
}
const STREAM_TIMING: StreamTiming = { reconnectMs: 2_000, silentMs: 25_000 };

export function httpTransport(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis), timing: StreamTiming = STREAM_TIMING): Transport {
  const authorization = `Bearer ${token}`;
  // One events stream for the whole page, open while anyone listens or watches the connection;
  // it is also how the page knows the backend answers (browsers allow few connections per host).
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const watchers = new Set<(state: BackendConnection) => void>();
  let state: BackendConnection = 'connecting';
  let stream: AbortController | undefined;
  const setState = (next: BackendConnection) => {
    if (next === state) return;
    state = next;
    for (const watcher of [...watchers]) watcher(next);
  };

  const readStream = async (signal: AbortSignal) => {
    while (!signal.aborted) {
      const attempt = new AbortController();
      const stop = () => attempt.abort();
      signal.addEventListener('abort', stop);
      let silence: ReturnType<typeof setTimeout> | undefined;
      const heard = () => {
        clearTimeout(silence);
        silence = setTimeout(stop, timing.silentMs);
      };
      try {
        heard();
        const response = await fetchImpl(eventsPath, { headers: { authorization }, signal: attempt.signal });
        const reader = response.ok ? response.body?.pipeThrough(new TextDecoderStream()).getReader() : undefined;
        if (reader === undefined) {
          setState(response.status === 401 ? 'refused' : 'down');
        } else {
          setState('up');
          // Ends a pending read too, whatever the fetch does with the signal once the body flows.
          attempt.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
          let buffer = '';
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) break;
            heard();
            buffer += chunk.value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              for (const listener of [...listeners]) dispatchSse(block, listener);
            }
          }
          if (!signal.aborted) setState('down'); // the host closed the stream: it is going away
        }
      } catch {
        if (!signal.aborted) setState('down'); // host gone, restarting, or silent: try again shortly
      } finally {
        clearTimeout(silence);
        signal.removeEventListener('abort', stop);
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, timing.reconnectMs));
    }
  };
  const using = <T>(set: Set<T>, item: T): (() => void) => {
    set.add(item);
    if (stream === undefined) {
      stream = new AbortController();
      void readStream(stream.signal);
    }
    return () => {
      set.delete(item);
      if (listeners.size > 0 || watchers.size > 0 || stream === undefined) return;
      stream.abort();
      stream = undefined;
      state = 'connecting';
    };
  };

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
    // reconnects until the last listener leaves, so a restarted host is picked up again.
    listen: (listener) => using(listeners, listener),
    watchConnection: (watcher) => {
      const stop = using(watchers, watcher);
      watcher(state);
      return stop;
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
 * Electron's preload when present; otherwise browser mode, with the token (the data folder's
 * kept secret, the same across host restarts) taken from the URL fragment once, kept for
 * reloads in sessionStorage, and removed from the address bar.
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
