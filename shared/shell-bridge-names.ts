// The shell-only capabilities' names and channels, without their schemas (see shell-bridge.ts):
// what the preload bundles. shell-bridge.ts checks this list against its declarations at load,
// and tsc checks the types, so the two cannot drift.
export const shellCapabilityNames = ['chooseFolder'] as const;
export type ShellCapabilityName = (typeof shellCapabilityNames)[number];

export const shellBridgeKey = 'kioskShell';
export const shellChannel = (name: ShellCapabilityName): string => `shell:${name}`;
