// The tallies for a range, kept live: a stored rating (the `ratingStored` event) refetches
// them, debounced so a burst of taps makes one request. While a refetch of the same range runs
// the old figures stay on screen; a different range shows "loading" instead of stale numbers.
import { useEffect, useRef, useState } from 'react';
import type { DayRange } from '../../../shared/periods';
import type { KioskError } from '../../../shared/result';
import type { Tallies } from '../../../shared/tallies';
import { useKioskApi } from '../api/kiosk-api-context';

export const LIVE_REFRESH_DEBOUNCE_MS = 500;

export type TalliesState = { kind: 'loading' } | { kind: 'error'; error: KioskError } | { kind: 'ready'; tallies: Tallies };

export function useTallies(range: DayRange | null, includeFlagged: boolean, onError: (error: KioskError) => void = () => {}) {
  const api = useKioskApi();
  const from = range?.from ?? null;
  const to = range?.to ?? null;
  const key = from === null || to === null ? null : `${from}/${to}/${includeFlagged}`;
  const [answer, setAnswer] = useState<{ key: string; state: TalliesState } | null>(null);
  const [version, setVersion] = useState(0);
  const [retry, setRetry] = useState(0);
  // The error callback is not an input of the request: kept current without refetching.
  const errorCallback = useRef(onError);
  useEffect(() => {
    errorCallback.current = onError;
  });

  useEffect(() => {
    if (from === null || to === null) return undefined;
    const requestKey = `${from}/${to}/${includeFlagged}`;
    let live = true;
    void api.getTallies({ range: { from, to }, includeFlagged }).then((reply) => {
      if (!live) return;
      if (!reply.ok) errorCallback.current(reply.error);
      setAnswer((previous) =>
        // A failed live refresh keeps the figures already shown.
        !reply.ok && previous?.key === requestKey && previous.state.kind === 'ready'
          ? previous
          : { key: requestKey, state: reply.ok ? { kind: 'ready', tallies: reply.data } : { kind: 'error', error: reply.error } },
      );
    });
    return () => {
      live = false;
    };
  }, [api, from, to, includeFlagged, version, retry]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = api.subscribe('ratingStored', () => {
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), LIVE_REFRESH_DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [api]);

  const state: TalliesState = answer !== null && answer.key === key ? answer.state : { kind: 'loading' };
  return { state, retry: () => setRetry((n) => n + 1) };
}
