import { createContext, useContext, type ReactNode } from 'react';
import type { KioskApi } from '../../../shared/contract';

const KioskApiContext = createContext<KioskApi | null>(null);

export function KioskApiProvider({ api, children }: { api: KioskApi; children: ReactNode }) {
  return <KioskApiContext.Provider value={api}>{children}</KioskApiContext.Provider>;
}

export function useKioskApi(): KioskApi {
  const api = useContext(KioskApiContext);
  if (api === null) throw new Error('useKioskApi outside KioskApiProvider');
  return api;
}
