// Which host serves this page, for the `host: 'electron'` methods (the folder dialog, the PDF
// save): Electron's preload says `host: 'electron'` beside the methods; browser mode has no
// bridge, and its host answers those methods NOT_SUPPORTED, so a screen does not offer them.
// Zod-free (names.ts only): part of the entry chunk.
import { createContext, useContext, type ReactNode } from 'react';
import type { KioskBridge } from '../../../shared/contract';
import { bridgeKey, hostHasMethod, type HostKind, type MethodName } from '../../../shared/contract/names';

// 'browser' (the default) offers only the methods every host runs.
const HostContext = createContext<HostKind>('browser');

export function HostProvider({ host, children }: { host: HostKind; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

/** Whether this page's host runs a method at all (otherwise it answers NOT_SUPPORTED). */
export function useHostHasMethod(name: MethodName): boolean {
  return hostHasMethod(useContext(HostContext), name);
}

/** Electron's preload marks its bridge; anything else is browser mode. */
export function hostForThisWindow(win: Window = window): HostKind {
  const bridge = (win as unknown as Record<string, Partial<KioskBridge> | undefined>)[bridgeKey];
  return bridge?.host === 'electron' ? 'electron' : 'browser';
}
