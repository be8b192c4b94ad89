// The contract: every backend method declared once, with its input and output schemas.
// The preload, the IPC binding, the browser host's routes and the renderer's client are all
// derived from this object; nothing names a method by hand anywhere else — except `names.ts`,
// the zod-free list the preload bundles, which is checked against this object below.
import { z } from 'zod';
import type { Result } from '../result';
import type { StaffRole } from '../staff';
import { itAdminContract, syncFileExportProgressSchema } from './it-admin';
import { kioskContract } from './kiosk';
import { mergeContracts, type AccessRule, type MethodHost, type MethodSchema } from './method';
import { checkMethodNames, electronMethodNames, methodNames, type ElectronMethodName as ListedElectronName, type MethodName as ListedMethodName } from './names';
import { ratingsContract } from './ratings';
import { reportPathContract } from './report-path';
import { reportsContract } from './reports';
import { staffContract } from './staff';
import { syncContract, syncStatusSchema } from './sync';

export const contract = mergeContracts(
  kioskContract,
  ratingsContract,
  syncContract,
  staffContract,
  reportsContract,
  itAdminContract,
  reportPathContract,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type MethodInput<N extends MethodName> = z.input<Contract[N]['input']>;
export type MethodOutput<N extends MethodName> = z.output<Contract[N]['output']>;

// The names list and the declarations are one rule: tsc refuses a difference in the types,
// and the contract refuses to load with a difference at run time.
checkMethodNames(Object.keys(contract));
const sameNames: [MethodName] extends [ListedMethodName] ? ([ListedMethodName] extends [MethodName] ? true : false) : false = true;
void sameNames;
export { methodNames };
export type { AccessRule, MethodAccess, MethodHost } from './method';

/** The methods only Electron answers (`host: 'electron'`), and the ones every host answers. */
export type ElectronMethodName = { [N in MethodName]: Contract[N]['host'] extends 'electron' ? N : never }[MethodName];
export type AnyHostMethodName = Exclude<MethodName, ElectronMethodName>;
// names.ts's zod-free list of Electron-only methods is the same rule, in types and at load.
const sameElectronNames: [ElectronMethodName] extends [ListedElectronName] ? ([ListedElectronName] extends [ElectronMethodName] ? true : false) : false = true;
void sameElectronNames;
{
  const declared = (Object.keys(contract) as MethodName[]).filter((name) => hostOf(name) === 'electron');
  const listed: readonly string[] = electronMethodNames;
  if (declared.length !== listed.length || declared.some((name) => !listed.includes(name))) {
    throw new Error(`shared/contract/names.ts electronMethodNames [${electronMethodNames.join(', ')}] does not match the host: 'electron' methods [${declared.join(', ')}]`);
  }
}

/** Where a method runs, as declared. */
export function hostOf(name: MethodName): MethodHost {
  const method: MethodSchema = contract[name];
  return method.host;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** A method's declared access in one shape (each declaration keeps its own literal type). */
export function accessRule(name: MethodName): AccessRule {
  const method: MethodSchema = contract[name];
  return { access: method.access, whilePinChangeRequired: method.whilePinChangeRequired === true };
}

/** Whether a signed-in role (its PIN changed) may call a method: what the staff tiles show. */
export function roleMayCall(role: StaffRole, name: MethodName): boolean {
  const { access } = accessRule(name);
  return access === 'public' || access.includes(role);
}

/** One handler per method, given already-validated input. */
export type Handlers = {
  [N in MethodName]: (input: z.output<Contract[N]['input']>) => MethodOutput<N> | Promise<MethodOutput<N>>;
};
/** What the plain-Node backend implements: every `host: 'any'` method, nothing else. */
export type BackendHandlers = Pick<Handlers, AnyHostMethodName>;
/** What the Electron shell adds: every `host: 'electron'` method. */
export type ElectronHandlers = Pick<Handlers, ElectronMethodName>;
/** What a host hands to dispatch: the backend's handlers and whichever Electron-only ones it has. */
export type HostHandlers = BackendHandlers & Partial<ElectronHandlers>;

/** What the renderer calls: typed end to end, errors as data. */
export type KioskApi = {
  [N in MethodName]: (input: MethodInput<N>) => Promise<Result<MethodOutput<N>>>;
} & {
  /** Listen to one pushed event (payload already parsed); returns the unsubscribe function. */
  subscribe: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/**
 * What the preload puts on `window`: one function per method, untyped on purpose — whatever
 * crosses the process boundary is parsed by the renderer client, not trusted.
 */
export type KioskBridge = Record<MethodName, (input: unknown) => Promise<unknown>> & {
  /** Every pushed event, unparsed; returns the unsubscribe function. */
  onEvent: (listener: (name: string, payload: unknown) => void) => () => void;
  /** The preload is Electron's: the page may offer the `host: 'electron'` methods. */
  host: 'electron';
};

/** Events the backend pushes (Electron: one IPC channel; browser mode: server-sent events). */
export const contractEvents = {
  syncStatusChanged: syncStatusSchema,
  /** A rating was stored: open dashboards refresh. Carries no rating content. */
  ratingStored: z.object({ seq: z.number().int(), localDay: z.iso.date() }),
  /** A shift started, changed area or ended: the citizen screen shows the officer on duty. */
  shiftChanged: z.object({}),
  /** A sync file is being written to the USB folder: ratings written so far of the total. */
  syncFileExportProgress: syncFileExportProgressSchema,
  /**
   * The kiosk went out of service (its storage could not be opened, or was lost while running) or
   * came back: the citizen screen reloads its home screen, which shows the notice or the faces.
   */
  serviceChanged: z.object({ inService: z.boolean() }),
} as const;
export type EventName = keyof typeof contractEvents & string;
export type EventPayload<N extends EventName> = z.output<(typeof contractEvents)[N]>;
/** The backend's side: how handlers announce an event to every window. */
export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void;
export { bridgeKey, electronMethodNames, eventChannel, eventsPath, hostHasMethod, httpPath, ipcChannel, type HostKind } from './names';

export { homeScreenSchema, type HomeScreen } from './kiosk';
export { storedRatingSchema, type StoredRating } from './ratings';
export { syncStatusSchema, type SyncStatus, type SyncProblem } from './sync';
