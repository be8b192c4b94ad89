// Sandboxed preload, bundled into one file: exposes exactly one function per contract method,
// derived from the contract, one event subscription, and `host: 'electron'` (so the page may
// offer the Electron-only methods; browser mode has no bridge) — nothing else (no generic
// channel forwarder, and the IpcRendererEvent never reaches the page). It imports names and
// channels only, never a schema: the backend parses every call and the renderer every reply,
// so zod has no business here (tests/e2e/bundle-budget.test.ts keeps it out of
// dist/electron/preload.cjs).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KioskBridge } from '../../shared/contract';
import { bridgeKey, eventChannel, ipcChannel, methodNames } from '../../shared/contract/names';

const methods = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
) as Omit<KioskBridge, 'onEvent' | 'host'>;

const onEvent: KioskBridge['onEvent'] = (listener) => {
  const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
  ipcRenderer.on(eventChannel, forward);
  return () => ipcRenderer.off(eventChannel, forward);
};

contextBridge.exposeInMainWorld(bridgeKey, { ...methods, onEvent, host: 'electron' } satisfies KioskBridge);
