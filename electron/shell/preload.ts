// Sandboxed preload, bundled into one file: exposes exactly one function per contract method,
// derived from the contract, plus one event subscription — nothing else (no generic channel
// forwarder, and the IpcRendererEvent never reaches the page).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeKey, eventChannel, ipcChannel, methodNames, type KioskBridge } from '../../shared/contract';

const methods = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
) as Omit<KioskBridge, 'onEvent'>;

const onEvent: KioskBridge['onEvent'] = (listener) => {
  const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
  ipcRenderer.on(eventChannel, forward);
  return () => ipcRenderer.off(eventChannel, forward);
};

contextBridge.exposeInMainWorld(bridgeKey, { ...methods, onEvent } satisfies KioskBridge);
