// A generous per-method limit on IPC calls (docs/DECISIONS.md, "IPC rate limit"): far above what
// a person's taps can reach, low enough that a compromised or runaway page cannot flood the
// backend. `submitRating` is never limited: a citizen's tap is never refused (the backend flags
// misuse in its own records instead).
import type { MethodName } from '../../shared/contract';

export interface IpcRateLimit {
  /** Calls allowed per method in one window. */
  calls: number;
  windowMs: number;
  exempt: readonly MethodName[];
}

export const ipcRateLimit: IpcRateLimit = { calls: 60, windowMs: 10_000, exempt: ['submitRating'] };

export interface RateLimiter {
  /** Whether this call may run now; undefined when it may, or when it may be tried again (ms epoch). */
  refusedUntil: (name: MethodName) => number | undefined;
}

/** Fixed windows per method: a counter and the window's start, nothing per call kept. */
export function createRateLimiter(limit: IpcRateLimit, now: () => number): RateLimiter {
  const windows = new Map<MethodName, { start: number; count: number }>();
  return {
    refusedUntil: (name) => {
      if (limit.exempt.includes(name)) return undefined;
      const at = now();
      const current = windows.get(name);
      if (current === undefined || at - current.start >= limit.windowMs) {
        windows.set(name, { start: at, count: 1 });
        return undefined;
      }
      current.count += 1;
      return current.count > limit.calls ? current.start + limit.windowMs : undefined;
    },
  };
}
