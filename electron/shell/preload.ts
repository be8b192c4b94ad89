// Sandboxed preload, bundled into one file: exposes exactly one function per contract method,
// derived from the contract, and nothing else (no generic channel forwarder).
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeKey, ipcChannel, methodNames, type KioskBridge } from '../../shared/contract';

const bridge = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
) as KioskBridge;

contextBridge.exposeInMainWorld(bridgeKey, bridge);
