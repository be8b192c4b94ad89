// The contract is declared once; dispatch, the IPC binding, the preload and the browser host
// are derived from it. These tests check each derivation against the contract's method list.
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { bridgeKey, contract, eventChannel, hostOf, ipcChannel, methodNames, type ElectronHandlers, type Handlers, type HostHandlers, type KioskBridge } from '../../shared/contract';
import { mergeContracts } from '../../shared/contract/method';
import { dispatch, type ContractEndpoint } from '../../electron/backend/dispatch';
import type { Logger } from '../../electron/backend/logger';
import { implementContract } from '../../electron/backend/kiosk-backend';
import { bindContractToIpc, type IpcRegistrar } from '../../electron/shell/ipc-binding';
import { capturingLogger, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession } from '../support/it-admin-fixture';

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

  it('refuses a method that does not declare where it runs', () => {
    const { host: _host, ...withoutHost } = contract.getHomeScreen;
    void _host;
    expect(() => mergeContracts({ x: withoutHost } as never)).toThrow(/x does not declare where it runs/);
    expect(() => mergeContracts({ x: { ...contract.getHomeScreen, host: 'browser' } } as never)).toThrow(/x does not declare where it runs/);
  });

  it('refuses handlers registered twice or missing', () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const { getHomeScreen, ...rest } = backend.handlers;
    expect(() => implementContract({ getHomeScreen }, { getHomeScreen, ...rest })).toThrow(/registered twice: getHomeScreen/);
    expect(() => implementContract(rest)).toThrow(/without a handler: getHomeScreen/);
  });

  it('the plain backend implements every host: any method and no host: electron one', () => {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    expect(Object.keys(backend.handlers).sort()).toEqual(methodNames.filter((name) => hostOf(name) === 'any').sort());
    const chooseFolder: ElectronHandlers['chooseFolder'] = () => ({ path: '/media/usb' });
    expect(() => implementContract(backend.handlers, { chooseFolder } as never)).toThrow(/not a method the plain backend runs.*chooseFolder/i);
  });
});

describe('dispatch', () => {
  /** The real handlers and access check, with submitRating replaced by a bug. */
  function endpointWithBug(log: Logger, replace: Partial<Handlers> = {}): ContractEndpoint {
    const backend = openTestBackend({ dataDir: tempDataDir() });
    const submitRating = () => {
      throw new Error('secret stack detail');
    };
    return { access: backend.endpoint.access, log, handlers: { ...backend.handlers, submitRating, ...replace } as HostHandlers };
  }

  it('answers an unknown method with a typed error', async () => {
    const { log } = capturingLogger();
    const endpoint = endpointWithBug(log);
    expect(await dispatch(endpoint, 'dropRatings', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(endpoint, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers NOT_SUPPORTED for a host: electron method the host lacks, after access, from the contract', async () => {
    const { log } = capturingLogger();
    const backend = openTestBackend({ dataDir: tempDataDir() });
    // Browser mode's endpoint: the backend's handlers only. Access still comes first.
    expect(await dispatch(backend.endpoint, 'chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    itAdminSession(backend);
    expect(await dispatch(backend.endpoint, 'chooseFolder', {})).toEqual({ ok: false, error: { code: 'NOT_SUPPORTED', message: 'Chức năng này không có ở chế độ hiện tại.' } });
    expect(await dispatch(backend.endpoint, 'savePdfReport', { fileName: 'bao-cao.pdf' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The same method with a handler (Electron's endpoint) runs, input and output parsed.
    const chooseFolder = vi.fn(() => ({ path: '/media/it/USB' }));
    const electron: ContractEndpoint = { ...backend.endpoint, log, handlers: { ...backend.handlers, chooseFolder } };
    expect(await dispatch(electron, 'chooseFolder', {})).toEqual({ ok: true, data: { path: '/media/it/USB' } });
    expect(await dispatch(electron, 'chooseFolder', { defaultPath: '/etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(chooseFolder).toHaveBeenCalledTimes(1);
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
    expect([...exposed.byKey.keys()]).toEqual([bridgeKey]);
    const api = exposed.byKey.get(bridgeKey) ?? {};
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent', 'host'].sort());
    // Electron's bridge says so: the page may offer the host: 'electron' methods (chooseFolder among them).
    expect(api.host).toBe('electron');
    expect(methodNames).toContain('chooseFolder');
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
});
