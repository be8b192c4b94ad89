// UI tests install only the methods they need; calls still go through the real contract client,
// so every reply is parsed exactly as it is in the app (with the parsing module the app loads
// lazily, handed over already loaded: replies and events are parsed synchronously, as in the
// app once that chunk has arrived).
import type { EventName, MethodName, MethodOutput, KioskApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { createKioskClient } from '../../renderer/src/api/kiosk-client';
import * as replySchemas from '../../renderer/src/api/reply-schemas';

export type FakeMethods = { [N in MethodName]?: (input: unknown) => Result<MethodOutput<N>> | Promise<Result<MethodOutput<N>>> };

/** A fake backend: the installed methods, plus `push` to send an event to subscribed screens. */
export function fakeKioskApi(methods: FakeMethods): KioskApi & { push: (name: EventName, payload: unknown) => void } {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const api = createKioskClient({
    call: async (name, input) => {
      const method = methods[name];
      if (method === undefined) throw new Error(`test did not install ${name}`);
      return method(input);
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }, replySchemas);
  return { ...api, push: (name, payload) => listeners.forEach((l) => l(name, payload)) };
}
