// Loading what an admin section shows (issue 16): one request, its outcome as state, a `reload`
// after each change, and the session's end sent back to the sign-in form.
import { useCallback, useEffect, useState } from 'react';
import type { AdminOutcome, AdminRefusal } from './admin-api';
import { adminRefusalText } from './admin-text';

export type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

export function useAdminData<T>(load: () => Promise<AdminOutcome<T>>, onSignInRequired: () => void): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((outcome) => {
      if (!live) return;
      if (outcome.ok) setState({ kind: 'ready', value: outcome.value });
      else if (outcome.refusal?.code === 'SIGN_IN_REQUIRED') onSignInRequired();
      else setState({ kind: 'failed', message: adminRefusalText(outcome.refusal) });
    });
    return () => {
      live = false;
    };
  }, [load, onSignInRequired, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { state, reload };
}

/** What a change's outcome says: null when done; SIGN_IN_REQUIRED goes back to the form. */
export function changeProblem(outcome: AdminOutcome<unknown>, onSignInRequired: () => void): AdminRefusal | { code: 'UNREACHABLE'; message: string } | null {
  if (outcome.ok) return null;
  if (outcome.refusal?.code === 'SIGN_IN_REQUIRED') onSignInRequired();
  return outcome.refusal ?? { code: 'UNREACHABLE', message: adminRefusalText(null) };
}
