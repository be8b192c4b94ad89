// The contract is declared once; dispatch, the IPC binding, the preload and the browser host
// are derived from it. These tests check each derivation against the contract's method list.
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { bridgeKey, contract, eventChannel, ipcChannel, methodNames, type Handlers, type KioskBridge } from '../../shared/contract';
import { mergeContracts } from '../../shared/contract/method';
import { shellBridgeKey, shellCapabilityNames, shellChannel } from '../../shared/shell-bridge';
import { dispatch, type ContractEndpoint } from '../../electron/backend/dispatch';
import type { Logger } from '../../electron/backend/logger';
import { implementContract } from '../../electron/backend/kiosk-backend';
import { bindContractToIpc, type IpcRegistrar } from '../../electron/shell/ipc-binding';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';

const exposed = vi.hoisted(() => ({ byKey: new Map<string, Record<string, unknown>>(), invoked: [] as unknown[][], listening: [] as unknown[][] }));
// Electron's binary cannot run here; the preload's two imports are recorded instead.
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.byKey.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => Promise.resolve(exposed.invoked.push(args)),
    on: (...args: unknown[]) => exposed.listening.push(args),
    off: (...args: unknown[]) => exposed.listening.splice(exposed.listening.findIndex((a) => a[1] === args[1]), 1),
  },
}));

describe('contract', () => {
  it('refuses a method declared twice', () => {
    expect(() => mergeContracts(contract, { getHomeScreen: contract.getHomeScreen })).toThrow(/declared twice: getHomeScreen/);
  });

  it('refuses handlers registered twice or missing', () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const { getHomeScreen, ...rest } = backend.handlers;
    expect(() => implementContract({ getHomeScreen }, { getHomeScreen, ...rest })).toThrow(/registered twice: getHomeScreen/);
    expect(() => implementContract(rest)).toThrow(/without a handler: getHomeScreen/);
  });
});

describe('dispatch', () => {
  /** The real handlers and access check, with submitRating replaced by a bug. */
  function endpointWithBug(log: Logger, replace: Partial<Handlers> = {}): ContractEndpoint {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const submitRating = () => {
      throw new Error('secret stack detail');
    };
    return { access: backend.endpoint.access, log, handlers: { ...backend.handlers, submitRating, ...replace } as Handlers };
  }

  it('answers an unknown method with a typed error', async () => {
    const { log } = capturingLogger();
    const endpoint = endpointWithBug(log);
    expect(await dispatch(endpoint, 'dropRatings', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(endpoint, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('validates input against the contract before the handler runs', async () => {
    const { log } = capturingLogger();
    const submitRating = vi.fn();
    for (const bad of [{ scale: 'vn-9', level: 1 }, { scale: 'vn-3', level: 1.5 }, { scale: 'vn-3', level: 1, extra: true }, 'x']) {
      const reply = await dispatch(endpointWithBug(log, { submitRating }), 'submitRating', bad);
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Dữ liệu gửi lên không hợp lệ.' } });
    }
    expect(submitRating).not.toHaveBeenCalled();
  });

  it('validates output too, and turns a bug into INTERNAL without leaking the stack', async () => {
    const { log, lines } = capturingLogger();
    const wrongShape = endpointWithBug(log, { getHomeScreen: () => ({ officeName: 'x' }) } as unknown as Partial<Handlers>);
    expect(await dispatch(wrongShape, 'getHomeScreen', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const reply = await dispatch(endpointWithBug(log), 'submitRating', { scale: 'vn-3', level: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack detail');
    expect(lines().filter((l) => l.msg === 'contract call failed')).toHaveLength(2);
  });
});

describe('IPC binding', () => {
  it('registers exactly one validated channel per contract method', async () => {
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipc: IpcRegistrar = { handle: (channel, listener) => void registered.set(channel, listener) };
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const trusted = { senderFrame: { url: 'file:///app/index.html' } } as IpcMainInvokeEvent;
    const stranger = { senderFrame: { url: 'https://evil.example/' } } as IpcMainInvokeEvent;
    bindContractToIpc(ipc, backend.endpoint, (e) => e === trusted);

    expect([...registered.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());
    const submit = registered.get(ipcChannel('submitRating'));
    expect(await submit?.(trusted, { scale: 'vn-3', level: 1 })).toMatchObject({ ok: true, data: { seq: 1 } });
    expect(await submit?.(trusted, { level: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await submit?.(stranger, { scale: 'vn-3', level: 1 })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });
});

describe('preload', () => {
  it('exposes exactly one function per contract method, each invoking its own channel, and onEvent', async () => {
    await import('../../electron/shell/preload');
    expect([...exposed.byKey.keys()].sort()).toEqual([bridgeKey, shellBridgeKey].sort());
    const api = exposed.byKey.get(bridgeKey) ?? {};
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent'].sort());
    exposed.invoked.length = 0;
    for (const name of methodNames) {
      const fn = api[name];
      expect(typeof fn).toBe('function');
      await (fn as (input: unknown) => Promise<unknown>)({ probe: name });
    }
    expect(exposed.invoked).toEqual(methodNames.map((name) => [ipcChannel(name), { probe: name }]));
  });

  it('forwards events without the IpcRendererEvent, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = (exposed.byKey.get(bridgeKey)?.onEvent as KioskBridge['onEvent'])((...args) => received.push(args));
    const [channel, forward] = exposed.listening[0] as [string, (...a: unknown[]) => void];
    expect(channel).toBe(eventChannel);
    forward({ sender: 'secret ipc object' }, 'syncStatusChanged', { pendingCount: 1 });
    expect(received).toEqual([['syncStatusChanged', { pendingCount: 1 }]]);
    off();
    expect(exposed.listening).toHaveLength(0);
  });

  it('exposes the shell-only capabilities under their own key, one function each, invoking its own channel', async () => {
    await import('../../electron/shell/preload');
    const shell = exposed.byKey.get(shellBridgeKey) ?? {};
    expect(Object.keys(shell).sort()).toEqual([...shellCapabilityNames].sort());
    exposed.invoked.length = 0;
    for (const name of shellCapabilityNames) await (shell[name] as (input: unknown) => Promise<unknown>)({ probe: name });
    expect(exposed.invoked).toEqual(shellCapabilityNames.map((name) => [shellChannel(name), { probe: name }]));
  });
});
