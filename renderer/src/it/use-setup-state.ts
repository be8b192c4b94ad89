import { useEffect, useState } from 'react';
import { useKioskApi } from '../api/kiosk-api-context';

/**
 * Whether the kiosk still waits for IT staff to set it up. False until known and on any
 * failure: the rating buttons stay the default (the backend never refuses a rating for this).
 */
export function useNeedsSetup(): boolean {
  const api = useKioskApi();
  const [needsSetup, setNeedsSetup] = useState(false);
  // Asked again when the kiosk comes back in service: out of service at start, the first ask failed.
  const [asked, setAsked] = useState(0);
  useEffect(() => api.subscribe('serviceChanged', ({ inService }) => inService && setAsked((n) => n + 1)), [api]);
  useEffect(() => {
    let live = true;
    void api.getSetupState({}).then((reply) => {
      if (live && reply.ok) setNeedsSetup(reply.data.needsSetup);
    });
    return () => {
      live = false;
    };
  }, [api, asked]);
  return needsSetup;
}
