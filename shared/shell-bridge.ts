// What only the Electron shell can do, beside the contract. A native dialog exists only in
// Electron, so these are not contract methods: the plain-Node backend and the browser host
// could never answer them. The preload exposes them under `shellBridgeKey`; in browser mode
// that key is absent and the page offers nothing that needs it. Replies are `Result`s, parsed
// on arrival like the contract's, because they cross a process boundary.
import { z } from 'zod';
import { shellCapabilityNames, type ShellCapabilityName as ListedName } from './shell-bridge-names';

export const shellCapabilities = {
  /** The native "choose a folder" dialog for the USB stick; cancelling answers CANCELLED. */
  chooseFolder: { input: z.object({}).strict(), output: z.object({ path: z.string().min(1).max(4096) }) },
} as const;

export type ShellCapabilityName = keyof typeof shellCapabilities;
// The preload's zod-free list (shell-bridge-names.ts) names exactly these: checked here by tsc and at load.
const sameNames: [ShellCapabilityName] extends [ListedName] ? ([ListedName] extends [ShellCapabilityName] ? true : false) : false = true;
void sameNames;
if (Object.keys(shellCapabilities).join() !== shellCapabilityNames.join()) {
  throw new Error(`shared/shell-bridge-names.ts does not match shellCapabilities: [${shellCapabilityNames.join(', ')}]`);
}
export { shellCapabilityNames };
export type ShellOutput<N extends ShellCapabilityName> = z.infer<(typeof shellCapabilities)[N]['output']>;

/** What the shell implements: one handler per capability (no input beyond the schema's). */
export type ShellHandlers = { [N in ShellCapabilityName]: () => Promise<ShellOutput<N>> };

/** What the preload exposes: one function per capability, replies unparsed. */
export type ShellBridge = Record<ShellCapabilityName, (input: unknown) => Promise<unknown>>;
export { shellBridgeKey, shellChannel } from './shell-bridge-names';
