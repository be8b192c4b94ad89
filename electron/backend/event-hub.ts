// Backend → windows push: handlers emit, each host (IPC, SSE) subscribes once and forwards.
import type { EmitEvent, EventName, EventPayload } from '../../shared/contract';

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface EventHub {
  emit: EmitEvent;
  subscribe: (listener: EventListener) => () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit: (name, payload) => {
      for (const listener of listeners) listener(name, payload);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
