import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { useKioskApi } from '../api/kiosk-api-context';

/** The live sync status: fetched once, then kept current by the backend's pushed events. */
export function useSyncStatus(): SyncStatus | null {
  const api = useKioskApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let current = true;
    const unsubscribe = api.subscribe('syncStatusChanged', (next) => setStatus(next));
    void api.getSyncStatus({}).then((reply) => {
      if (current && reply.ok) setStatus(reply.data);
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api]);
  return status;
}

/**
 * The window knows when the network comes back; the backend does not (Electron's main process
 * has no such event). Tell it, so a kiosk in backoff sends at once.
 */
export function useSyncWhenOnline(): void {
  const api = useKioskApi();
  useEffect(() => {
    const onOnline = () => void api.syncNow({ reason: 'network-restored' });
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [api]);
}
