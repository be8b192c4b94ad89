import { createContext, useContext, type ReactNode } from 'react';
import type { ShellApi } from './shell-client';

// Null (the default) means browser mode: no native dialogs.
const ShellApiContext = createContext<ShellApi | null>(null);

export function ShellApiProvider({ shell, children }: { shell: ShellApi | null; children: ReactNode }) {
  return <ShellApiContext.Provider value={shell}>{children}</ShellApiContext.Provider>;
}

export function useShellApi(): ShellApi | null {
  return useContext(ShellApiContext);
}
