// The shell-only capabilities (shared/shell-bridge.ts): present in Electron, absent in browser
// mode (null), so a screen shows a native-dialog button only when there is a dialog to open.
// Every reply is parsed, as the contract client does, because it crossed a process boundary
// (with the same lazily loaded parsing chunk, reply-schemas.ts).
import { kioskError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { ShellBridge, ShellOutput } from '../../../shared/shell-bridge';
import { shellBridgeKey } from '../../../shared/shell-bridge-names';
import { loadReplySchemas } from './kiosk-client';

export interface ShellApi {
  chooseFolder: () => Promise<Result<ShellOutput<'chooseFolder'>>>;
}

export function createShellClient(bridge: ShellBridge): ShellApi {
  return {
    chooseFolder: async () => {
      let reply: unknown;
      try {
        reply = await bridge.chooseFolder({});
      } catch (error) {
        return { ok: false, error: kioskError('UNAVAILABLE', error instanceof Error ? error.message : String(error)) };
      }
      try {
        return (await loadReplySchemas()).parseShellReply('chooseFolder', reply) as Result<ShellOutput<'chooseFolder'>>;
      } catch {
        return { ok: false, error: kioskError('INTERNAL', 'reply did not match the shell bridge') };
      }
    },
  };
}

/** Electron's preload exposes the shell bridge; browser mode has none. */
export function shellApiForThisWindow(win: Window = window): ShellApi | null {
  const bridge = (win as unknown as Record<string, ShellBridge | undefined>)[shellBridgeKey];
  return bridge === undefined ? null : createShellClient(bridge);
}
