import { useEffect, useState } from 'react';
import { useKioskApi } from '../api/kiosk-api-context';

/**
 * Whether the kiosk still waits for IT staff to set it up. False until known and on any
 * failure: the rating buttons stay the default (the backend never refuses a rating for this).
 */
export function useNeedsSetup(): boolean {
  const api = useKioskApi();
  const [needsSetup, setNeedsSetup] = useState(false);
  useEffect(() => {
    let live = true;
    void api.getSetupState({}).then((reply) => {
      if (live && reply.ok) setNeedsSetup(reply.data.needsSetup);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return needsSetup;
}
