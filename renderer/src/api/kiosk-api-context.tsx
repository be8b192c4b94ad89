import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { KioskApi } from '../../../shared/contract';
import { alwaysUp, type BackendConnection, type KioskClient } from './kiosk-client';

const KioskApiContext = createContext<KioskApi | null>(null);

export function KioskApiProvider({ api, children }: { api: KioskApi; children: ReactNode }) {
  return <KioskApiContext.Provider value={api}>{children}</KioskApiContext.Provider>;
}

export function useKioskApi(): KioskApi {
  const api = useContext(KioskApiContext);
  if (api === null) throw new Error('useKioskApi outside KioskApiProvider');
  return api;
}

/**
 * Whether the backend answers (kiosk-client.ts): `onChange` gets the state now and at each
 * change — the events stream's state in browser mode, always 'up' over Electron's IPC. An api
 * without the watch (a test's hand-made fake) counts as up. `onChange` should be stable.
 */
export function useBackendConnection(onChange: (state: BackendConnection) => void): void {
  const api = useKioskApi();
  useEffect(() => ((api as Partial<KioskClient>).watchConnection ?? alwaysUp)(onChange), [api, onChange]);
}
