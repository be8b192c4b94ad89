// Chunks the citizen screen fetches only when it needs them (the dossier step, the hours screens):
// its entry chunk has a size budget (tests/e2e/bundle-budget.test.ts). React.lazy would remember
// a failed fetch for the life of the page and throw it at every render — in browser mode a host
// restarting at that moment would leave the kiosk blank. Here a failed fetch is forgotten and
// tried again, and the screen shows its fallback meanwhile.
import { useEffect, useState } from 'react';

export interface OnDemand<T> {
  /** One fetch for every caller; forgotten after a failure, so the next call fetches again. */
  load(): Promise<T>;
  /** The module once a fetch succeeded (the first render after that needs no waiting). */
  loaded(): T | undefined;
}

export function onDemand<T>(fetchChunk: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | undefined;
  let module: T | undefined;
  return {
    load() {
      loading ??= fetchChunk().then(
        (m) => (module = m),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => module,
  };
}

/** A fetch that only warms the cache: a failure is retried by whoever needs the chunk. */
export function prefetch(chunk: OnDemand<unknown>): void {
  chunk.load().catch(() => undefined);
}

/** The chunk's module while `wanted`, fetched (and re-fetched every `retryMs` after a failure); undefined until then. */
export function useOnDemand<T>(chunk: OnDemand<T>, wanted: boolean, retryMs = 3000): T | undefined {
  const [module, setModule] = useState<{ m: T } | undefined>(() => {
    const m = chunk.loaded();
    return m === undefined ? undefined : { m };
  });
  useEffect(() => {
    if (!wanted || module !== undefined) return undefined;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      chunk.load().then(
        (m) => current && setModule({ m }),
        () => {
          if (current) timer = setTimeout(attempt, retryMs);
        },
      );
    };
    attempt();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [chunk, wanted, module, retryMs]);
  return module?.m;
}
