// What only the Electron shell can do, beside the contract. A native dialog exists only in
// Electron, so these are not contract methods: the plain-Node backend and the browser host
// could never answer them. The preload exposes them under `shellBridgeKey`; in browser mode
// that key is absent and the page offers nothing that needs it. Replies are `Result`s, parsed
// on arrival like the contract's, because they cross a process boundary.
import { z } from 'zod';

export const shellCapabilities = {
  /** The native "choose a folder" dialog for the USB stick; cancelling answers CANCELLED. */
  chooseFolder: { input: z.object({}).strict(), output: z.object({ path: z.string().min(1).max(4096) }) },
} as const;

export type ShellCapabilityName = keyof typeof shellCapabilities;
export const shellCapabilityNames = Object.keys(shellCapabilities) as ShellCapabilityName[];
export type ShellOutput<N extends ShellCapabilityName> = z.infer<(typeof shellCapabilities)[N]['output']>;

/** What the shell implements: one handler per capability (no input beyond the schema's). */
export type ShellHandlers = { [N in ShellCapabilityName]: () => Promise<ShellOutput<N>> };

/** What the preload exposes: one function per capability, replies unparsed. */
export type ShellBridge = Record<ShellCapabilityName, (input: unknown) => Promise<unknown>>;
export const shellBridgeKey = 'kioskShell';
export const shellChannel = (name: ShellCapabilityName): string => `shell:${name}`;
